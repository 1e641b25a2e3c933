//! Suomi.

use domain::{Code, Field, Issue};

use super::Texts;

pub static TEXTS: Texts = Texts {
    language: "Kieli",
    page_not_found: "Sivua ei löydy",
    page_not_found_body: "Tässä osoitteessa ei ole mitään. Osoite voi olla kirjoitettu väärin tai linkki vanhentunut.",
    go_to_customers: "Siirry asiakkaisiin",
    dismiss: "Sulje",
    cancel: "Peruuta",
    retry: "Yritä uudelleen",
    try_again: "Yritä uudelleen",
    sign_in_again: "Kirjaudu uudelleen",
    sign_in_in_portal: "Kirjaudu portaaliin uudelleen; tämä näkymä latautuu sitten itsestään.",

    customers: "Asiakkaat",
    customers_caption: "Asiakkaat lisensseineen ja tallennustiloineen. ",
    usage_as_of: |time| format!("Käyttö klo {time}"),
    loading_customers: "Ladataan asiakkaita…",
    add: "Lisää",
    add_customer: "Lisää asiakas",
    export_csv: "Vie CSV",
    export_failed: |error| format!("Vienti epäonnistui: {error}"),
    export_not_saved: |problem| format!("Vientiä ei voitu tallentaa: {problem}"),
    search: "Haku",
    search_placeholder: "Nimi, verkkotunnus tai tunnus",
    status: "Tila",
    all_statuses: "Kaikki tilat",
    storage_type: "Tallennustilan tyyppi",
    all_storage_types: "Kaikki tallennustyypit",
    needs_attention: "Vaatii huomiota",
    clear_filters: "Tyhjennä suodattimet",
    col_organization: "Organisaatio",
    col_domain: "Verkkotunnus",
    col_status: "Tila",
    col_licenses: "Lisenssit",
    col_storage: "Tallennustila",
    col_storage_type: "Tallennustyyppi",
    col_actions: "Toiminnot",
    not_registered: "Ei rekisteröity",
    inadequate_licenses: "Lisenssit eivät riitä",
    storage_full: "Tila täynnä",
    nearly_full: "Lähes täynnä",
    storage_used_by: |name| format!("Asiakkaan {name} käyttämä tallennustila"),
    edit_customer: "Muokkaa asiakasta",
    edit_customer_named: |name| format!("Muokkaa asiakasta {name}"),
    resend_activation: "Lähetä aktivointiviesti uudelleen",
    resend_activation_to: |name| format!("Lähetä aktivointiviesti uudelleen asiakkaalle {name}"),
    resend_question: "Lähetetäänkö aktivointiviesti uudelleen?",
    resend: "Lähetä",
    resend_explained: |name, to| {
        format!(
            "Asiakkaan {name} palvelun aktivointiohjeet lähetetään uudelleen osoitteisiin {to}."
        )
    },
    resend_queued: |name, to| {
        format!("Asiakkaan {name} aktivointiviesti on jonossa osoitteisiin {to}.")
    },
    resend_rate_limited: |name, secs| {
        format!(
            "Asiakkaalle {name} lähetettiin aktivointiviesti juuri äsken. Voit lähettää uuden {secs} sekunnin kuluttua."
        )
    },
    resend_failed: |name, error| {
        format!("Aktivointiviestiä asiakkaalle {name} ei voitu lähettää: {error}")
    },
    no_customers_yet: "Ei vielä asiakkaita",
    no_customers_yet_body: "Lisää ensimmäinen asiakkaasi: hän saa aktivointiviestin Microsoft 365 -verkkotunnuksen rekisteröintiä varten.",
    no_matches: "Ei hakua vastaavia asiakkaita",
    no_matches_body: "Kokeile muita hakusanoja tai suodattimia.",
    saved_not_on_page: "Tallentamasi asiakas ei ole tällä sivulla. ",
    show_it: "Näytä se",
    pages: "Sivut",
    rows_per_page: "Rivejä sivulla",
    range_of: |first, last, total| format!("{first}–{last} / {total}"),
    none_of: |total| format!("0 / {total}"),
    previous: "Edellinen",
    next: "Seuraava",
    status_pending: "Odottaa aktivointia",
    status_active: "Aktiivinen",
    storage_azure: "Azure (Irlanti)",
    storage_finnish_s3: "Suomalainen S3-tallennustila",

    error_network: "Palvelimeen ei saatu yhteyttä. Tarkista yhteys ja yritä uudelleen.",
    error_offline: "Olet offline-tilassa. Yhdistä internetiin ja yritä uudelleen.",
    error_timeout: "Palvelin ei vastannut ajoissa. Yritä uudelleen.",
    error_unauthorized: "Istuntosi on vanhentunut. Kirjaudu uudelleen jatkaaksesi.",
    error_forbidden: "Sinulla ei ole oikeutta tähän.",
    error_not_found: "Asiakasta ei ole olemassa tai se ei ole sinun.",
    error_conflict: "Joku muu muutti asiakasta muokkauksesi aikana.",
    error_server: |status| {
        format!("Palvelimella tapahtui virhe (HTTP {status}). Yritä hetken kuluttua uudelleen.")
    },
    error_decode: "Palvelimen vastaus oli odottamaton. Lataa sivu uudelleen; jos ongelma jatkuu, ota yhteys tukeen.",

    issue,
};

