//! Texts that English tells apart must differ in Finnish too: two buttons or messages that mean
//! different things in one language cannot read the same in the other.

use super::{Locale, Texts, texts};

/// Every plain text of a catalogue, with its field name.
fn plain_texts(t: &Texts) -> Vec<(&'static str, &'static str)> {
    macro_rules! fields {
        ($($name:ident),* $(,)?) => { vec![$((stringify!($name), t.$name)),*] };
    }
    fields!(
        language,
        page_not_found,
        page_not_found_body,
        go_to_customers,
        dismiss,
        cancel,
        retry,
        try_again,
        sign_in_again,
        sign_in_in_portal,
        loading_view,
        view_load_failed,
        customers,
        customers_caption,
        loading_customers,
        add,
        add_customer,
        export_csv,
        search,
        search_placeholder,
        status,
        all_statuses,
        storage_type,
        all_storage_types,
        needs_attention,
        clear_filters,
        sort_by,
        col_organization,
        col_domain,
        col_status,
        col_licenses,
        col_storage,
        col_storage_type,
        col_actions,
        not_registered,
        inadequate_licenses,
        storage_full,
        nearly_full,
        edit_customer,
        resend_activation,
        resend_question,
        resend,
        no_customers_yet,
        no_customers_yet_body,
        no_matches,
        no_matches_body,
        saved_not_on_page,
        show_it,
        pages,
        rows_per_page,
        previous,
        next,
        status_pending,
        status_active,
        storage_azure,
        storage_finnish_s3,
        col_runs_out,
        runs_out_soon,
        runs_out_storage,
        runs_out_licenses,
        runs_out_both,
        runs_out_now,
        no_forecast,
        error_network,
        error_timeout,
        error_unauthorized,
        error_not_found,
        error_conflict,
        hint_domain,
        hint_licenses,
        hint_storage,
        hint_notify,
        hint_storage_type,
        storage_unit_label,
        required_legend,
        error_prefix,
        warning_prefix,
        summary_one,
        input_kept,
        opens_in_new_tab,
        save,
        saving,
        saving_customer,
        saving_changes,
        not_created,
        retry_safe_create,
        not_saved,
        retry_safe_update,
        chips_label,
        breadcrumb,
        loading_customer,
        customer_not_found,
        customer_not_found_body,
        change_history,
        loading_history,
        no_changes_yet,
        history_caption,
        col_when,
        col_who,
        col_change,
        customer_created,
        role_manager,
        role_viewer,
        role_usage_writer,
        view_customer,
        view_only_customer,
        view_only_add,
        error_view_only,
        fixed_details,
        storage_type_fixed,
        contact_support,
        nothing_left_to_save,
        changes_discarded,
        conflict_title,
        conflict_caption,
        when_opened,
        now_on_server,
        yours,
        not_changed,
        apply_mine,
        discard_mine,
        entra_title,
        entra_before,
        entra_from_nexetic,
        entra_or,
        entra_from_marketplace,
        entra_after,
        save_changes,
        keep_editing,
        leave_question,
        leave_title,
        leave_confirm,
        leave_stay,
        leave_body,
        dismiss_next_steps,
        next_steps_body,
        next_step_sso,
        next_step_permissions,
        next_step_settings,
        error_offline_unsent,
        error_forbidden_ask,
        error_rejected_conflict,
        error_rate_limited,
        error_no_such_request
    )
}

#[test]
fn texts_english_distinguishes_differ_in_finnish() {
    let en = plain_texts(texts(Locale::En));
    let fi = plain_texts(texts(Locale::Fi));
    let mut same = Vec::new();
    for (i, ((name_a, en_a), (_, fi_a))) in en.iter().zip(&fi).enumerate() {
        for ((name_b, en_b), (_, fi_b)) in en.iter().zip(&fi).skip(i + 1) {
            if en_a != en_b && fi_a == fi_b {
                same.push(format!("{name_a} / {name_b}: \"{fi_a}\""));
            }
        }
    }
    assert!(
        same.is_empty(),
        "one Finnish text for two English ones:\n{}",
        same.join("\n")
    );
}

#[test]
fn retry_and_try_again_stay_apart() {
    // The save failure's "Retry" (safe to send again) and "Try again" (it failed for a reason).
    for locale in [Locale::En, Locale::Fi] {
        let t = texts(locale);
        assert_ne!(t.retry, t.try_again, "{locale:?}");
    }
}
