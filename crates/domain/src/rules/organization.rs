//! Organization name: whitespace collapsed, 2–200 characters, no control characters.

use crate::issues::{Code, Field, Issue};

/// Fewest characters an organization name may have (after trimming and collapsing whitespace).
pub const ORGANIZATION_NAME_MIN: usize = 2;
/// Most characters an organization name may have.
pub const ORGANIZATION_NAME_MAX: usize = 200;

/// Trims the name and collapses inner whitespace runs to one space, then checks it is present,
/// 2–200 characters long and free of control characters.
///
/// Errors (`Field::OrganizationName`), the first that applies only: `Required`;
/// `InvalidCharacters`; `TooShort` (`min`) or `TooLong` (`max`).
pub fn parse_organization_name(input: &str) -> Result<String, Vec<Issue>> {
    let field = Field::OrganizationName;
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(vec![Issue::new(field, Code::Required)]);
    }
    let len = name.chars().count();
    // One error per value: the first that fails, in the order the doc comment lists them.
    let issue = if name.chars().any(char::is_control) {
        // Tabs and newlines were collapsed above; what is left (NUL, BEL, DEL, C1) is never intended.
        Issue::new(field, Code::InvalidCharacters)
    } else if len < ORGANIZATION_NAME_MIN {
        Issue::new(field, Code::TooShort).with("min", ORGANIZATION_NAME_MIN)
    } else if len > ORGANIZATION_NAME_MAX {
        Issue::new(field, Code::TooLong).with("max", ORGANIZATION_NAME_MAX)
    } else {
        return Ok(name);
    };
    Err(vec![issue])
}
