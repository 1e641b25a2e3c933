//! The API's English wording of usage ingestion issues (the domain carries codes only).

use domain::usage::{UsageCode, UsageIssue};

/// The English message of one item's issue.
pub fn message(issue: &UsageIssue) -> String {
    let p = |k: &str| issue.params.get(k).map(String::as_str).unwrap_or("");
    let field = issue.field.as_str();
    match issue.code {
        UsageCode::NotAnObject => "A sample must be a JSON object.".to_owned(),
        UsageCode::UnknownField => format!(
            "A sample has no field `{}`; use customer_id, date, used_storage_bytes and active_users.",
            p("name")
        ),
        UsageCode::Required => format!("`{field}` is required."),
        UsageCode::WrongType => match field {
            "customer_id" | "date" => format!("`{field}` must be a string."),
            _ => format!("`{field}` must be a whole number."),
        },
        UsageCode::InvalidCharacters => format!("`{field}` contains control characters."),
        UsageCode::Negative => format!("`{field}` cannot be negative."),
        UsageCode::NotWhole => format!("`{field}` must be a whole number."),
        UsageCode::OutOfRange => match field {
            "customer_id" => format!("`customer_id` must be at most {} characters.", p("max")),
            _ => format!("`{field}` must be at most {}.", p("max")),
        },
        UsageCode::InvalidDate => "`date` must be a calendar date, YYYY-MM-DD.".to_owned(),
        UsageCode::FutureDate => format!("`date` is after today ({}).", p("today")),
        UsageCode::TooOld => format!(
            "`date` is more than {} days ago; older samples are not kept.",
            p("max_days")
        ),
        UsageCode::UnknownCustomer => "There is no customer with this id.".to_owned(),
        UsageCode::DuplicateDate => format!(
            "This customer and date appear {} times in the batch; none of them is stored.",
            p("count")
        ),
    }
}
