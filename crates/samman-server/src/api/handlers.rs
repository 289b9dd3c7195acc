//! One function per API path, each with the `#[utoipa::path]` that describes it in `openapi.json`.

use axum::http::StatusCode;
use samman_domain::Date;
use samman_search::Query;
use samman_site::page::{PER_PAGE, SearchForm};
use samman_site::{Parsed, Rendition, SitePath, renditions};

use super::resources::{self, AgendaItem, BodyList, MeetingList, Pagination, SearchResult};
use super::{Answer, ApiError, PREFIX, json};
use crate::App;
use crate::routes::{listed, unix_now};

/// Meetings per page unless `per_sida` says otherwise, and the most it may say.
const PER_PAGE_DEFAULT: usize = 50;
const PER_PAGE_MAX: usize = 500;
/// The largest page the store hands out at once.
const STORE_PAGE: i64 = 10_000;

fn body_url(id: &str) -> String {
    format!(
        "{PREFIX}bodies/{}",
        SitePath::Body(id.to_string()).to_string().trim_matches('/')
    )
}

fn meeting_url(body: &str, date: Date) -> String {
    format!("{}/meetings/{date}", body_url(body))
}

/// The configured bodies.
#[utoipa::path(get, path = "/api/v1/bodies", tag = "bodies",
    responses((status = 200, description = "Every body of the bodies file", body = BodyList)))]
pub fn bodies(app: &App) -> Answer {
    json(&body_list(&app.site), None)
}

/// The bodies of `site` as the API lists them (also the static build's `api/v1/bodies.json`).
pub fn body_list(site: &samman_site::Site) -> BodyList {
    let data = site
        .bodies
        .bodies
        .iter()
        .map(|b| resources::Body {
            id: body_url(&b.id),
            kind: "Body",
            key: b.id.clone(),
            short_name: b.short_name.clone(),
            name: b.name.clone(),
            meetings: format!("{}/meetings", body_url(&b.id)),
            web: SitePath::Body(b.id.clone()).to_string(),
        })
        .collect();
    BodyList { data }
}

/// A body id from a path segment (percent-decoded by the site's own rule), if it is one.
fn body_id(segment: &str) -> Result<String, ApiError> {
    match SitePath::parse(&format!("/{segment}/")) {
        Parsed::Page(SitePath::Body(id)) => Ok(id),
        _ => Err(ApiError::not_found(format!(
            "Det finns inget organ ”{}”.",
            short(segment)
        ))),
    }
}

fn short(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Reads `name` as a positive number in `1..=max`, or `default`.
fn number(
    pairs: &[(String, String)],
    name: &'static str,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    match pairs.iter().find(|(k, _)| k == name) {
        None => Ok(default),
        Some((_, v)) => match v.trim().parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError {
                field: Some(name),
                ..ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!("{name} ska vara ett tal från 1 till {max}."),
                )
            }),
        },
    }
}

fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The page's neighbours' addresses.
fn pagination(base: &str, extra: &str, page: usize, per_page: usize, total: usize) -> Pagination {
    let pages = total.div_ceil(per_page).max(1);
    let link = |p: usize| format!("{base}?{extra}sida={p}&per_sida={per_page}");
    Pagination {
        page,
        per_page,
        total,
        next: (page < pages).then(|| link(page + 1)),
        prev: (page > 1 && page <= pages).then(|| link(page - 1)),
    }
}

/// A body's published meetings, newest first.
#[utoipa::path(get, path = "/api/v1/bodies/{body}/meetings", tag = "meetings",
    params(
        ("body" = String, Path, description = "The body's key, e.g. sro"),
        ("ar" = Option<i16>, Query, description = "Only meetings of this year"),
        ("sida" = Option<usize>, Query, description = "Page, from 1"),
        ("per_sida" = Option<usize>, Query, description = "Meetings per page (1–500, default 50)"),
    ),
    responses(
        (status = 200, description = "A page of the body's meetings", body = MeetingList),
        (status = 400, description = "A bad parameter", body = resources::Error),
        (status = 404, description = "No such body", body = resources::Error),
    ))]
