//! Checking credentials beneath the HTTP layer: the partner portal's JWTs (`jwt`) and the abuse
//! limits (`limits`). The extractors that use them, and the API tokens, are `http::identity`.

pub mod jwt;
pub mod limits;
