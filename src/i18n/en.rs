//! English.

use domain::{Code, DomainReason, Field, Issue};

use super::{Locale, Texts, format};

pub static TEXTS: Texts = Texts {
    locale: Locale::En,
    language: "Language",
    page_not_found: "Page not found",
    page_not_found_body: "There is nothing at this address. It may have been mistyped or the link may be out of date.",
    go_to_customers: "Go to Customers",
    dismiss: "Dismiss",
    cancel: "Cancel",
    retry: "Retry",
    try_again: "Try again",
    sign_in_again: "Sign in again",
    sign_in_in_portal: "Sign in again in the portal; this view then reloads by itself.",
    loading_view: "Loading…",
    view_load_failed: "This view could not be loaded. Check the connection, then retry.",

    customers: "Customers",
    customers_caption: "Customers, with their licenses and storage. ",
    usage_as_of: |time| format!("Usage as of {time}"),
    loading_customers: "Loading customers…",
    add: "Add",
    add_customer: "Add customer",
    import_customers: "Import customers",
    usage: &super::usage::en::TEXTS,
    export_csv: "Export CSV",
    export_failed: |error| format!("The export failed: {error}"),
    export_not_saved: |problem| format!("The export could not be saved: {problem}"),
    search: "Search",
    search_placeholder: "Name, domain or ID",
    status: "Status",
    all_statuses: "All statuses",
    storage_type: "Storage type",
    all_storage_types: "All storage types",
    needs_attention: "Needs attention",
    clear_filters: "Clear filters",
    sort_by: "Sort by",
    col_organization: "Organization",
    col_domain: "Domain",
    col_status: "Status",
    col_licenses: "Licenses",
    col_storage: "Storage",
    col_storage_type: "Storage type",
    col_actions: "Actions",
    not_registered: "Not registered",
    inadequate_licenses: "Inadequate licenses",
    storage_full: "Storage full",
    nearly_full: "Nearly full",
    storage_used_by: |name| format!("Storage used by {name}"),
    edit_customer: "Edit customer",
    edit_customer_named: |name| format!("Edit customer {name}"),
    view_customer: "View customer",
    view_customer_named: |name| format!("View customer {name}"),
    view_only_customer: "You can view this customer. Ask a manager to change licenses or storage.",
    view_only_add: "You can view customers. Ask a manager to add or import customers.",
    resend_activation: "Resend activation email",
    resend_activation_to: |name| format!("Resend activation email to {name}"),
    resend_question: "Resend activation email?",
    resend: "Resend",
    resend_explained: |name, to| {
        format!("The service activation instructions for {name} are sent again to {to}.")
    },
    resend_queued: |name, to| format!("Activation email to {name} queued for {to}."),
    resend_rate_limited: |name, secs| {
        format!(
            "An activation email to {name} was sent moments ago. You can send another in {secs} seconds."
        )
    },
    resend_failed: |name, error| {
        format!("Could not resend the activation email to {name}: {error}")
    },
    email_undeliverable: "Email not delivered",
    activation_undeliverable: |to| {
        format!(
            "The activation email could not be delivered to {to}: the mail server refused it for three days. Check the addresses, then resend it."
        )
    },
    no_customers_yet: "No customers yet",
    no_customers_yet_body: "Add your first customer: they receive an activation email to register their Microsoft 365 domain.",
    no_matches: "No customers match",
    no_matches_body: "Try other search words or filters.",
    saved_not_on_page: "The customer you saved is not on this page. ",
    show_it: "Show it",
    pages: "Pages",
    rows_per_page: "Rows per page",
    range_of: |first, last, total| format!("{first}–{last} of {total}"),
    range_of_at_least: |first, last, total| format!("{first}–{last} of {total}+ customers"),
    none_of: |total| format!("0 of {total}"),
    previous: "Previous",
    next: "Next",
    status_pending: "Pending activation",
    status_active: "Active",
    storage_azure: "Azure (Ireland)",
    storage_finnish_s3: "Finnish S3 Storage",
    col_runs_out: "Runs out",
    runs_out_soon: "Runs out within 30 days",
    runs_out_storage: "Storage",
    runs_out_licenses: "Licenses",
    runs_out_both: "Storage and licenses",
    runs_out_in_days: |days| match days {
        1 => "in 1 day".to_owned(),
        n => format!("in {n} days"),
    },
    runs_out_now: "now",
    runs_out_on: |date| format!("on {date}"),
    runs_out_as_of: |date| format!("as of {date}"),
    no_forecast: "No forecast",
    date: |day, month, year| {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!("{day} {} {year}", MONTHS[(month as usize + 11) % 12])
    },

    error_network: "Could not reach the server. Check your connection and try again.",
    error_timeout: "The server did not answer in time. Try again.",
    error_unauthorized: "Your session has expired. Sign in again to continue.",
    error_not_found: "This customer does not exist or is not yours.",
    error_conflict: "Someone else changed this customer while you were editing.",
    error_server: |status| format!("The server failed (HTTP {status}). Try again in a moment."),
    error_reference: |id| format!("Reference: {id}"),

    // Add / Edit customer forms
    field_label: field,
    hint_domain: "Optional: the customer's Microsoft 365 domain to back up, e.g. contoso.fi. It can also be registered later via the service activation email.",
    hint_licenses: "Required even if the license count is not relevant to you. Enter a sufficiently large number to avoid warnings about inadequate licenses.",
    hint_storage: "The total storage space allocated for the customer (1 TB = 1000 GB).",
    hint_notify: "The service activation instructions, including a link to register the customer's domain, are sent to these addresses. Separate addresses with a semicolon (;).",
    hint_storage_type: "Where the customer's backups are stored. It cannot be changed once backups are configured.",
    storage_unit_label: "Extra Storage unit",
    required_legend: "Required fields are marked with an asterisk.",
    error_prefix: "Error: ",
    warning_prefix: "Warning: ",
    summary_one: "There is a problem: fix it to save",
    summary_many: |n| format!("There are {n} problems: fix them to save"),
    input_kept: "Everything you typed is still here. ",
    opens_in_new_tab: " (opens in a new tab)",
    save: "Save",
    saving: "Saving…",
    saving_customer: "Saving the customer…",
    saving_changes: "Saving the changes…",
    not_created: "The customer was not created.",
    retry_safe_create: "Retrying is safe: it can never create the customer twice.",
    not_saved: "The changes were not saved.",
    retry_safe_update: "Retrying is safe: it only saves if nobody else changed the customer meanwhile.",
    chips_label: "Addresses added",
    chip_edit_invalid: |address| format!("Edit {address}, not a valid email address"),
    chip_remove: |address| format!("Remove {address}"),
    breadcrumb: "Breadcrumb",
    created_toast: |name, to| format!("{name} created. Activation instructions sent to {to}."),
    saved_toast: |name| format!("{name} saved."),
    updated_toast: |name, changes| format!("{name} updated: {changes}."),
    loading_customer: "Loading the customer…",
    customer_not_found: "Customer not found",
    customer_not_found_body: "There is no customer at this address among your customers. It may have been mistyped, or the link may be out of date.",
    change_history: "Change history",
    loading_history: "Loading the history…",
    history_failed: |error| format!("The history could not be loaded: {error}"),
    no_changes_yet: "No changes yet.",
    history_caption: "Changes to this customer, newest first",
    col_when: "When",
    col_who: "Who",
    col_change: "Change",
    customer_created: "Customer created",
    role_manager: "manager",
    role_viewer: "viewer",
    role_usage_writer: "usage reporting",
    date_time: |day, month, year, hours, minutes| {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS[month as usize % 12];
        format!("{day} {month} {year}, {hours:02}:{minutes:02}")
    },
    licenses_in_use: |n, count| match n {
        1 => "1 license in use".to_owned(),
        _ => format!("{count} licenses in use"),
    },
    storage_in_use: |used, total, at| format!("{used} of {total} used (as of {at})"),
    fixed_details: "Customer details that cannot be changed here",
    storage_type_fixed: "A wrong Storage Type can only be corrected by support, and only before backups are configured. ",
    contact_support: "Contact support",
    nothing_left_to_save: "The customer already has your values: there is nothing left to save.",
    changes_discarded: "Your changes were discarded: the form shows the latest values.",
    conflict_title: "Someone else changed this customer",
    conflict_body: |name, at| {
        format!(
            "While you were editing, {name} was saved by someone else ({at}). Nothing you typed has been saved, and nothing has been lost."
        )
    },
    conflict_caption: "Values when you opened the customer, now on the server, and yours",
    when_opened: "When you opened it",
    now_on_server: "Now on the server",
    yours: "Yours",
    not_changed: "not changed",
    apply_mine: "Apply my changes to the new version",
    discard_mine: "Discard my changes",
    entra_title: "Entra ID backup",
    entra_before: "To back up this customer's Entra ID as well, order Entra ID backup ",
    entra_from_nexetic: "from Nexetic",
    entra_or: " or ",
    entra_from_marketplace: "from the ALSO Cloud Marketplace",
    entra_after: ".",
    save_changes_to: |name| format!("Save changes to {name}?"),
    save_changes: "Save changes",
    keep_editing: "Keep editing",
    leave_question: "You have unsaved changes. Leave this page and lose them?",
    leave_title: "Leave without saving?",
    leave_confirm: "Leave without saving",
    leave_stay: "Stay on this page",
    leave_body: "The changes you made on this page have not been saved. If you leave now, they will be lost.",
    next_steps_for: |name| format!("Next steps for {name}"),
    dismiss_next_steps: "Dismiss next steps",
    next_steps_body: "The customer has been sent the activation email. To start backing up their Microsoft 365 data:",
    next_step_sso: "Configure SSO to the customer's backup environment",
    next_step_permissions: "Grant permissions for the backup applications",
    next_step_settings: "Make backup settings for the customer",
    error_offline_unsent: "You are offline. Nothing was sent: reconnect to the internet and try again.",
    error_forbidden_ask: "You do not have permission to do this. Ask your administrator for access.",
    error_view_only: "Your role can view customers but not change them. Nothing was saved: ask a manager to make this change.",
    error_unreadable: |what| {
        format!("The server sent an answer the app could not read ({what}). Try again.")
    },
    error_rejected_conflict: "The server refused this because it conflicts with data it already has (HTTP 409).",
    error_rejected: |status| {
        format!(
            "The server did not accept what was sent (HTTP {status}). Check the values and try again."
        )
    },
    error_rate_limited_for: |secs| {
        format!("Too many requests: the server asks to wait {secs} seconds before trying again.")
    },
    error_rate_limited: "Too many requests: wait a moment before trying again.",
    error_no_such_request: "The server does not offer this request (HTTP 404). Try again in a moment; if it keeps happening, reload the page to update the app.",
    error_refused: |status| format!("The server refused the request (HTTP {status})."),
    error_refused_detail: |status, detail| {
        format!("The server refused the request (HTTP {status}): {detail}")
    },
};

