//! Demo data: deterministic (fixed RNG seed), so end-to-end tests can rely on names and numbers.

use domain::{Customer, CustomerStatus, StorageType};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::OffsetDateTime;

use crate::store::{Reseller, Store};
use crate::util::format_time;

pub use crate::demo::{BENCH_TOKEN, DEMO_TOKEN, SMALL_TOKEN};

/// The "demo" reseller's customers, in insertion order.
pub const DEMO_CUSTOMERS: [&str; 40] = [
    "Contoso Oy",
    "Fabrikam Ab",
    "Northwind Traders Oy",
    "Tailspin Toys Ab",
    "Wide World Importers Oy",
    "Adventure Works Oy",
    "Litware Ab",
    "Proseware Oy",
    "Fourth Coffee Oy",
    "Alpine Ski House Ab",
    "Woodgrove Bank Oyj",
    "Lamna Healthcare Oy",
    "Trey Research Oy",
    "Humongous Insurance Oy",
    "Coho Winery Ab",
    "Blue Yonder Airlines Oy",
    "Graphic Design Institute Oy",
    "Wingtip Toys Oy",
    "Kaleva Rakennus Oy",
    "Pohjolan Sähkö Oy",
    "Järvisuomen Kuljetus Oy",
    "Saaristo Logistiikka Oy",
    "Lapin Matkailu Oy",
    "Tampereen Tilitoimisto Oy",
    "Oulun Ohjelmistotalo Oy",
    "Vaasan Veneveistämö Oy",
    "Turun Tekniikka Oy",
    "Kuopion Kirjapaino Oy",
    "Hämeen Hammaslääkärit Oy",
    "Porvoon Puutarha Oy",
    "Espoon Energia Oy",
    "Nordkust Fastigheter Ab",
    "Björkström Konsult Ab",
    "Åland Shipping Ab",
    "Malmö Data Ab",
    "Bergen Fiskeri AS",
    "Trondheim Tre AS",
    "Aarhus Arkitekter ApS",
    "Odense Optik ApS",
    "Reykjavik Geo ehf",
];

/// The "small" reseller's customers.
pub const SMALL_CUSTOMERS: [&str; 3] = ["Pikkuyritys Oy", "Kahvila Kulma Oy", "Tiny Tech Ab"];

const STORAGE_SIZES: [u64; 12] = [
    500, 750, 1000, 1500, 2000, 3000, 4000, 5000, 8000, 10000, 15000, 20000,
];

/// Seeds the two demo resellers and their customers when the database has no resellers.
/// Returns whether it seeded.
pub async fn seed_demo(store: &dyn Store) -> anyhow::Result<bool> {
    if store.reseller_count().await? > 0 {
        return Ok(false);
    }
    let now = OffsetDateTime::now_utc();
    let mut rng = ChaCha8Rng::seed_from_u64(20_241_128);
    let demo = store
        .create_reseller("demo", "demo@reseller.example", DEMO_TOKEN, true)
        .await?;
    let customers: Vec<Customer> = DEMO_CUSTOMERS
        .iter()
        .enumerate()
        .map(|(i, name)| demo_customer(&mut rng, i, name, now))
        .collect();
    store.import_customers(&demo, &customers).await?;
    seed_usage(store, &demo, &customers, now, 1).await?;
    let small = store
        .create_reseller("small", "small@reseller.example", SMALL_TOKEN, true)
        .await?;
    let customers: Vec<Customer> = SMALL_CUSTOMERS
        .iter()
        .enumerate()
        .map(|(i, name)| demo_customer(&mut rng, i, name, now))
        .collect();
    store.import_customers(&small, &customers).await?;
    seed_usage(store, &small, &customers, now, 2).await?;
    Ok(true)
}

/// Stores each customer's demo history (`seed_history`), which sets its usage and forecast. Its
/// own RNG (`stream`), so the customers themselves are what they were before histories existed.
async fn seed_usage(
    store: &dyn Store,
    reseller: &Reseller,
    customers: &[Customer],
    now: OffsetDateTime,
    stream: u64,
) -> anyhow::Result<()> {
    let rng = &mut ChaCha8Rng::seed_from_u64(20_261_207 + stream);
    let today = now.date().to_julian_day() - 2_440_588;
    let samples: Vec<_> = customers
        .iter()
        .enumerate()
        .flat_map(|(i, c)| crate::seed_history::demo_history(rng, i, c, today))
        .collect();
    store
        .record_usage(&reseller.id, &samples, &format_time(now))
        .await?;
    Ok(())
}

/// A domain-like slug of a company name: "Pohjolan Sähkö Oy" → "pohjolansahko".
fn slug(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 1
        && ["Oy", "Oyj", "Ab", "AS", "ApS", "ehf"].contains(words.last().unwrap_or(&""))
    {
        words.pop();
    }
    words
        .join("")
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ä' | 'å' | 'á' => 'a',
            'ö' | 'ø' => 'o',
            'é' => 'e',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn tld(name: &str) -> &'static str {
    match name.rsplit(' ').next() {
        Some("Ab") => "se",
        Some("AS") => "no",
        Some("ApS") => "dk",
        Some("ehf") => "is",
        _ => "fi",
    }
}

fn random_id(rng: &mut ChaCha8Rng) -> String {
    uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .to_string()
}

