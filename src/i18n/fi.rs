//! Suomi.

use domain::{Code, DomainReason, Field, Issue};

use super::{Locale, Texts};

pub static TEXTS: Texts = Texts {
    locale: Locale::Fi,
    language: "Kieli",
    page_not_found: "Sivua ei löydy",
    page_not_found_body: "Tässä osoitteessa ei ole mitään. Osoite voi olla kirjoitettu väärin tai linkki vanhentunut.",
    go_to_customers: "Siirry asiakkaisiin",
    dismiss: "Sulje",
    cancel: "Peruuta",
    retry: "Yritä uudelleen",
    try_again: "Kokeile vielä kerran",
    sign_in_again: "Kirjaudu uudelleen",
    sign_in_in_portal: "Kirjaudu portaaliin uudelleen; tämä näkymä latautuu sitten itsestään.",
    loading_view: "Ladataan…",
    view_load_failed: "Näkymää ei voitu ladata. Tarkista yhteys ja yritä uudelleen.",

    customers: "Asiakkaat",
    customers_caption: "Asiakkaat lisensseineen ja tallennustiloineen. ",
    usage_as_of: |time| format!("Käyttö klo {time}"),
    loading_customers: "Ladataan asiakkaita…",
    add: "Lisää",
    add_customer: "Lisää asiakas",
    import_customers: "Tuo asiakkaita",
    usage: &super::usage::fi::TEXTS,
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
    sort_by: "Lajittele",
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
    view_customer: "Näytä asiakas",
    view_customer_named: |name| format!("Näytä asiakas {name}"),
    view_only_customer: "Voit tarkastella tätä asiakasta. Pyydä hallinnoijaa muuttamaan lisenssejä tai tallennustilaa.",
    view_only_add: "Voit tarkastella asiakkaita. Pyydä hallinnoijaa lisäämään tai tuomaan asiakkaita.",
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
    email_undeliverable: "Viesti ei mennyt perille",
    activation_undeliverable: |to| {
        format!(
            "Aktivointiviestiä ei voitu toimittaa osoitteisiin {to}: sähköpostipalvelin torjui sen kolmen päivän ajan. Tarkista osoitteet ja lähetä viesti uudelleen."
        )
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
    range_of_at_least: |first, last, total| format!("{first}–{last} / vähintään {total} asiakasta"),
    none_of: |total| format!("0 / {total}"),
    previous: "Edellinen",
    next: "Seuraava",
    status_pending: "Odottaa aktivointia",
    status_active: "Aktiivinen",
    storage_azure: "Azure (Irlanti)",
    storage_finnish_s3: "Suomalainen S3-tallennustila",
    col_runs_out: "Loppuu",
    runs_out_soon: "Loppuu 30 päivässä",
    runs_out_storage: "Tallennustila",
    runs_out_licenses: "Lisenssit",
    runs_out_both: "Tallennustila ja lisenssit",
    runs_out_in_days: |days| format!("{days} päivässä"),
    runs_out_now: "nyt",
    runs_out_on: |date| date.to_owned(),
    runs_out_as_of: |date| format!("tilanne {date}"),
    no_forecast: "Ei ennustetta",
    date: |day, month, year| format!("{day}.{month}.{year}"),

    error_network: "Palvelimeen ei saatu yhteyttä. Tarkista yhteys ja yritä uudelleen.",
    error_timeout: "Palvelin ei vastannut ajoissa. Yritä uudelleen.",
    error_unauthorized: "Istuntosi on vanhentunut. Kirjaudu uudelleen jatkaaksesi.",
    error_not_found: "Asiakasta ei ole olemassa tai se ei ole sinun.",
    error_conflict: "Joku muu muutti asiakasta muokkauksesi aikana.",
    error_server: |status| {
        format!("Palvelimella tapahtui virhe (HTTP {status}). Yritä hetken kuluttua uudelleen.")
    },
    error_reference: |id| format!("Viite: {id}"),

    // Add / Edit customer forms
    field_label: field,
    hint_domain: "Valinnainen: asiakkaan varmuuskopioitava Microsoft 365 -verkkotunnus, esim. contoso.fi. Sen voi rekisteröidä myöhemmin myös palvelun aktivointiviestin kautta.",
    hint_licenses: "Pakollinen, vaikka lisenssimäärällä ei olisi sinulle merkitystä. Anna riittävän suuri luku, niin vältät varoitukset riittämättömistä lisensseistä.",
    hint_storage: "Asiakkaalle varattu tallennustila yhteensä (1 TB = 1000 GB).",
    hint_notify: "Palvelun aktivointiohjeet ja linkki asiakkaan verkkotunnuksen rekisteröintiin lähetetään näihin osoitteisiin. Erota osoitteet puolipisteellä (;).",
    hint_storage_type: "Paikka, johon asiakkaan varmuuskopiot tallennetaan. Sitä ei voi muuttaa, kun varmuuskopiointi on määritetty.",
    storage_unit_label: "Lisätallennustilan yksikkö",
    required_legend: "Pakolliset kentät on merkitty tähdellä.",
    error_prefix: "Virhe: ",
    warning_prefix: "Varoitus: ",
    summary_one: "Lomakkeessa on virhe: korjaa se tallentaaksesi",
    summary_many: |n| format!("Lomakkeessa on {n} virhettä: korjaa ne tallentaaksesi"),
    input_kept: "Kaikki kirjoittamasi on yhä tallessa. ",
    opens_in_new_tab: " (avautuu uuteen välilehteen)",
    save: "Tallenna",
    saving: "Tallennetaan…",
    saving_customer: "Tallennetaan asiakasta…",
    saving_changes: "Tallennetaan muutoksia…",
    not_created: "Asiakasta ei luotu.",
    retry_safe_create: "Uudelleenyritys on turvallinen: asiakasta ei voi luoda kahdesti.",
    not_saved: "Muutoksia ei tallennettu.",
    retry_safe_update: "Uudelleenyritys on turvallinen: muutokset tallennetaan vain, jos kukaan muu ei ole sillä välin muuttanut asiakasta.",
    chips_label: "Lisätyt osoitteet",
    chip_edit_invalid: |address| {
        format!("Muokkaa osoitetta {address}, se ei ole kelvollinen sähköpostiosoite")
    },
    chip_remove: |address| format!("Poista {address}"),
    breadcrumb: "Murupolku",
    created_toast: |name, to| {
        format!("Asiakas {name} luotiin. Aktivointiohjeet lähetettiin osoitteisiin {to}.")
    },
    saved_toast: |name| format!("Asiakas {name} tallennettiin."),
    updated_toast: |name, changes| format!("Asiakas {name} päivitettiin: {changes}."),
    loading_customer: "Ladataan asiakasta…",
    customer_not_found: "Asiakasta ei löydy",
    customer_not_found_body: "Asiakkaistasi ei löydy asiakasta tällä osoitteella. Osoite voi olla kirjoitettu väärin tai linkki vanhentunut.",
    change_history: "Muutoshistoria",
    loading_history: "Ladataan historiaa…",
    history_failed: |error| format!("Historiaa ei voitu ladata: {error}"),
    no_changes_yet: "Ei vielä muutoksia.",
    history_caption: "Asiakkaan muutokset, uusin ensin",
    col_when: "Aika",
    col_who: "Tekijä",
    col_change: "Muutos",
    customer_created: "Asiakas luotu",
    role_manager: "hallinnoija",
    role_viewer: "katselija",
    role_usage_writer: "käyttötietojen raportointi",
    date_time: |day, month, year, hours, minutes| {
        format!("{day}.{}.{year} klo {hours}.{minutes:02}", month % 12 + 1)
    },
    licenses_in_use: |n, count| match n {
        1 => "1 lisenssi käytössä".to_owned(),
        _ => format!("{count} lisenssiä käytössä"),
    },
    storage_in_use: |used, total, at| format!("{used} / {total} käytössä (tilanne {at})"),
    fixed_details: "Asiakkaan tiedot, joita ei voi muuttaa tässä",
    storage_type_fixed: "Väärän tallennustilan tyypin voi korjata vain tuki, ja vain ennen kuin varmuuskopiointi on määritetty. ",
    contact_support: "Ota yhteys tukeen",
    nothing_left_to_save: "Asiakkaalla on jo antamasi arvot: tallennettavaa ei ole.",
    changes_discarded: "Muutoksesi hylättiin: lomakkeella näkyvät uusimmat arvot.",
    conflict_title: "Joku muu muutti asiakasta",
    conflict_body: |name, at| {
        format!(
            "Muokkauksesi aikana joku muu tallensi asiakkaan {name} ({at}). Mitään kirjoittamaasi ei ole tallennettu, eikä mitään ole kadonnut."
        )
    },
    conflict_caption: "Arvot avaushetkellä, nyt palvelimella ja omasi",
    when_opened: "Avaushetkellä",
    now_on_server: "Nyt palvelimella",
    yours: "Omasi",
    not_changed: "ei muutettu",
    apply_mine: "Vie muutokseni uuteen versioon",
    discard_mine: "Hylkää muutokseni",
    entra_title: "Entra ID -varmuuskopiointi",
    entra_before: "Jos haluat varmuuskopioida myös tämän asiakkaan Entra ID:n, tilaa Entra ID -varmuuskopiointi ",
    entra_from_nexetic: "Nexeticiltä",
    entra_or: " tai ",
    entra_from_marketplace: "ALSO Cloud Marketplacesta",
    entra_after: ".",
    save_changes_to: |name| format!("Tallennetaanko asiakkaan {name} muutokset?"),
    save_changes: "Tallenna muutokset",
    keep_editing: "Jatka muokkausta",
    leave_question: "Sinulla on tallentamattomia muutoksia. Poistutaanko sivulta? Muutokset menetetään.",
    leave_title: "Poistutaanko tallentamatta?",
    leave_confirm: "Poistu tallentamatta",
    leave_stay: "Pysy tällä sivulla",
    leave_body: "Tällä sivulla tekemiäsi muutoksia ei ole tallennettu. Jos poistut nyt, ne menetetään.",
    next_steps_for: |name| format!("Seuraavat vaiheet: {name}"),
    dismiss_next_steps: "Sulje seuraavat vaiheet",
    next_steps_body: "Asiakkaalle on lähetetty aktivointiviesti. Aloita asiakkaan Microsoft 365 -tietojen varmuuskopiointi näin:",
    next_step_sso: "Määritä kertakirjautuminen (SSO) asiakkaan varmuuskopiointiympäristöön",
    next_step_permissions: "Myönnä oikeudet varmuuskopiointisovelluksille",
    next_step_settings: "Tee asiakkaan varmuuskopiointiasetukset",
    error_offline_unsent: "Olet offline-tilassa. Mitään ei lähetetty: yhdistä internetiin ja yritä uudelleen.",
    error_forbidden_ask: "Sinulla ei ole oikeutta tähän. Pyydä käyttöoikeutta ylläpitäjältä.",
    error_view_only: "Roolisi sallii asiakkaiden tarkastelun mutta ei niiden muuttamista. Mitään ei tallennettu: pyydä hallinnoijaa tekemään muutos.",
    error_unreadable: |what| {
        format!("Palvelimen vastausta ei voitu lukea ({what}). Yritä uudelleen.")
    },
    error_rejected_conflict: "Palvelin hylkäsi pyynnön, koska se on ristiriidassa palvelimella jo olevien tietojen kanssa (HTTP 409).",
    error_rejected: |status| {
        format!(
            "Palvelin ei hyväksynyt lähetettyjä tietoja (HTTP {status}). Tarkista arvot ja yritä uudelleen."
        )
    },
    error_rate_limited_for: |secs| {
        format!(
            "Liian monta pyyntöä: palvelin pyytää odottamaan {secs} sekuntia ennen uutta yritystä."
        )
    },
    error_rate_limited: "Liian monta pyyntöä: odota hetki ennen kuin yrität uudelleen.",
    error_no_such_request: "Palvelin ei tue tätä pyyntöä (HTTP 404). Yritä hetken kuluttua uudelleen; jos ongelma toistuu, päivitä sovellus lataamalla sivu uudelleen.",
    error_refused: |status| format!("Palvelin hylkäsi pyynnön (HTTP {status})."),
    error_refused_detail: |status, detail| {
        format!("Palvelin hylkäsi pyynnön (HTTP {status}): {detail}")
    },
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
pub(super) fn issue(issue: &Issue) -> String {
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
        Code::InvalidDomain => match domain_reason(p("reason")) {
            Some(reason) => format!("”{}” ei ole kelvollinen verkkotunnus: {reason}.", p("value")),
            None => format!("”{}” ei ole kelvollinen verkkotunnus, esim. contoso.fi tai contoso.onmicrosoft.com.", p("value")),
        },
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
        Code::NotText => "Tiedosto ei ole CSV-tiedosto. Valitse .csv-tiedosto; Excelissä valitse Tallenna nimellä → CSV UTF-8.".to_owned(),
        Code::UnsupportedEncoding => format!(
            "Tiedosto ei ole UTF-8-tekstiä (riviä {} ei voi lukea). Valitse Excelissä Tallenna nimellä → CSV UTF-8 (pilkuin erotettu) ja valitse tiedosto uudelleen.",
            p("line")
        ),
        Code::EmptyFile => "Tiedosto on tyhjä.".to_owned(),
        Code::FileTooLarge => format!(
            "Tiedoston koko on {} MB; kerralla voi tuoda enintään {} MB. Jaa se pienempiin tiedostoihin.",
            megabytes(p("actual")),
            megabytes(p("max"))
        ),
        Code::TooManyRows => format!(
            "Tiedostossa on {} asiakasriviä; kerralla voi tuoda enintään {}. Jaa se pienempiin tiedostoihin.",
            p("actual"),
            p("max")
        ),
        Code::NoHeaderRow => "Ensimmäisellä rivillä on oltava sarakkeiden nimet: Organisaation nimi, Verkkotunnus, Käyttäjälisenssit, Lisätallennustila, Ilmoita käyttäjille ja Tallennustilan tyyppi. Lataa malli nähdäksesi muodon.".to_owned(),
        Code::NoDataRows => "Tiedostossa on otsikkorivi mutta ei yhtään asiakasta.".to_owned(),
        Code::MissingColumn => format!("Tiedostosta puuttuu sarake ”{label}”."),
        Code::UnknownColumn => format!(
            "Sarake {} ”{}” ei ole asiakkaan kenttä; se jätetään huomiotta.",
            p("column"),
            p("name")
        ),
        Code::DuplicateColumn => format!(
            "Sarakkeet {} ja {} ovat molemmat ”{label}”: säilytä niistä vain toinen.",
            p("first"),
            p("column")
        ),
        Code::TooManyCells => format!(
            "Rivillä on {} solua, mutta otsikkorivillä on {} saraketta: jossakin arvossa on luultavasti erotinmerkki ilman lainausmerkkejä.",
            p("count"),
            p("max")
        ),
        Code::NotAnOption => match issue.field {
            Field::StorageType => format!(
                "”{}” ei ole tallennustilan tyyppi: käytä vaihtoehtoa {} tai {}.",
                p("value"),
                TEXTS.storage_azure,
                TEXTS.storage_finnish_s3
            ),
            _ => format!("”{}” ei ole kentän {label} vaihtoehto.", p("value")),
        },
        Code::DuplicateInFile => format!(
            "Sama {} on jo tämän tiedoston rivillä {}.",
            label.to_lowercase(),
            p("row")
        ),
    }
}

/// Bytes as MB to one decimal (decimal comma), rounded up so a file just over the limit never
/// reads as equal to it.
fn megabytes(bytes: &str) -> String {
    super::format::megabytes(bytes).replace('.', ",")
}

/// Why a domain is invalid, by its `reason` code; `None` when there is no reason or the server
/// gave one in its own words (only English).
fn domain_reason(code: &str) -> Option<&'static str> {
    Some(match DomainReason::from_wire(code)? {
        DomainReason::Empty => "anna verkkotunnus, esim. contoso.fi",
        DomainReason::NotPunycode => "anna kansainvälistetty verkkotunnus xn--muodossa (punycode)",
        DomainReason::TooLong => "verkkotunnus voi olla enintään 253 merkkiä",
        DomainReason::EmptyLabel => {
            "verkkotunnuksessa ei voi olla tyhjiä osia (kaksi pistettä peräkkäin tai piste alussa)"
        }
        DomainReason::LabelTooLong => "osa voi olla enintään 63 merkkiä",
        DomainReason::InvalidCharacters => {
            "verkkotunnuksessa voi olla vain kirjaimia, numeroita, väliviivoja ja pisteitä"
        }
        DomainReason::HyphenAtEdge => "osa ei voi alkaa eikä päättyä väliviivaan",
        DomainReason::TooFewLabels => {
            "verkkotunnuksessa on oltava vähintään kaksi osaa, esim. contoso.fi"
        }
        DomainReason::InvalidTopLevel => {
            "viimeisessä osassa voi olla vain kirjaimia, esim. .fi tai .com"
        }
    })
}
