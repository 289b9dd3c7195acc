//! The open-data API under `/api/v1/`: JSON for programs, from the same store and seam as the pages.
//!
//! | path | answer |
//! |---|---|
//! | `bodies` | the configured bodies ([`resources::Body`]) |
//! | `bodies/{body}/meetings` | the body's published meetings, newest first, paged (`?ar=`, `?sida=`, `?per_sida=`) |
//! | `bodies/{body}/meetings/{date}` | the meeting: the same JSON as `samman render --to json` (`docs/json.md`) |
//! | `sok` | search (`?q=`, `?organ=`, `?ar=`, `?sida=`): matching agenda items |
//! | `openapi.json` | the OpenAPI 3.1 document, generated from this code by utoipa ([`openapi`]) |
//!
//! Every answer carries an ETag (so `If-None-Match` gets 304), `Access-Control-Allow-Origin: *` (any
//! site may read public data with GET), and errors are JSON ([`resources::Error`]) with a Swedish
//! message. Resources carry `type` and `id` in the manner of OParl (Body, Meeting, AgendaItem), so an
//! OParl export can map them one to one.

pub mod handlers;
pub mod openapi;
pub mod resources;

use std::sync::Arc;

use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::App;
use crate::cache::Cached;
use crate::respond;

/// The prefix every API path has.
pub const PREFIX: &str = "/api/v1/";

/// An API failure: status and a Swedish message (and the parameter it is about).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub field: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            field: None,
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<samman_store::StoreError> for ApiError {
    fn from(error: samman_store::StoreError) -> ApiError {
        tracing::error!(%error, "API: databasen svarade inte");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = resources::Error {
            error: resources::ErrorDetail {
                status: self.status.as_u16(),
                message: self.message,
                field: self.field.map(str::to_string),
            },
        };
        let json = serde_json::to_string_pretty(&body).unwrap_or_default();
        let mut response = (self.status, json).into_response();
        let h = response.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// The media type of every answer.
pub const JSON: &str = "application/json";

/// What a handler gives: bytes to send (with their validators), or an error.
pub type Answer = Result<Arc<Cached>, ApiError>;

/// `value` as an answer: pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T, last_modified: Option<i64>) -> Answer {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    text.push('\n');
    Ok(Arc::new(Cached::new(text, JSON, last_modified)))
}

/// Answers the API path `rest` (after [`PREFIX`]).
pub async fn answer(
    app: &App,
    method: &Method,
    headers: &HeaderMap,
    rest: &str,
    query: Option<&str>,
) -> Response {
    let answer = if method != Method::GET && method != Method::HEAD {
        Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "API:t svarar bara på GET och HEAD.",
        ))
    } else {
        let segments: Vec<&str> = rest.split('/').collect();
        match segments.as_slice() {
            ["bodies"] => handlers::bodies(app),
            ["bodies", body, "meetings"] => handlers::meetings(app, body, query).await,
            ["bodies", body, "meetings", date] => handlers::meeting(app, body, date).await,
            ["sok"] => handlers::search(app, query),
            ["openapi.json"] => openapi::answer(),
            _ => Err(ApiError::not_found(
                "Det finns ingen sådan adress i API:t. Se /api/v1/openapi.json.",
            )),
        }
    };
    let mut response = match answer {
        Ok(cached) => respond::send(method, headers, &cached),
        Err(error) => {
            let allow = error.status == StatusCode::METHOD_NOT_ALLOWED;
            let mut response = error.into_response();
            if allow {
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            }
            response
        }
    };
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, Last-Modified"),
    );
    response
}
