//! An import file's bytes as text: UTF-8 with or without a byte order mark, or UTF-16 with one;
//! binary files and other encodings are refused with their own codes.

use std::borrow::Cow;

use super::IMPORT_MAX_BYTES;
use crate::issues::{Code, Field, Issue};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16_BE_BOM: &[u8] = b"\xFE\xFF";

/// The file's text without its byte order mark.
///
/// Errors (`Field::Other`), the first that applies: `FileTooLarge` (`max`, `actual` in bytes);
/// `NotText` (binary content, e.g. an `.xlsx` workbook or a NUL character);
/// `UnsupportedEncoding` (`line`: text in another encoding, such as Windows-1252);
/// `EmptyFile` (nothing but whitespace).
pub(super) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Issue> {
    if bytes.len() > IMPORT_MAX_BYTES {
        return Err(Issue::new(Field::Other, Code::FileTooLarge)
            .with("max", IMPORT_MAX_BYTES)
            .with("actual", bytes.len()));
    }
    let text = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(UTF16_LE_BOM) {
        Cow::Owned(utf16(rest, u16::from_le_bytes)?)
    } else if let Some(rest) = bytes.strip_prefix(UTF16_BE_BOM) {
        Cow::Owned(utf16(rest, u16::from_be_bytes)?)
    } else {
        utf8(bytes)?
    };
    // Pasted text may carry the mark as a character; a NUL never belongs in a CSV file.
    let text = match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.strip_prefix('\u{feff}').unwrap_or(t)),
        Cow::Owned(t) => match t.strip_prefix('\u{feff}') {
            Some(rest) => Cow::Owned(rest.to_owned()),
            None => Cow::Owned(t),
        },
    };
    if text.contains('\0') {
        return Err(not_text());
    }
    if text.trim().is_empty() {
        return Err(Issue::new(Field::Other, Code::EmptyFile));
    }
    Ok(text)
}

fn not_text() -> Issue {
    Issue::new(Field::Other, Code::NotText)
}

/// UTF-8 text, or why not: binary, or text in some other encoding (with the line it fails on).
fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, Issue> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) if looks_binary(bytes) => Err(not_text()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(Issue::new(Field::Other, Code::UnsupportedEncoding).with("line", line))
        }
    }
}

/// Control bytes other than tab, line feed, form feed, carriage return and escape never occur in
/// text in any single-byte encoding, so their presence means a binary file.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F))
}

/// UTF-16 code units read with `unit` (little- or big-endian); odd lengths and unpaired
/// surrogates mean it is not UTF-16 text after all.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Issue> {
    if !bytes.len().is_multiple_of(2) {
        return Err(not_text());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| not_text())
}
