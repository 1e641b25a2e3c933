//! Finnish texts of the Import customers view.

use super::{ImportTexts, count};

pub static TEXTS: ImportTexts = ImportTexts {
    intro: "Luo monta asiakasta kerralla CSV-tiedostosta. Jokainen rivi tarkistetaan samoilla säännöillä kuin Lisää asiakas -lomakkeessa, eikä mitään luoda ennen kuin vahvistat.",
    choose_file: "Valitse CSV-tiedosto",
    drop_here: "tai pudota se tähän",
    file_hint: "Sarakkeet: Organisaation nimi, Verkkotunnus, Käyttäjälisenssit, Lisätallennustila, Ilmoita käyttäjille, Tallennustilan tyyppi (suomeksi tai englanniksi). Erottimena pilkku tai puolipiste, UTF-8. Enintään 50 000 riviä ja 10 Mt.",
    paste_label: "Tai liitä tiedoston teksti",
    paste_hint: "Ensimmäinen rivi nimeää sarakkeet.",
    check_pasted: "Tarkista liitetty teksti",
    template: "Lataa malli",
    template_file: "asiakkaat-malli.csv",
    reading: "Luetaan tiedostoa…",
    file_refused: "Tätä tiedostoa ei voi tuoda. Mitään ei luotu.",
    not_read: "Selain ei pystynyt lukemaan tiedostoa.",
    file_name: |name| format!("Tiedosto: {name}"),
    unknown_columns_title: "Osa sarakkeista ohitetaan",
    unknown_columns_body: "Nämä sarakkeet eivät ole asiakkaan tietoja. Niiden arvoja ei tuoda.",
    ignore_and_continue: "Ohita sarakkeet ja jatka",
    choose_other_file: "Valitse toinen tiedosto",
    totals: |ready, errors, warnings| {
        let [ready, errors, warnings] = [ready, errors, warnings].map(count);
        format!("{ready} valmiina, {errors} virheellistä, {warnings} varoituksin")
    },
    checking_existing: "Tarkistetaan, mitkä asiakkaat ovat jo olemassa…",
    existing_failed: |why| {
        format!(
            "Olemassa olevia asiakkaita ei voitu tarkistaa: {why} Jo olemassa olevat rivit ilmoitetaan ohitetuiksi tuonnissa."
        )
    },
    only_problems: "Näytä vain rivit, joissa on huomautettavaa",
    preview_caption: "Tiedoston rivit ja kunkin solun virheet ja varoitukset",
    col_row: "Rivi",
    col_actions: "Toiminnot",
    remove: "Poista",
    remove_row: |row| format!("Poista rivi {row}"),
    fix_cell: |field, row| format!("{field}, rivi {row}"),
    rows_range: |first, last, total| {
        let [first, last, total] = [first, last, total].map(count);
        format!("Rivit {first}–{last} / {total}")
    },
    no_problem_rows: "Yhdessäkään rivissä ei ole virheitä tai varoituksia.",
    import_button: |n| match n {
        1 => "Tuo 1 asiakas".to_owned(),
        n => format!("Tuo {} asiakasta", count(n)),
    },
    nothing_ready: "Yksikään rivi ei ole valmis tuotavaksi: korjaa tai poista virheelliset rivit.",
    confirm_title: |n| match n {
        1 => "Tuodaanko 1 asiakas?".to_owned(),
        n => format!("Tuodaanko {} asiakasta?", count(n)),
    },
    confirm_body: |n| {
        let n = count(n);
        format!(
            "Luodaan {n} uutta asiakasta, ja kunkin Ilmoita käyttäjille -osoitteisiin lähetetään aktivointisähköposti."
        )
    },
    confirm: "Tuo",
    progress_label: "Tuonnin edistyminen",
    progress: |done, total| {
        let [done, total] = [done, total].map(count);
        format!("{done} / {total} riviä käsitelty")
    },
    cancel_import: "Peruuta tuonti",
    cancelling: "Peruutetaan: jo lähetetyt rivit viedään loppuun…",
    stopped: |why| {
        format!(
            "Tuonti keskeytyi: {why} Alla Ei lähetetty -merkittyjä rivejä ei luotu; Yritä uudelleen jatkaa niistä eikä luo mitään kahdesti."
        )
    },
    retry_rest: |n| format!("Yritä uudelleen {} lähettämätöntä riviä", count(n)),
    cancelled: |n| format!("Tuonti peruutettiin: {} riviä jäi lähettämättä.", count(n)),
    finished: "Tuonti valmis",
    summary: |created, existed, failed| {
        let [created, existed, failed] = [created, existed, failed].map(count);
        format!("{created} luotu, {existed} oli jo olemassa (ohitettu), {failed} epäonnistui")
    },
    outcome_created: "Luotu",
    outcome_existed: "Oli jo olemassa (ohitettu)",
    outcome_failed: "Epäonnistui",
    outcome_not_sent: "Ei lähetetty",
    replayed: "Tuotu jo tästä tiedostosta.",
    col_outcome: "Tulos",
    col_details: "Lisätiedot",
    results_caption: "Tuonnin tulos riveittäin",
    download_results: "Lataa tulokset (CSV)",
    results_file: "tuonnin-tulokset.csv",
    back_to_list: "Takaisin asiakkaisiin",
    import_another: "Tuo toinen tiedosto",
};
