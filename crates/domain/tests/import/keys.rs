//! Idempotency keys: stable for the same file and row, different otherwise, and in the form
//! the API's `Idempotency-Key` header accepts.

use super::*;

fn keys(text: &str) -> Vec<String> {
    read(text)
        .ready()
        .into_iter()
        .map(|r| r.idempotency_key)
        .collect()
}

const OTHER: &str = "Fabrikam Oy,fabrikam.fi,10,0,it@fabrikam.fi,finnish_s3";

#[test]
fn keys_are_uuids_the_api_accepts() {
    for key in keys(&csv(&[ROW, OTHER])) {
        assert_eq!(key.len(), 36, "{key}");
        assert!(key.bytes().all(|b| b.is_ascii_graphic()));
        let groups: Vec<usize> = key.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(key.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit()));
        // Version 8 (custom), RFC 9562 variant.
        assert_eq!(&key[14..15], "8");
        assert!("89ab".contains(&key[19..20]));
    }
}

#[test]
fn the_same_file_gives_the_same_keys_every_time() {
    let text = csv(&[ROW, OTHER]);
    let first = keys(&text);
    assert_eq!(first, keys(&text));
    assert_ne!(first[0], first[1]);
    // The same content in another encoding is the same file.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    let again: Vec<String> = read_import(&bom)
        .unwrap()
        .ready()
        .into_iter()
        .map(|r| r.idempotency_key)
        .collect();
    assert_eq!(first, again);
}

#[test]
fn keys_are_the_function_of_hash_row_and_customer() {
    let file = read(&csv(&[ROW]));
    let ready = &file.ready()[0];
    assert_eq!(
        ready.idempotency_key,
        row_idempotency_key(file.content_hash(), 2, &contoso())
    );
    assert_eq!(file.content_hash(), &ContentHash::of(&csv(&[ROW])));
    assert_eq!(file.content_hash().to_hex().len(), 64);
}

#[test]
fn another_file_row_or_body_gets_another_key() {
    let base = keys(&csv(&[ROW, OTHER]));
    // The same rows in another file (one more row) are another import.
    let longer = keys(&csv(&[
        ROW,
        OTHER,
        "Litware Oy,,1,0,it@litware.fi,finnish_s3",
    ]));
    assert_ne!(base[0], longer[0]);
    // The same customer at another row of the same file.
    let hash = ContentHash::of("x");
    assert_ne!(
        row_idempotency_key(&hash, 2, &contoso()),
        row_idempotency_key(&hash, 3, &contoso())
    );
}

#[test]
fn a_row_fixed_in_place_gets_a_new_key_and_the_others_keep_theirs() {
    let text = csv(&[ROW, OTHER]);
    let before = keys(&text);
    let mut file = read(&text);
    file.set_cell(3, Field::UserLicenses, "11");
    let after: Vec<String> = file
        .ready()
        .into_iter()
        .map(|r| r.idempotency_key)
        .collect();
    assert_eq!(after[0], before[0]);
    assert_ne!(after[1], before[1]);
    // Typing the value back gives the original key again: the API replays instead of refusing.
    file.set_cell(3, Field::UserLicenses, "10");
    let back: Vec<String> = file
        .ready()
        .into_iter()
        .map(|r| r.idempotency_key)
        .collect();
    assert_eq!(back, before);
}

#[test]
fn only_ready_rows_are_sent() {
    let file = read(&csv(&[ROW, "Bad,,0,0,x,", OTHER]));
    let numbers: Vec<usize> = file.ready().iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 4]);
}
