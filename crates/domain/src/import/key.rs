//! The file's content hash and the `Idempotency-Key` of each row derived from it, so retries
//! and re-imports of the same file send the same key for the same row.

use sha2::{Digest, Sha256};

use crate::types::NewCustomer;

/// SHA-256 of an import file's text (after decoding, without a byte order mark), so the same
/// content has the same hash whether chosen as a file in any supported encoding or pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash([u8; 32]);

impl ContentHash {
    /// The hash of a file's text.
    pub fn of(text: &str) -> Self {
        ContentHash(Sha256::digest(text.as_bytes()).into())
    }

    /// The hash in lowercase hexadecimal (64 characters).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

/// The `Idempotency-Key` for row `row` (its spreadsheet number) of the file with `content`,
/// sending `customer`: a UUID (version 8, RFC 9562: custom) from SHA-256 of all three, so it
/// is 36 visible ASCII characters as the API requires.
///
/// The same file and row give the same key on a retry, a double click or a re-import; a row
/// fixed in the preview sends another body, so it gets another key (the API refuses a key
/// reused with a different body).
pub fn row_idempotency_key(content: &ContentHash, row: usize, customer: &NewCustomer) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"customers-import/v1\0");
    hasher.update(content.0);
    hasher.update((row as u64).to_be_bytes());
    // Field order is the struct's, so the JSON is canonical.
    hasher.update(serde_json::to_vec(customer).unwrap_or_default());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
