//! The demo identities: which tokens the seeded demo and benchmark resellers sign in with. Seeding
//! creates them; the HTTP layer signs a browser in as one in demo mode.

/// The demo reseller's API token (and session cookie value).
pub const DEMO_TOKEN: &str = "demo-token";
/// The small demo reseller's API token.
pub const SMALL_TOKEN: &str = "small-token";
/// The benchmark reseller's token (`--bench-seed`).
pub const BENCH_TOKEN: &str = "bench-token";

/// The demo resellers' tokens, by the name `GET /api/v1/demo/sign-in?reseller=` takes.
pub fn demo_token(reseller: &str) -> Option<&'static str> {
    match reseller {
        "demo" => Some(DEMO_TOKEN),
        "small" => Some(SMALL_TOKEN),
        _ => None,
    }
}

/// Whether `token` is one of the seeded demo or benchmark identities.
pub fn is_demo_token(token: &str) -> bool {
    [DEMO_TOKEN, SMALL_TOKEN, BENCH_TOKEN].contains(&token)
}
