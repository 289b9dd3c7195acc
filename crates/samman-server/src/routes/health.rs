//! `/health`: 200 when the database answers, 503 when it does not. Never cached.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::App;

pub async fn check(app: &App) -> Response {
    let (status, text) = match app.store.health().await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(error) => {
            tracing::error!(%error, "hälsokontrollen: databasen svarar inte");
            (StatusCode::SERVICE_UNAVAILABLE, "databasen svarar inte\n")
        }
    };
    let mut response = (status, text).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
