//! Notify Users: splitting what people paste (Outlook lists, mailto:, quoted local parts) into
//! addresses, and checking each.

use crate::issues::{Code, Field, Issue};
use email_address::{EmailAddress, Options};
use std::collections::HashSet;

/// Most addresses in Notify Users.
pub const NOTIFY_MAX: usize = 20;
/// Most characters one email address may have.
pub const EMAIL_MAX_LEN: usize = 254;

/// Splits Notify Users text into candidate addresses: on `;`, `,`, newlines and whitespace,
/// trimmed, empty pieces dropped. Outlook-style entries (`Jane Doe <jane@contoso.fi>`,
/// `Doe, Jane <jane@contoso.fi>`) become the bracketed address; a leading `mailto:` is removed.
/// Quoted local parts (`"john doe"@contoso.fi`) are kept whole.
pub fn split_emails(input: &str) -> Vec<String> {
    split_unquoted(input, |c| matches!(c, ';' | '\n' | '\r'))
        .into_iter()
        .flat_map(entry_addresses)
        .map(|a| strip_mailto(a.trim()).to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The addresses in one `;`- or line-separated entry, in the order they were typed.
fn entry_addresses(entry: &str) -> Vec<String> {
    let pieces = bracket_pieces(entry);
    let has_brackets = pieces.iter().any(|p| matches!(p, Piece::Bracketed(_)));
    let words = |text: String| -> Vec<String> {
        split_unquoted(&text, |c| c == ',' || c.is_whitespace())
            .into_iter()
            // Beside an <address>, words without an unquoted '@' are the display name ("Doe, Jane").
            .filter(|w| !has_brackets || has_unquoted_at(w))
            .map(str::to_owned)
            .collect()
    };
    pieces
        .into_iter()
        .flat_map(|piece| match piece {
            Piece::Bracketed(address) => vec![address],
            Piece::Text(text) => words(text),
        })
        .collect()
}

/// A stretch of an entry: plain text, or the inside of `<…>`.
enum Piece {
    Text(String),
    Bracketed(String),
}

/// Cuts `<…>` spans (outside quotes) from the text around them; an unclosed `<` runs to the end.
fn bracket_pieces(entry: &str) -> Vec<Piece> {
    let honour_quotes = !QuoteState::unbalanced(entry);
    let mut quotes = QuoteState::default();
    let (mut pieces, mut text) = (Vec::new(), String::new());
    let mut chars = entry.chars();
    while let Some(c) = chars.next() {
        if c == '<' && !(honour_quotes && quotes.inside()) {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
            pieces.push(Piece::Bracketed(
                chars.by_ref().take_while(|&c| c != '>').collect(),
            ));
        } else {
            quotes.step(c);
            text.push(c);
        }
    }
    pieces.push(Piece::Text(text));
    pieces
}

/// Splits on separator characters that are not inside a double-quoted string; empty pieces are
/// dropped. An unbalanced quote is ignored, so one stray `"` cannot swallow the rest of the list.
fn split_unquoted(text: &str, is_separator: impl Fn(char) -> bool) -> Vec<&str> {
    let honour_quotes = !QuoteState::unbalanced(text);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut quotes = QuoteState::default();
    for (i, c) in text.char_indices() {
        if !(honour_quotes && quotes.inside()) && is_separator(c) {
            pieces.push(&text[start..i]);
            start = i + c.len_utf8();
        } else {
            quotes.step(c);
        }
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn has_unquoted_at(word: &str) -> bool {
    let mut quotes = QuoteState::default();
    word.chars().any(|c| {
        let at = c == '@' && !quotes.inside();
        quotes.step(c);
        at
    })
}

fn strip_mailto(address: &str) -> &str {
    match address.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("mailto:") => &address[7..],
        _ => address,
    }
}

/// Tracks whether a scan is inside a `"…"` string, honouring backslash escapes.
#[derive(Debug, Default)]
struct QuoteState {
    inside: bool,
    escaped: bool,
}

impl QuoteState {
    fn inside(&self) -> bool {
        self.inside
    }

    fn unbalanced(text: &str) -> bool {
        let mut quotes = QuoteState::default();
        text.chars().for_each(|c| quotes.step(c));
        quotes.inside
    }

    fn step(&mut self, c: char) {
        if self.escaped {
            self.escaped = false;
        } else if self.inside && c == '\\' {
            self.escaped = true;
        } else if c == '"' {
            self.inside = !self.inside;
        }
    }
}

/// Checks one address for activation mail: valid per RFC 5322 (the `email_address` crate, no
/// display name, no `[IP]` literal), at most 254 characters, and a domain with a dot (`a@b` is
/// syntactically valid but cannot receive mail from the internet).
///
/// Error: `Field::NotifyEmails`, `Code::InvalidEmail` with param `value` (the address).
pub fn check_email(address: &str) -> Result<(), Issue> {
    // `with_required_tld` demands at least two domain labels, i.e. a dot.
    let options = Options::default()
        .with_required_tld()
        .without_display_text()
        .without_domain_literal();
    let valid = address.chars().count() <= EMAIL_MAX_LEN
        && EmailAddress::parse_with_options(address, options).is_ok();
    if valid {
        Ok(())
    } else {
        Err(Issue::new(Field::NotifyEmails, Code::InvalidEmail).with("value", address))
    }
}

/// Checks Notify Users: each piece is one address (trimmed; empty pieces ignored). Duplicates
/// are removed case-insensitively, keeping the first spelling; the result is that list.
///
/// Errors (`Field::NotifyEmails`): `Required` when there is none; `TooMany` (`max` "20",
/// `count`) when more than 20 distinct addresses; `InvalidEmail` (`value`) for each invalid one.
pub fn parse_notify_emails(pieces: &[String]) -> Result<Vec<String>, Vec<Issue>> {
    let field = Field::NotifyEmails;
    let mut seen = HashSet::new();
    let addresses: Vec<String> = pieces
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && seen.insert(p.to_lowercase()))
        .map(str::to_owned)
        .collect();
    if addresses.is_empty() {
        return Err(vec![Issue::new(field, Code::Required)]);
    }
    let mut issues = Vec::new();
    if addresses.len() > NOTIFY_MAX {
        issues.push(
            Issue::new(field, Code::TooMany)
                .with("max", NOTIFY_MAX)
                .with("count", addresses.len()),
        );
    }
    issues.extend(addresses.iter().filter_map(|a| check_email(a).err()));
    if issues.is_empty() {
        Ok(addresses)
    } else {
        Err(issues)
    }
}
