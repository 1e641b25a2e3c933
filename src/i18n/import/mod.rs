//! The Import customers view's texts, a catalogue of their own so the main ones stay readable;
//! [`Texts::import`](super::Texts::import) reaches them. Issue wording stays in the main
//! catalogues. No static of the main catalogue points here: only the Import view's code does, so
//! the code splitter puts these texts in its chunk, not in the first load.

pub(super) mod en;
pub(super) mod fi;

/// A count as the rest of the app writes it: "5,000" in English, "5 000" in Finnish.
fn count(n: usize) -> String {
    super::format::count(n as u64)
}

impl super::Texts {
    /// The Import customers view's texts in this catalogue's language.
    pub fn import(&self) -> &'static ImportTexts {
        match self.locale {
            super::Locale::En => &en::TEXTS,
            super::Locale::Fi => &fi::TEXTS,
        }
    }
}

/// Everything the Import customers view says, in one language (but its title:
/// [`Texts::import_customers`](super::Texts)).
pub struct ImportTexts {
    pub intro: &'static str,
    pub choose_file: &'static str,
    pub drop_here: &'static str,
    pub file_hint: &'static str,
    pub paste_label: &'static str,
    pub paste_hint: &'static str,
    pub check_pasted: &'static str,
    pub template: &'static str,
    pub template_file: &'static str,
    pub reading: &'static str,
    pub file_refused: &'static str,
    pub not_read: &'static str,
    pub file_name: fn(&str) -> String,
    pub unknown_columns_title: &'static str,
    pub unknown_columns_body: &'static str,
    pub ignore_and_continue: &'static str,
    pub choose_other_file: &'static str,
    pub totals: fn(usize, usize, usize) -> String,
    pub checking_existing: &'static str,
    pub existing_failed: fn(&str) -> String,
    pub only_problems: &'static str,
    pub preview_caption: &'static str,
    pub col_row: &'static str,
    pub col_actions: &'static str,
    pub remove: &'static str,
    pub remove_row: fn(usize) -> String,
    pub fix_cell: fn(&str, usize) -> String,
    pub rows_range: fn(usize, usize, usize) -> String,
    pub no_problem_rows: &'static str,
    pub import_button: fn(usize) -> String,
    pub nothing_ready: &'static str,
    pub confirm_title: fn(usize) -> String,
    pub confirm_body: fn(usize) -> String,
    pub confirm: &'static str,
    pub progress_label: &'static str,
    pub progress: fn(usize, usize) -> String,
    pub cancel_import: &'static str,
    pub cancelling: &'static str,
    pub stopped: fn(&str) -> String,
    pub retry_rest: fn(usize) -> String,
    pub cancelled: fn(usize) -> String,
    pub finished: &'static str,
    pub summary: fn(usize, usize, usize) -> String,
    pub outcome_created: &'static str,
    pub outcome_existed: &'static str,
    pub outcome_failed: &'static str,
    pub outcome_not_sent: &'static str,
    pub replayed: &'static str,
    pub col_outcome: &'static str,
    pub col_details: &'static str,
    pub results_caption: &'static str,
    pub download_results: &'static str,
    pub results_file: &'static str,
    pub back_to_list: &'static str,
    pub import_another: &'static str,
}
