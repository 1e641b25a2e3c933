//! The CSV export: the filtered set, with formula cells escaped.

use axum::http::StatusCode;

use crate::common::*;

async fn csv_export_has_the_filtered_set_with_formula_cells_escaped() {
    for mb in LIST_CACHE_MODES {
        csv_export_has_the_filtered_set_with_formula_cells_escaped_with(mb).await;
    }
}

async fn csv_export_has_the_filtered_set_with_formula_cells_escaped_with(mb: u64) {
    let app = TestApp::with_cache(mb).await;
    // Values the create rules would refuse, written directly, to prove the export escapes them.
    let reseller = app.reseller(DEMO).await;
    for (i, name) in [
        "=HYPERLINK(\"http://evil\")",
        "+1+1",
        "-2",
        "@SUM(A1)",
        "\tTabbed",
    ]
    .iter()
    .enumerate()
    {
        let c = domain::Customer {
            id: format!("evil-{i}"),
            organization_name: (*name).to_owned(),
            domain: None,
            user_licenses: 1,
            extra_storage_gb: 100,
            notify_emails: vec!["=cmd@evil.example".into()],
            storage_type: domain::StorageType::AzureIreland,
            status: domain::CustomerStatus::Active,
            licenses_in_use: 0,
            storage_used_gb: 0,
            usage_updated_at: "2024-01-01T00:00:00.000Z".into(),
            created_at: "2024-01-01T00:00:00.000Z".into(),
            updated_at: "2024-01-01T00:00:00.000Z".into(),
            version: 1,
            activation_email: domain::ActivationEmail::Sent,
            forecast: Default::default(),
        };
        app.state
            .store
            .import_customers(&reseller, &[c])
            .await
            .unwrap();
    }
    let r = app.get("/api/v1/customers/export.csv", DEMO).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"customers.csv\"")
    );
    let mut reader = csv::Reader::from_reader(r.body.as_ref());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "organization_name",
            "domain",
            "status",
            "user_licenses",
            "licenses_in_use",
            "extra_storage_gb",
            "storage_used_gb",
            "storage_type",
            "notify_emails",
            "created_at",
            "usage_updated_at",
            "storage_runs_out",
            "licenses_runs_out",
            "runs_out_days"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 45);
    let names: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    for escaped in [
        "'=HYPERLINK(\"http://evil\")",
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "'\tTabbed",
    ] {
        assert!(names.contains(&escaped), "{escaped} in {names:?}");
    }
    assert!(
        rows.iter()
            .filter(|r| r[0].starts_with("evil-"))
            .all(|r| &r[9] == "'=cmd@evil.example")
    );
    let contoso = rows.iter().find(|r| &r[1] == "Contoso Oy").unwrap();
    let api = app
        .get(&format!("/api/v1/customers/{}", &contoso[0]), DEMO)
        .await
        .json();
    assert_eq!(&contoso[2], api["domain"].as_str().unwrap());
    assert_eq!(&contoso[4], api["user_licenses"].to_string());
    assert_eq!(&contoso[10], api["created_at"].as_str().unwrap());
    assert_eq!(&contoso[11], api["usage_updated_at"].as_str().unwrap());
    let customer: domain::Customer = serde_json::from_value(api.clone()).unwrap();
    let cell = |r: domain::RunsOut| match r {
        domain::RunsOut::InDays { days } => days.to_string(),
        other => other.to_code(),
    };
    assert_eq!(&contoso[12], cell(customer.forecast.storage));
    assert_eq!(&contoso[13], cell(customer.forecast.licenses));
    let days = customer.forecast.runs_out_days().map(|d| d.to_string());
    assert_eq!(&contoso[14], days.unwrap_or_default());
    let joined: Vec<&str> = api["notify_emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(&contoso[9], joined.join("; "));

    // Same filters as the list, no paging.
    let r = app
        .get(
            "/api/v1/customers/export.csv?status=pending_activation&q=oy",
            DEMO,
        )
        .await;
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(r.body.as_ref())
        .records()
        .map(Result::unwrap)
        .collect();
    let expected = app
        .total("/api/v1/customers?status=pending_activation&q=oy", DEMO)
        .await;
    assert_eq!(rows.len() as u64, expected);
    assert!(rows.iter().all(|r| &r[3] == "pending_activation"));
    // The other reseller sees only its own.
    let r = app.get("/api/v1/customers/export.csv", SMALL).await;
    assert_eq!(
        csv::Reader::from_reader(r.body.as_ref()).records().count(),
        3
    );
}

backend_tests!(csv_export_has_the_filtered_set_with_formula_cells_escaped,);