/// The `i`th demo customer: every 5th is pending activation (half of those without a domain),
/// every 7th is over its licenses, every 6th uses ≥ 90 % of its storage and every 11th ≥ 100 %.
fn demo_customer(rng: &mut ChaCha8Rng, i: usize, name: &str, now: OffsetDateTime) -> Customer {
    let id = random_id(rng);
    let pending = i % 5 == 4;
    let base = slug(name);
    let domain = if pending && i.is_multiple_of(2) {
        None
    } else if i % 4 == 1 {
        Some(format!("{base}.onmicrosoft.com"))
    } else {
        Some(format!("{base}.{}", tld(name)))
    };
    let mail_domain = domain
        .clone()
        .unwrap_or_else(|| format!("{base}.{}", tld(name)));
    let mut notify_emails = vec![format!("it@{mail_domain}")];
    if i.is_multiple_of(3) {
        notify_emails.push(format!("admin@{mail_domain}"));
    }
    let user_licenses: u32 = match rng.random_range(0..10) {
        0..=5 => rng.random_range(5..100),
        6..=8 => rng.random_range(100..600),
        _ => rng.random_range(600..2500),
    };
    let extra_storage_gb = STORAGE_SIZES[rng.random_range(0..STORAGE_SIZES.len())];
    let (licenses_in_use, storage_used_gb) = if pending {
        (0, 0)
    } else {
        let in_use = if i % 7 == 2 {
            user_licenses + rng.random_range(1..=(user_licenses / 10).max(2))
        } else {
            (user_licenses as f64 * rng.random_range(0.55..1.0)) as u32
        };
        let ratio = if i % 11 == 5 {
            rng.random_range(1.0..1.08)
        } else if i.is_multiple_of(6) {
            rng.random_range(0.91..0.99)
        } else {
            rng.random_range(0.05..0.85)
        };
        (in_use, (extra_storage_gb as f64 * ratio).round() as u64)
    };
    let created = now
        - time::Duration::days(rng.random_range(3..900))
        - time::Duration::minutes(rng.random_range(0..1440));
    let updated = created + time::Duration::days(rng.random_range(0..3));
    let usage_updated = now - time::Duration::minutes(rng.random_range(5..1440));
    Customer {
        id,
        organization_name: name.to_owned(),
        domain,
        user_licenses,
        extra_storage_gb,
        notify_emails,
        storage_type: if rng.random_bool(0.6) {
            StorageType::AzureIreland
        } else {
            StorageType::FinnishS3
        },
        status: if pending {
            CustomerStatus::PendingActivation
        } else {
            CustomerStatus::Active
        },
        licenses_in_use,
        storage_used_gb,
        usage_updated_at: format_time(usage_updated),
        created_at: format_time(created),
        updated_at: format_time(updated),
        version: 1,
        activation_email: domain::ActivationEmail::Sent,
        forecast: Default::default(),
    }
}

/// Words the benchmark's names are made of; `q=north` matches one name in [`BENCH_WORDS`].len().
pub const BENCH_WORDS: [&str; 16] = [
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Tailspin",
    "Litware",
    "Proseware",
    "Woodgrove",
    "Lamna",
    "Kaleva",
    "Pohjola",
    "Saaristo",
    "Lappi",
    "Tampere",
    "Oulu",
    "Vaasa",
    "Turku",
];

/// Makes sure a "bench" reseller (token [`BENCH_TOKEN`]) has `n` customers; returns it.
pub async fn seed_bench(store: &dyn Store, n: u64) -> anyhow::Result<Reseller> {
    let reseller = match store.reseller("r_bench").await? {
        Some(r) => r,
        None => {
            store
                .create_reseller("bench", "bench@reseller.example", BENCH_TOKEN, true)
                .await?
        }
    };
    let have = store.customer_count(&reseller.id).await?;
    let mut rng = ChaCha8Rng::seed_from_u64(n);
    let now = OffsetDateTime::now_utc();
    let customers: Vec<Customer> = (have..n)
        .map(|i| bench_customer(&mut rng, i, now))
        .collect();
    for chunk in customers.chunks(10_000) {
        store.import_customers(&reseller, chunk).await?;
    }
    Ok(reseller)
}

fn bench_customer(rng: &mut ChaCha8Rng, i: u64, now: OffsetDateTime) -> Customer {
    let word = BENCH_WORDS[(i % BENCH_WORDS.len() as u64) as usize];
    let second = BENCH_WORDS[((i / BENCH_WORDS.len() as u64) % BENCH_WORDS.len() as u64) as usize];
    let name = format!("{word} {second} {i:07} Oy");
    let user_licenses = rng.random_range(5..2000u32);
    let extra_storage_gb = STORAGE_SIZES[rng.random_range(0..STORAGE_SIZES.len())];
    let pending = rng.random_bool(0.1);
    let created = format_time(now - time::Duration::minutes(rng.random_range(0..1_000_000)));
    Customer {
        id: random_id(rng),
        domain: Some(format!(
            "{}{}{i}.fi",
            word.to_lowercase(),
            second.to_lowercase()
        )),
        organization_name: name,
        user_licenses,
        extra_storage_gb,
        notify_emails: vec![format!("it{i}@example.fi")],
        storage_type: if rng.random_bool(0.5) {
            StorageType::AzureIreland
        } else {
            StorageType::FinnishS3
        },
        status: if pending {
            CustomerStatus::PendingActivation
        } else {
            CustomerStatus::Active
        },
        licenses_in_use: if pending {
            0
        } else {
            rng.random_range(0..(user_licenses + 50))
        },
        storage_used_gb: if pending {
            0
        } else {
            (extra_storage_gb as f64 * rng.random_range(0.0..1.05)) as u64
        },
        usage_updated_at: created.clone(),
        created_at: created.clone(),
        updated_at: created,
        version: 1,
        activation_email: domain::ActivationEmail::Sent,
        forecast: Default::default(),
    }
}

/// Creates an empty reseller (tests): returns it.
pub async fn create_empty_reseller(
    store: &dyn Store,
    name: &str,
    token: &str,
) -> anyhow::Result<Reseller> {
    Ok(store
        .create_reseller(name, &format!("{name}@reseller.example"), token, false)
        .await?)
}
