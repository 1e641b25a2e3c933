//! Bytes to text: byte order marks, UTF-16, binary files and other encodings.

use super::*;

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf8_with_and_without_bom_read_the_same() {
    let text = csv(&[ROW]);
    let plain = read(&text);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(text.as_bytes());
    let bom = read_import(&with_bom).unwrap();
    assert_eq!(plain.rows()[0].customer(), Some(&contoso()));
    assert_eq!(bom.rows(), plain.rows());
    // The mark is not content: the same rows get the same keys.
    assert_eq!(bom.content_hash(), plain.content_hash());
}

#[test]
fn pasted_text_with_a_bom_character_reads_the_same() {
    let text = csv(&[ROW]);
    let pasted = format!("\u{feff}{text}");
    assert_eq!(read(&pasted).content_hash(), read(&text).content_hash());
}

#[test]
fn utf16_with_bom_is_decoded_both_ways() {
    // Excel's "Unicode text" is UTF-16 LE with tabs; Finnish letters must survive.
    let text = "Organisaation nimi\tKäyttäjälisenssit\tLisätallennustila\tIlmoita käyttäjille\tTallennustilan tyyppi\r\n\
                Äänekosken Öljy Oy\t10\t500\tit@aanekoski.fi\tSuomalainen S3-tallennustila\r\n";
    for big_endian in [false, true] {
        let file = read_import(&utf16(text, big_endian)).unwrap();
        assert_eq!(file.delimiter(), Delimiter::Tab);
        let customer = file.rows()[0].customer().unwrap();
        assert_eq!(customer.organization_name, "Äänekosken Öljy Oy");
        assert_eq!(customer.storage_type, StorageType::FinnishS3);
    }
}

#[test]
fn broken_utf16_is_not_text() {
    let mut odd = utf16(HEADER, false);
    odd.push(b'x');
    let mut lone_surrogate = vec![0xFF, 0xFE];
    lone_surrogate.extend(0xD800u16.to_le_bytes());
    for bytes in [odd, lone_surrogate] {
        assert_eq!(codes(&refused(&bytes)), [(Field::Other, Code::NotText)]);
    }
}

#[test]
fn binary_files_are_not_text() {
    let xlsx =
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb4\xa8[Content_Types].xml".to_vec();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    // Valid UTF-8, but a NUL never belongs in a CSV file.
    let nul = format!("{HEADER}\n{ROW}\0\n").into_bytes();
    let utf32 = b"\xFF\xFE\x00\x00O\x00\x00\x00".to_vec();
    for bytes in [xlsx, png, nul, utf32] {
        assert_eq!(
            codes(&refused(&bytes)),
            [(Field::Other, Code::NotText)],
            "{bytes:?}"
        );
    }
}

#[test]
fn windows_1252_text_names_the_line_to_resave() {
    // Older Finnish Excel saves "CSV (semicolon separated)" in Windows-1252: ä is 0xE4.
    let mut bytes = b"Organisaation nimi;Verkkotunnus\r\nAbc Oy;abc.fi\r\nK".to_vec();
    bytes.extend([0xE4]);
    bytes.extend(b"pyl Oy;kapyla.fi\r\n");
    let errors = refused(&bytes);
    assert_eq!(codes(&errors), [(Field::Other, Code::UnsupportedEncoding)]);
    assert_eq!(errors[0].param("line"), "3");
}

#[test]
fn empty_files() {
    for bytes in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"  \r\n\t\n",
        b"\xEF\xBB\xBF\n\n",
    ] {
        assert_eq!(
            codes(&refused(bytes)),
            [(Field::Other, Code::EmptyFile)],
            "{bytes:?}"
        );
    }
}

#[test]
fn a_file_of_blank_rows_is_empty() {
    // What Excel saves for a sheet whose cells were cleared.
    assert_eq!(
        codes(&refused(b";;;;;\r\n;;;;;\r\n")),
        [(Field::Other, Code::EmptyFile)]
    );
}
