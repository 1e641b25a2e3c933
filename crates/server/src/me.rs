//! `GET /api/v1/me`: who the credentials name, their role and when they expire (the app reads
//! it once at start-up to show a viewer what a viewer may do).

use domain::Me;

use crate::http::identity::Signed;

/// `GET /api/v1/me`
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "system",
    responses(
        (status = 200, description = "The reseller, the person, the role and the credentials' expiry", body = Me),
        (status = 401, response = crate::http::openapi::Unauthenticated),
    )
)]
pub async fn me(Signed(identity): Signed) -> axum::Json<Me> {
    axum::Json(identity.me())
}
