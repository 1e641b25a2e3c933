//! Finnish texts of the usage panel.

use super::UsageTexts;

pub static TEXTS: UsageTexts = UsageTexts {
    title: "Käyttö",
    chart_name: "Käytetty tallennustila viimeisten 90 päivän aikana",
    loading: "Ladataan käyttöä…",
    failed: |why| format!("Käyttöä ei voitu ladata: {why}"),
    no_samples: "Tälle asiakkaalle ei ole vielä raportoitu käyttöä.",
    not_enough_history: |have, need| match have {
        1 => format!("Käyttöä on toistaiseksi vain 1 päivältä: ennuste tarvitsee {need} päivää."),
        _ => format!("Käyttöä on toistaiseksi vain {have} päivältä: ennuste tarvitsee {need} päivää."),
    },
    show_table: "Näytä taulukkona",
    table_caption: "Käytetty tallennustila ja aktiiviset käyttäjät päivittäin",
    col_date: "Päivä",
    col_used: "Käytetty tallennustila",
    col_users: "Aktiiviset käyttäjät",
    legend_used: "Käytetty",
    legend_allocation: "Varattu (lisätallennustila)",
    legend_forecast: "Ennuste",
    runs_out_marker: "Loppuu",
    chart_hint: "Lue päivät nuolinäppäimillä.",
    day_values: |date, used, users| {
        format!("{date}: {used} käytössä, {users} aktiivista käyttäjää")
    },
    date: |day, month, year| format!("{day}.{}.{year}", month + 1),
    storage_of: |used, total| format!("{used} / {total} käytössä"),
    users_of: |n, users, licenses| match n {
        1 => format!("1 aktiivinen käyttäjä, lisenssejä {licenses}"),
        _ => format!("{users} aktiivista käyttäjää, lisenssejä {licenses}"),
    },
    storage_runs_out_in: |days, date| match days {
        1 => format!("Tallennustila loppuu 1 päivässä ({date})."),
        _ => format!("Tallennustila loppuu {days} päivässä ({date})."),
    },
    storage_full: "Tallennustila on jo täynnä.",
    storage_not_growing: "Tallennustilan käyttö ei kasva.",
    storage_beyond_year: "Tallennustila riittää tällä kehityksellä yli vuoden.",
    licenses_run_out_in: |days, date| match days {
        1 => format!("Lisenssit loppuvat 1 päivässä ({date})."),
        _ => format!("Lisenssit loppuvat {days} päivässä ({date})."),
    },
    licenses_exceeded: "Aktiivisia käyttäjiä on enemmän kuin lisenssejä.",
    licenses_not_growing: "Aktiivisten käyttäjien määrä ei kasva.",
    licenses_beyond_year: "Lisenssit riittävät tällä kehityksellä yli vuoden.",
    suggest: "Ehdota",
    suggest_hint: "Täyttää lisätallennustilaksi määrän, joka riittää nykyisellä kehityksellä 90 päivää, ja käyttäjälisensseiksi tämän päivän aktiiviset käyttäjät + 10 %. Mitään ei tallenneta ennen kuin tallennat.",
    suggested: |storage, licenses| {
        format!("Ehdotettu lisätallennustila {storage} ja käyttäjälisenssit {licenses}. Tarkista ja tallenna.")
    },
};
