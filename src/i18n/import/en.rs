//! English texts of the Import customers view.

use super::{ImportTexts, count};

pub static TEXTS: ImportTexts = ImportTexts {
    intro: "Create many customers at once from a CSV file. Every row is checked with the same rules as the Add customer form, and nothing is created until you confirm.",
    choose_file: "Choose a CSV file",
    drop_here: "or drop it here",
    file_hint: "Columns: Organization name, Domain, User Licenses, Extra Storage, Notify Users, Storage Type (in English or Finnish). Comma or semicolon delimited, UTF-8. At most 50,000 rows and 10 MB.",
    paste_label: "Or paste the file’s text",
    paste_hint: "The first line names the columns.",
    check_pasted: "Check pasted text",
    template: "Download the template",
    template_file: "customers-template.csv",
    reading: "Reading the file…",
    file_refused: "This file cannot be imported. Nothing was created.",
    not_read: "The file could not be read by the browser.",
    file_name: |name| format!("File: {name}"),
    unknown_columns_title: "Some columns will be ignored",
    unknown_columns_body: "These columns are not customer fields. Their values will not be imported.",
    ignore_and_continue: "Ignore these columns and continue",
    choose_other_file: "Choose another file",
    totals: |ready, errors, warnings| {
        let [ready, errors, warnings] = [ready, errors, warnings].map(count);
        format!("{ready} ready, {errors} with errors, {warnings} with warnings")
    },
    checking_existing: "Checking which customers already exist…",
    existing_failed: |why| {
        format!(
            "Could not check which customers already exist: {why} Rows that exist will be reported as skipped when imported."
        )
    },
    only_problems: "Show only rows with problems",
    preview_caption: "The file’s rows, with the errors and warnings at each cell",
    col_row: "Row",
    col_actions: "Actions",
    remove: "Remove",
    remove_row: |row| format!("Remove row {row}"),
    fix_cell: |field, row| format!("{field}, row {row}"),
    rows_range: |first, last, total| {
        let [first, last, total] = [first, last, total].map(count);
        format!("Rows {first}–{last} of {total}")
    },
    no_problem_rows: "No row has errors or warnings.",
    import_button: |n| match n {
        1 => "Import 1 customer".to_owned(),
        n => format!("Import {} customers", count(n)),
    },
    nothing_ready: "No row is ready to import: fix or remove the rows with errors.",
    confirm_title: |n| match n {
        1 => "Import 1 customer?".to_owned(),
        n => format!("Import {} customers?", count(n)),
    },
    confirm_body: |n| {
        let n = count(n);
        format!(
            "{n} new customers will be created, and an activation email will be sent to the Notify Users addresses listed for each of them."
        )
    },
    confirm: "Import",
    progress_label: "Import progress",
    progress: |done, total| {
        let [done, total] = [done, total].map(count);
        format!("{done} of {total} rows done")
    },
    cancel_import: "Cancel import",
    cancelling: "Cancelling: the rows already sent are finishing…",
    stopped: |why| {
        format!(
            "The import stopped: {why} The rows below marked Not sent were not created; Retry continues with them and creates nothing twice."
        )
    },
    retry_rest: |n| format!("Retry the {} rows not sent", count(n)),
    cancelled: |n| format!("Import cancelled: {} rows were not sent.", count(n)),
    finished: "Import finished",
    summary: |created, existed, failed| {
        let [created, existed, failed] = [created, existed, failed].map(count);
        format!("{created} created, {existed} already existed (skipped), {failed} failed")
    },
    outcome_created: "Created",
    outcome_existed: "Already existed (skipped)",
    outcome_failed: "Failed",
    outcome_not_sent: "Not sent",
    replayed: "Already imported from this file.",
    col_outcome: "Outcome",
    col_details: "Details",
    results_caption: "The import’s result, row by row",
    download_results: "Download results (CSV)",
    results_file: "import-results.csv",
    back_to_list: "Back to Customers",
    import_another: "Import another file",
};