/// The field's name in Finnish, as the form labels it.
fn field(field: Field) -> &'static str {
    match field {
        Field::OrganizationName => "Organisaation nimi",
        Field::Domain => "Verkkotunnus",
        Field::UserLicenses => "Käyttäjälisenssit",
        Field::ExtraStorageGb => "Lisätallennustila",
        Field::NotifyEmails => "Ilmoita käyttäjille",
        Field::StorageType => "Tallennustilan tyyppi",
        Field::Other => "Asiakas",
    }
}

/// A validation message by its domain code, in Finnish.
fn issue(issue: &Issue) -> String {
    let label = field(issue.field);
    let p = |k| issue.param(k);
    match issue.code {
        Code::Required => match issue.field {
            Field::NotifyEmails => "Anna vähintään yksi sähköpostiosoite.".to_owned(),
            _ => format!("{label} on pakollinen."),
        },
        Code::TooShort => format!("{label}: vähintään {} merkkiä.", p("min")),
        Code::TooLong => format!("{label}: enintään {} merkkiä.", p("max")),
        Code::InvalidCharacters => format!("{label} sisältää merkkejä, jotka eivät ole sallittuja."),
        Code::InvalidDomain => format!("”{}” ei ole kelvollinen verkkotunnus, esim. contoso.fi tai contoso.onmicrosoft.com.", p("value")),
        Code::InvalidEmail => format!("”{}” ei ole kelvollinen sähköpostiosoite.", p("value")),
        Code::TooMany => format!("Anna enintään {} osoitetta.", p("max")),
        Code::NotANumber => match issue.field {
            Field::ExtraStorageGb => format!("{label} on annettava gigatavuina tai teratavuina, esim. 500 GB tai 1,5 TB."),
            _ => format!("{label} on annettava numerona."),
        },
        Code::NotWhole => match issue.field {
            Field::ExtraStorageGb => format!("{label} on annettava kokonaisina gigatavuina."),
            _ => format!("{label} on annettava kokonaislukuna."),
        },
        Code::OutOfRange => format!("{label}: arvon on oltava välillä {}–{}.", p("min"), p("max")),
        Code::BelowUsage => format!("{} on jo käytössä; varaa vähintään sen verran.", p("used")),
        Code::Immutable => match issue.field {
            Field::StorageType => "Tallennustilan tyyppiä ei voi muuttaa luonnin jälkeen. Ota yhteys tukeen sen korjaamiseksi.".to_owned(),
            _ => format!("Kenttää {} ei voi muuttaa asiakkaan luonnin jälkeen.", p("name")),
        },
        Code::Duplicate => format!("Toisella asiakkaalla on jo sama {}.", label.to_lowercase()),
        Code::InadequateLicenses => format!(
            "Lisenssit eivät riitä: {} lisenssiä on käytössä. Anna vähintään niin monta välttääksesi varoitukset.",
            p("in_use")
        ),
        Code::StorageNearlyFull => format!("Tallennustila on {} % täynnä.", p("percent")),
        Code::NoStorage => "Tallennustilaa ei ole varattu: varmuuskopioita ei voi tallentaa.".to_owned(),
        Code::Normalised => format!("Tallennetaan muodossa {}", p("value")),
    }
}