pub async fn meetings(app: &App, segment: &str, query: Option<&str>) -> Answer {
    let id = body_id(segment)?;
    let pairs = pairs(query);
    let year = match pairs.iter().find(|(k, _)| k == "ar").map(|(_, v)| v.trim()) {
        None | Some("") => None,
        Some(v) => Some(
            v.parse::<i16>()
                .ok()
                .filter(|y| (1..=9999).contains(y))
                .ok_or(ApiError {
                    field: Some("ar"),
                    ..ApiError::new(StatusCode::BAD_REQUEST, format!("”{}” är inget årtal.", short(v)))
                })?,
        ),
    };
    let page = number(&pairs, "sida", 1, usize::MAX / PER_PAGE_MAX)?;
    let per_page = number(&pairs, "per_sida", PER_PAGE_DEFAULT, PER_PAGE_MAX)?;
    let now = unix_now();
    let mut all = Vec::new();
    loop {
        let chunk = app
            .store
            .public_meetings(Some(&id), now, STORE_PAGE, all.len() as i64)
            .await?;
        let last = (chunk.len() as i64) < STORE_PAGE;
        all.extend(chunk);
        if last {
            break;
        }
    }
    if all.is_empty() && app.site.bodies.get(&id).is_none() {
        return Err(ApiError::not_found(format!(
            "Det finns inget organ ”{}”.",
            short(&id)
        )));
    }
    all.retain(|s| year.is_none_or(|y| s.date.year() == y));
    let newest = all.iter().map(|s| s.updated_at).max();
    let data = all
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|s| {
            let l = listed(app, s);
            resources::Meeting {
                id: meeting_url(&s.body, s.date),
                kind: "Meeting",
                body: s.body.clone(),
                date: s.date.to_string(),
                title: l.title,
                published: s.published_at.map(rfc3339),
                modified: rfc3339(s.updated_at),
                web: SitePath::Meeting(s.body.clone(), s.date).to_string(),
            }
        })
        .collect();
    let extra = year.map(|y| format!("ar={y}&")).unwrap_or_default();
    let list = MeetingList {
        data,
        pagination: pagination(
            &format!("{}/meetings", body_url(&id)),
            &extra,
            page,
            per_page,
            all.len(),
        ),
    };
    json(&list, newest)
}

fn rfc3339(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// One published meeting: the same JSON as `samman render --to json` (schema `samman/meeting/1`,
/// `docs/json.md`).
#[utoipa::path(get, path = "/api/v1/bodies/{body}/meetings/{date}", tag = "meetings",
    params(
        ("body" = String, Path, description = "The body's key, e.g. sro"),
        ("date" = String, Path, description = "The meeting's date, YYYY-MM-DD"),
    ),
    responses(
        (status = 200, description = "The meeting record (samman/meeting/1, see docs/json.md)",
            body = Object, content_type = "application/json"),
        (status = 404, description = "No such published meeting", body = resources::Error),
    ))]
pub async fn meeting(app: &App, body: &str, date: &str) -> Answer {
    let missing = || ApiError::not_found("Det finns inget publicerat möte på den adressen.");
    let Parsed::Page(SitePath::Meeting(id, date)) = SitePath::parse(&format!("/{body}/{date}/")) else {
        return Err(missing());
    };
    let stored = app
        .store
        .public_meeting(&id, date, unix_now())
        .await?
        .ok_or_else(missing)?;
    let one = [(stored.meeting, app.site.body(&id))];
    let bytes = renditions::render(Rendition::Json, &one, &app.site.options)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(std::sync::Arc::new(crate::cache::Cached::new(
        bytes,
        super::JSON,
        Some(stored.updated_at),
    )))
}

/// Search the published agenda items (Swedish stemming: "vården" finds "vård").
#[utoipa::path(get, path = "/api/v1/sok", tag = "search",
    params(
        ("q" = String, Query, description = "Words, all required (at most 200 characters)"),
        ("organ" = Option<String>, Query, description = "Only this body's meetings"),
        ("ar" = Option<i16>, Query, description = "Only meetings of this year"),
        ("sida" = Option<usize>, Query, description = "Page, from 1 (20 hits per page)"),
    ),
    responses(
        (status = 200, description = "Matching agenda items, best first", body = SearchResult),
        (status = 400, description = "A bad parameter", body = resources::Error),
    ))]
pub fn search(app: &App, query: Option<&str>) -> Answer {
    let form = SearchForm::parse(&app.site, query).map_err(|e| ApiError {
        field: Some(e.field),
        ..ApiError::new(StatusCode::BAD_REQUEST, e.message)
    })?;
    let hits = if form.q.is_empty() {
        samman_search::Hits::default()
    } else {
        app.search
            .search(&Query {
                text: form.q.clone(),
                body: form.organ.clone(),
                year: form.ar,
                limit: PER_PAGE,
                offset: form.offset(),
            })
            .map_err(|e| ApiError {
                field: Some("q"),
                ..ApiError::new(StatusCode::BAD_REQUEST, e.to_string())
            })?
    };
    let data = hits
        .hits
        .into_iter()
        .map(|h| AgendaItem {
            id: format!(
                "{}#{}",
                SitePath::Meeting(h.body.clone(), h.date),
                samman_render::links::anchor(h.number)
            ),
            kind: "AgendaItem",
            meeting: meeting_url(&h.body, h.date),
            body: h.body,
            date: h.date.to_string(),
            number: h.number,
            title: h.title.text,
            highlights: h.snippet.highlights.iter().map(|r| [r.start, r.end]).collect(),
            snippet: h.snippet.text,
        })
        .collect();
    let mut extra = form_urlencoded::Serializer::new(String::new());
    extra.append_pair("q", &form.q);
    let extra = format!("{}&", extra.finish());
    let result = SearchResult {
        query: form.q.clone(),
        data,
        pagination: pagination(&format!("{PREFIX}sok"), &extra, form.sida, PER_PAGE, hits.total),
    };
    json(&result, None)
}
