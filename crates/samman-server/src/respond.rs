//! Turning a [`Cached`] answer into the response a request asked for: 304 when the client's copy is
//! current (ETag first, then Last-Modified), 206 for one satisfiable byte range, 416 for an unsatisfiable
//! one, the whole body otherwise. `HEAD` gets the same headers (hyper leaves the body out).

use std::time::SystemTime;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;

use crate::cache::Cached;

/// Pages and files are revalidated on every use (cheap with the ETag), so a change shows at once.
const CACHE_CONTROL: &str = "no-cache";

/// The response to a GET or HEAD for `answer`.
pub fn send(method: &Method, request: &HeaderMap, answer: &Cached) -> Response {
    let mut response = Response::new(Body::empty());
    {
        let h = response.headers_mut();
        h.insert(header::ETAG, answer.etag.clone());
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
        if let Some(lm) = &answer.last_modified {
            h.insert(header::LAST_MODIFIED, lm.clone());
        }
        if let Some(csp) = &answer.csp {
            h.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
        }
    }
    if not_modified(request, answer) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return response;
    }
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, answer.content_type.clone());
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Some(d) = &answer.disposition {
        h.insert(header::CONTENT_DISPOSITION, d.clone());
    }
    let len = answer.body.len() as u64;
    let range = (*method == Method::GET)
        .then(|| request.get(header::RANGE))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .map(|v| parse_range(v, len));
    match range {
        Some(Range::Unsatisfiable) => {
            *response.status_mut() = StatusCode::RANGE_NOT_SATISFIABLE;
            let h = response.headers_mut();
            h.remove(header::CONTENT_TYPE);
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                h.insert(header::CONTENT_RANGE, v);
            }
        }
        Some(Range::Bytes(start, end)) => {
            *response.status_mut() = StatusCode::PARTIAL_CONTENT;
            if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{end}/{len}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            *response.body_mut() = Body::from(answer.body.slice(start as usize..=end as usize));
        }
        Some(Range::Ignored) | None => *response.body_mut() = Body::from(answer.body.clone()),
    }
    response
}

/// Whether the client's copy is current: If-None-Match (weak comparison) when sent, else If-Modified-Since.
fn not_modified(request: &HeaderMap, answer: &Cached) -> bool {
    if let Some(inm) = request.get(header::IF_NONE_MATCH) {
        let ours = opaque(answer.etag.to_str().unwrap_or_default());
        return inm
            .to_str()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || opaque(tag) == ours);
    }
    let (Some(ims), Some(lm)) = (request.get(header::IF_MODIFIED_SINCE), &answer.last_modified) else {
        return false;
    };
    let parse = |v: &HeaderValue| -> Option<SystemTime> { httpdate::parse_http_date(v.to_str().ok()?).ok() };
    matches!((parse(ims), parse(lm)), (Some(since), Some(modified)) if modified <= since)
}

/// The quoted part of an entity tag, without the weak prefix.
fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

#[derive(Debug, PartialEq, Eq)]
enum Range {
    /// Inclusive first and last byte.
    Bytes(u64, u64),
    Unsatisfiable,
    /// Not one byte range we serve (another unit, several ranges, junk): the whole body is sent.
    Ignored,
}

/// One range of RFC 9110 §14.1.2: "bytes=0-99", "bytes=100-", "bytes=-50".
fn parse_range(value: &str, len: u64) -> Range {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return Range::Ignored;
    };
    if spec.contains(',') {
        return Range::Ignored;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Range::Ignored;
    };
    let number = |s: &str| -> Option<Option<u64>> {
        let s = s.trim();
        if s.is_empty() {
            Some(None)
        } else if s.bytes().all(|b| b.is_ascii_digit()) {
            // A number too large for u64 is beyond any body: treat it as the largest.
            Some(Some(s.parse().unwrap_or(u64::MAX)))
        } else {
            None
        }
    };
    let (Some(first), Some(last)) = (number(first), number(last)) else {
        return Range::Ignored;
    };
    match (first, last) {
        (Some(f), _) if f >= len => Range::Unsatisfiable,
        (Some(f), Some(l)) if l < f => Range::Ignored,
        (Some(f), Some(l)) => Range::Bytes(f, l.min(len - 1)),
        (Some(f), None) => Range::Bytes(f, len - 1),
        (None, Some(n)) if n == 0 || len == 0 => Range::Unsatisfiable,
        (None, Some(n)) => Range::Bytes(len.saturating_sub(n), len - 1),
        (None, None) => Range::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Range::Bytes(0, 9));
        assert_eq!(parse_range("bytes=90-", 100), Range::Bytes(90, 99));
        assert_eq!(parse_range("bytes=-10", 100), Range::Bytes(90, 99));
        assert_eq!(parse_range("bytes=-1000", 100), Range::Bytes(0, 99));
        assert_eq!(parse_range("bytes=50-1000", 100), Range::Bytes(50, 99));
        assert_eq!(parse_range("bytes=100-", 100), Range::Unsatisfiable);
        assert_eq!(
            parse_range("bytes=99999999999999999999999-", 100),
            Range::Unsatisfiable
        );
        assert_eq!(parse_range("bytes=-0", 100), Range::Unsatisfiable);
        assert_eq!(parse_range("bytes=0-1,5-6", 100), Range::Ignored);
        assert_eq!(parse_range("bytes=9-1", 100), Range::Ignored);
        assert_eq!(parse_range("items=0-1", 100), Range::Ignored);
        assert_eq!(parse_range("bytes=x-1", 100), Range::Ignored);
        assert_eq!(parse_range("bytes=-5", 0), Range::Unsatisfiable);
    }
}