/// A form field's label (also the name validation messages use).
fn field(field: Field) -> &'static str {
    match field {
        Field::OrganizationName => "Organization name",
        Field::Domain => "Domain",
        Field::UserLicenses => "User Licenses",
        Field::ExtraStorageGb => "Extra Storage",
        Field::NotifyEmails => "Notify Users",
        Field::StorageType => "Storage Type",
        Field::Other => "Customer",
    }
}

/// A validation message by its domain code, in English.
pub(super) fn issue(issue: &Issue) -> String {
    let label = field(issue.field);
    let p = |k| issue.param(k);
    match issue.code {
        Code::Required => match issue.field {
            Field::NotifyEmails => format!("{label} needs at least one email address."),
            _ => format!("{label} is required."),
        },
        Code::TooShort => format!("{label} must be at least {} characters.", p("min")),
        Code::TooLong => format!("{label} must be at most {} characters.", p("max")),
        Code::InvalidCharacters => format!("{label} contains characters that are not allowed."),
        Code::InvalidDomain => match p("reason") {
            "" => format!(
                "“{}” is not a valid domain, e.g. contoso.fi or contoso.onmicrosoft.com.",
                p("value")
            ),
            // A reason the app does not know is shown as the server words it.
            reason => {
                let reason = domain_reason(reason).unwrap_or(reason);
                format!("“{}” is not a valid domain: {reason}.", p("value"))
            }
        },
        Code::InvalidEmail => format!("“{}” is not a valid email address.", p("value")),
        Code::TooMany => match p("count") {
            "" => format!("Enter at most {} addresses.", p("max")),
            count => format!("Enter at most {} addresses ({count} entered).", p("max")),
        },
        Code::NotANumber => match issue.field {
            Field::ExtraStorageGb => {
                format!("{label} must be a number of GB or TB, e.g. 500 GB or 1.5 TB.")
            }
            _ => format!("{label} must be a number."),
        },
        Code::NotWhole => match issue.field {
            Field::ExtraStorageGb => format!("{label} must be a whole number of GB."),
            _ => format!("{label} must be a whole number."),
        },
        Code::OutOfRange => format!("{label} must be between {} and {}.", p("min"), p("max")),
        Code::BelowUsage => format!(
            "{} is already in use; allocate at least that much.",
            p("used")
        ),
        Code::Immutable => match issue.field {
            Field::StorageType => {
                "Storage Type cannot be changed after creation. Contact support to correct it."
                    .to_owned()
            }
            _ => format!(
                "{} cannot be changed after the customer is created.",
                p("name")
            ),
        },
        Code::Duplicate => format!(
            "Another customer already has this {}.",
            label.to_lowercase()
        ),
        Code::InadequateLicenses => format!(
            "Inadequate licenses: {} licenses are in use. Assign at least that many to avoid warnings.",
            p("in_use")
        ),
        Code::StorageNearlyFull => format!("Storage is {}% full.", p("percent")),
        Code::NoStorage => "No storage is allocated: backups cannot be stored.".to_owned(),
        Code::Normalised => format!("Saved as {}", p("value")),
        Code::NotText => "This is not a CSV file. Choose a .csv file; from Excel, use Save As → CSV UTF-8.".to_owned(),
        Code::UnsupportedEncoding => format!(
            "The file is not UTF-8 text (line {} cannot be read). In Excel, use Save As → CSV UTF-8 (Comma delimited), then choose the file again.",
            p("line")
        ),
        Code::EmptyFile => "The file is empty.".to_owned(),
        Code::FileTooLarge => format!(
            "The file is {} MB; at most {} MB can be imported at once. Split it into smaller files.",
            format::megabytes(p("actual")),
            format::megabytes(p("max"))
        ),
        Code::TooManyRows => format!(
            "The file has {} customer rows; at most {} can be imported at once. Split it into smaller files.",
            p("actual"),
            p("max")
        ),
        Code::NoHeaderRow => "The first row must name the columns: Organization name, Domain, User Licenses, Extra Storage, Notify Users and Storage Type. Download the template to see the format.".to_owned(),
        Code::NoDataRows => "The file has a header row but no customers.".to_owned(),
        Code::MissingColumn => format!("The file has no “{label}” column."),
        Code::UnknownColumn => format!(
            "Column {} “{}” is not a customer field; it will be ignored.",
            p("column"),
            p("name")
        ),
        Code::DuplicateColumn => format!(
            "Columns {} and {} are both “{label}”: keep only one of them.",
            p("first"),
            p("column")
        ),
        Code::TooManyCells => format!(
            "This row has {} cells but the header has {} columns: a value probably contains a delimiter without quotes around it.",
            p("count"),
            p("max")
        ),
        Code::NotAnOption => match issue.field {
            Field::StorageType => format!(
                "“{}” is not a Storage Type: use {} or {}.",
                p("value"),
                TEXTS.storage_azure,
                TEXTS.storage_finnish_s3
            ),
            _ => format!("“{}” is not one of the choices for {label}.", p("value")),
        },
        Code::DuplicateInFile => format!(
            "Row {} of this file has the same {}.",
            p("row"),
            label.to_lowercase()
        ),
    }
}

/// Why a domain is invalid, by its `reason` code; `None` for a reason the server words itself.
fn domain_reason(code: &str) -> Option<&'static str> {
    Some(match DomainReason::from_wire(code)? {
        DomainReason::Empty => "enter a domain such as contoso.fi",
        DomainReason::NotPunycode => {
            "enter an internationalised domain in its xn-- (punycode) form"
        }
        DomainReason::TooLong => "a domain can be at most 253 characters",
        DomainReason::EmptyLabel => {
            "a domain cannot have empty parts (two dots in a row, or a leading dot)"
        }
        DomainReason::LabelTooLong => "a label can be at most 63 characters",
        DomainReason::InvalidCharacters => {
            "a domain can only contain letters, digits, hyphens and dots"
        }
        DomainReason::HyphenAtEdge => "a label cannot start or end with a hyphen",
        DomainReason::TooFewLabels => "a domain needs at least two parts, e.g. contoso.fi",
        DomainReason::InvalidTopLevel => "the last part must be letters only, e.g. .fi or .com",
    })
}
