//! Notify Users: splitting pasted lists and checking each address.

use super::*;

#[test]
fn emails_split() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("  ", &[]),
        (" ; ;, \n", &[]),
        ("a@x.fi", &["a@x.fi"]),
        ("a@x.fi; b@y.fi", &["a@x.fi", "b@y.fi"]),
        ("a@x.fi;;b@y.fi", &["a@x.fi", "b@y.fi"]),
        ("a@x.fi,b@y.fi", &["a@x.fi", "b@y.fi"]),
        ("a@x.fi\nb@y.fi\r\n c@z.fi", &["a@x.fi", "b@y.fi", "c@z.fi"]),
        ("a@x.fi   b@y.fi\tc@z.fi", &["a@x.fi", "b@y.fi", "c@z.fi"]),
        ("Jane Doe <jane@contoso.fi>", &["jane@contoso.fi"]),
        ("A <a@x.fi>; B <b@y.fi>", &["a@x.fi", "b@y.fi"]),
        ("A <a@x.fi>, B <b@y.fi>", &["a@x.fi", "b@y.fi"]),
        (
            "Doe, Jane <jane@contoso.fi>; Smith, John <john@contoso.fi>",
            &["jane@contoso.fi", "john@contoso.fi"],
        ),
        ("\"Doe, Jane\" <jane@contoso.fi>", &["jane@contoso.fi"]),
        (
            "\"Jane (jane@x.fi)\" <jane@contoso.fi>",
            &["jane@contoso.fi"],
        ),
        (
            "bob@y.fi, Jane <jane@x.fi>, carol@z.fi",
            &["bob@y.fi", "jane@x.fi", "carol@z.fi"],
        ),
        ("Jane <jane@x.fi", &["jane@x.fi"]),
        ("Jane < jane@x.fi >", &["jane@x.fi"]),
        ("Jane <>", &[]),
        ("mailto:a@x.fi", &["a@x.fi"]),
        ("Jane <MAILTO:jane@x.fi>", &["jane@x.fi"]),
        (
            "\"john doe\"@contoso.fi, a@x.fi",
            &["\"john doe\"@contoso.fi", "a@x.fi"],
        ),
        ("\"a;b\"@contoso.fi", &["\"a;b\"@contoso.fi"]),
        ("jane", &["jane"]),
        ("jane+backup@contoso.fi", &["jane+backup@contoso.fi"]),
        // An unbalanced quote does not swallow the rest of the list.
        ("\"oops a@x.fi; b@y.fi", &["\"oops", "a@x.fi", "b@y.fi"]),
    ];
    for (input, expected) in cases {
        assert_eq!(split_emails(input), *expected, "input {input:?}");
    }
}

#[test]
fn email_check() {
    let local64 = "l".repeat(64);
    let len254 = format!(
        "{local64}@{}.{}.{}.fi",
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(58)
    );
    let len255 = format!(
        "{local64}@{}.{}.{}.fi",
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(59)
    );
    assert_eq!((len254.len(), len255.len()), (254, 255));
    let valid = [
        "jane@contoso.fi",
        "Jane.Doe@Contoso.FI",
        "jane+backup@contoso.fi",
        "first.last@sub.contoso.onmicrosoft.com",
        "o'brien@contoso.ie",
        "\"john doe\"@contoso.fi",
        "\"a;b\"@contoso.fi",
        &len254,
    ];
    for address in valid {
        assert_eq!(check_email(address), Ok(()), "address {address:?}");
    }
    let invalid = [
        "",
        "a@b",
        "jane@localhost",
        "jane",
        "@contoso.fi",
        "jane@",
        "jane@@contoso.fi",
        "jane@contoso..fi",
        "jane.@contoso.fi",
        "jane@-contoso.fi",
        "jane doe@contoso.fi",
        "jane@[127.0.0.1]",
        "Jane <jane@contoso.fi>",
        "\"unclosed@contoso.fi",
        &len255,
    ];
    for address in invalid {
        let issue = check_email(address).expect_err(address);
        assert_eq!(
            (issue.field, issue.code),
            (Field::NotifyEmails, Code::InvalidEmail)
        );
        assert_eq!(issue.param("value"), address);
    }
    let issue = check_email("a@b").unwrap_err();
    assert_eq!(issue.param("value"), "a@b");
}

pub(super) fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn notify_emails_normalise() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["a@x.fi"], &["a@x.fi"]),
        (&[" a@x.fi ", ""], &["a@x.fi"]),
        (
            &["Jane@Contoso.fi", "jane@contoso.FI", "JANE@CONTOSO.FI"],
            &["Jane@Contoso.fi"],
        ),
        (&["a@x.fi", "b@y.fi", "A@X.FI"], &["a@x.fi", "b@y.fi"]),
        (
            &["jane+backup@contoso.fi", "\"john doe\"@contoso.fi"],
            &["jane+backup@contoso.fi", "\"john doe\"@contoso.fi"],
        ),
    ];
    for (pieces, expected) in cases {
        assert_eq!(
            parse_notify_emails(&strings(pieces)),
            Ok(strings(expected)),
            "pieces {pieces:?}"
        );
    }
}

#[test]
fn notify_emails_required() {
    for pieces in [vec![], strings(&["", "  "])] {
        let errors = parse_notify_emails(&pieces).unwrap_err();
        assert_eq!(codes(&errors), [Code::Required]);
        assert_eq!(errors[0].field, Field::NotifyEmails);
    }
    assert_eq!(
        parse_notify_emails(&split_emails(";;")).unwrap_err()[0].code,
        Code::Required
    );
}

#[test]
fn notify_emails_limit() {
    let many = |n: usize| {
        (0..n)
            .map(|i| format!("user{i}@contoso.fi"))
            .collect::<Vec<_>>()
    };
    assert_eq!(parse_notify_emails(&many(20)).map(|v| v.len()), Ok(20));

    let errors = parse_notify_emails(&many(21)).unwrap_err();
    assert_eq!(codes(&errors), [Code::TooMany]);
    assert_eq!(
        (errors[0].param("max"), errors[0].param("count")),
        ("20", "21")
    );

    // Duplicates do not count towards the limit.
    let mut with_duplicate = many(20);
    with_duplicate.push("USER0@contoso.fi".into());
    assert_eq!(
        parse_notify_emails(&with_duplicate).map(|v| v.len()),
        Ok(20)
    );

    // Both problems at once.
    let mut with_invalid = many(20);
    with_invalid.push("a@b".into());
    let errors = parse_notify_emails(&with_invalid).unwrap_err();
    assert_eq!(codes(&errors), [Code::TooMany, Code::InvalidEmail]);
}

#[test]
fn notify_emails_report_every_invalid_address_once() {
    let pieces = strings(&["a@b", "ok@x.fi", "jane", "A@B", "also-ok@y.fi", "@x.fi"]);
    let errors = parse_notify_emails(&pieces).unwrap_err();
    let values: Vec<&str> = errors.iter().map(|i| i.param("value")).collect();
    assert_eq!(values, ["a@b", "jane", "@x.fi"]);
    assert!(
        errors
            .iter()
            .all(|i| (i.field, i.code) == (Field::NotifyEmails, Code::InvalidEmail))
    );
}

#[test]
fn notify_emails_from_an_outlook_paste() {
    let pieces = split_emails("Anna A <anna@x.fi>; Bert B <bert@y.fi>; anna@X.fi");
    assert_eq!(
        parse_notify_emails(&pieces),
        Ok(strings(&["anna@x.fi", "bert@y.fi"]))
    );
}
