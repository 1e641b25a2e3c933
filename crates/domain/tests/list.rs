//! The list query contract: the API's strict reading, the app URL's lenient one, and the pairs
//! both write.

use domain::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn url(list: &'static [(&'static str, &'static str)]) -> ListQuery {
    ListQuery::from_url(|key| {
        list.iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| (*v).to_owned())
    })
}

#[test]
fn every_parameter_round_trips_through_pairs() {
    let query = ListQuery {
        q: "  contoso ".into(),
        status: Some(CustomerStatus::PendingActivation),
        storage_type: Some(StorageType::FinnishS3),
        attention: true,
        runs_out_soon: true,
        sort: Some(Sort::descending(SortKey::Domain)),
        page: 2,
        per_page: 50,
    };
    let written: Vec<(String, String)> = query
        .pairs()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    assert_eq!(
        written,
        pairs(&[
            ("q", "contoso"),
            ("status", "pending_activation"),
            ("storage_type", "finnish_s3"),
            ("attention", "true"),
            ("runs_out_soon", "true"),
            ("sort", "-domain"),
            ("page", "2"),
            ("per_page", "50"),
        ])
    );
    let names: Vec<&str> = query.pairs().iter().map(|(k, _)| *k).collect();
    assert_eq!(names, LIST_PARAMS);
    assert_eq!(
        ListQuery::parse(&written),
        Ok(ListQuery {
            q: "contoso".into(),
            ..query
        })
    );
}

#[test]
fn defaults_write_no_pairs() {
    assert!(ListQuery::default().pairs().is_empty());
    assert_eq!(ListQuery::parse(&[]), Ok(ListQuery::default()));
    assert_eq!(
        ListQuery::default().sort_or_default(),
        Sort::ascending(SortKey::OrganizationName)
    );
}

#[test]
fn filters_ignore_whitespace_only_search_everywhere() {
    let blank = ListQuery {
        q: "   ".into(),
        ..ListQuery::default()
    };
    assert!(!blank.is_filtered());
    assert!(blank.pairs().is_empty());
    for filtered in [
        ListQuery {
            q: " x ".into(),
            ..ListQuery::default()
        },
        ListQuery {
            attention: true,
            ..ListQuery::default()
        },
        ListQuery {
            status: Some(CustomerStatus::Active),
            ..ListQuery::default()
        },
    ] {
        assert!(filtered.is_filtered(), "{filtered:?}");
    }
    let sorted = ListQuery {
        sort: Some(Sort::descending(SortKey::CreatedAt)),
        page: 3,
        ..ListQuery::default()
    };
    assert!(!sorted.is_filtered());
    assert_eq!(
        sorted.unpaged_pairs(),
        vec![("sort", "-created_at".to_owned())]
    );
}

#[test]
fn every_sort_key_parses_in_both_directions() {
    for key in SortKey::ALL {
        for sort in [Sort::ascending(key), Sort::descending(key)] {
            assert_eq!(Sort::parse(&sort.to_param()), Some(sort));
        }
    }
    for bad in ["", "-", "name", "--domain", "Domain", "domain-"] {
        assert_eq!(Sort::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn the_app_url_falls_back_to_defaults() {
    let q = url(&[
        ("status", "deleted"),
        ("storage_type", "tape"),
        ("attention", "yes"),
        ("sort", "-bogus"),
        ("page", "0"),
        ("per_page", "5000"),
    ]);
    assert_eq!(q, ListQuery::default());
    let q = url(&[("page", "10000001"), ("per_page", "100"), ("q", "  a b ")]);
    assert_eq!((q.page, q.per_page, q.q.as_str()), (1, 100, "  a b "));
    // The last value of a repeated key wins, as in the router's query map.
    let q = url(&[("page", "2"), ("page", "4")]);
    assert_eq!(q.page, 4);
}

#[test]
fn the_api_refuses_what_it_does_not_understand() {
    let refused = |list: &[(&str, &str)]| ListQuery::parse(&pairs(list)).unwrap_err();
    assert_eq!(
        refused(&[("limit", "5")]),
        QueryError::Unknown {
            name: "limit".into()
        }
    );
    assert_eq!(
        refused(&[("q", "a"), ("q", "b")]),
        QueryError::Repeated { name: "q".into() }
    );
    let long = "x".repeat(MAX_Q_CHARS + 1);
    assert_eq!(
        refused(&[("q", &long)]),
        QueryError::TooLong {
            name: "q",
            max: MAX_Q_CHARS
        }
    );
    for (name, value) in [
        ("status", "deleted"),
        ("storage_type", "tape"),
        ("attention", "yes"),
        ("sort", "-bogus"),
        ("page", "0"),
        ("page", "10000001"),
        ("per_page", "101"),
        ("per_page", "x"),
    ] {
        assert_eq!(
            refused(&[(name, value)]),
            QueryError::Invalid {
                name: match name {
                    "status" => "status",
                    "storage_type" => "storage_type",
                    "attention" => "attention",
                    "sort" => "sort",
                    "page" => "page",
                    _ => "per_page",
                },
                value: value.into()
            }
        );
    }
}

#[test]
fn the_api_trims_values_and_drops_control_characters() {
    let q = ListQuery::parse(&pairs(&[
        ("q", " Con\u{0}toso\n "),
        ("status", " "),
        ("attention", "false"),
        ("page", " 3 "),
    ]))
    .unwrap();
    assert_eq!(
        q,
        ListQuery {
            q: "Contoso".into(),
            page: 3,
            ..ListQuery::default()
        }
    );
    assert_eq!(q.offset(), 50);
}
