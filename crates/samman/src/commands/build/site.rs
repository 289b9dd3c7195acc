//! What a static build writes, each file made by the same seam function, from the same inputs in the
//! same order, as the server's route for that path — so `OUT/x/index.html` is the bytes `GET /x/`
//! answers. The server reads its lists from the store (newest date first, then body); the build's
//! sources are sorted that way before they reach here.
//!
//! | path | made by |
//! |---|---|
//! | `index.html`, `kalender.ics` | `start_page`, `calendar` (the [`RECENT`] newest meetings' events) |
//! | `{body}/index.html`, `{body}/flode.atom` | `body_page`, the Atom rendition of the [`FEED_ENTRIES`] newest |
//! | `{body}/{date}/index.html` and its downloads | `meeting_page`, `renditions::render` |
//! | `404.html` | `not_found_page` (links from the root: any path may show it) |
//! | `sok/` | the static search ([`super::search`]) |
//! | `api/v1/bodies.json`, `api/v1/bodies/{body}/meetings.json`, `…/meetings/{date}.json` | the API's resources |

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use indicatif::ProgressBar;
use rayon::prelude::*;
use samman_domain::{Body, Meeting};
use samman_render::links::site::Path as SitePath;
use samman_server::api::resources;
use samman_server::routes::body::FEED_ENTRIES;
use samman_server::routes::home::RECENT;
use samman_site::page::{
    LATEST_PER_BODY, body_page, calendar, meeting_page, not_found_page, start_page, upcoming,
};
use samman_site::{Listed, Rendition, Site, renditions};

use super::{Counts, Source};

/// Which slow renditions to write.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub decks: bool,
    pub pdf: bool,
}

/// A meeting's directory in OUT, relative ("sro/2021-05-21"); also its key in the manifest.
pub fn meeting_dir(meeting: &Meeting) -> String {
    SitePath::Meeting(meeting.body.clone(), meeting.date)
        .to_string()
        .trim_matches('/')
        .to_string()
}

/// Writes `bytes` to `rel` under `root`, creating its directories.
fn put(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> anyhow::Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: kan inte skapas", dir.display()))?;
    }
    std::fs::write(&path, bytes).with_context(|| format!("{}: kan inte skrivas", path.display()))
}

/// A page's file for a directory path ("/sro/" → "sro/index.html").
fn page_file(path: &SitePath) -> String {
    format!(
        "{}{}",
        path.to_string().trim_start_matches('/'),
        samman_render::links::site::PAGE
    )
}

fn listed(site: &Site, s: &Source) -> Listed {
    Listed::of(site, &s.meeting.body, s.meeting.date, s.meeting.title.as_deref())
}

/// Writes the whole site for `sources` (sorted newest first) into `root`. A meeting whose manifest key
/// in `previous` is unchanged has its directory hard-linked from `old` (the previous OUT) instead.
pub fn write(
    site: &Site,
    sources: &[Source],
    root: &Path,
    old: &Path,
    previous: &HashMap<String, String>,
    options: Options,
    bar: &ProgressBar,
) -> anyhow::Result<Counts> {
    let reused: Vec<bool> = sources
        .par_iter()
        .map(|s| -> anyhow::Result<bool> {
            let dir = meeting_dir(&s.meeting);
            let reused = previous.get(&dir) == Some(&s.key) && link_dir(&old.join(&dir), &root.join(&dir))?;
            if !reused {
                meeting_files(site, s, root, options).with_context(|| {
                    format!("{}: kunde inte renderas\nOUT lämnades orörd.", s.path.display())
                })?;
            }
            let api = format!(
                "api/v1/bodies/{}/meetings/{}.json",
                dir_name(&s.meeting.body),
                s.meeting.date
            );
            if !(reused && link_file(&old.join(&api), &root.join(&api))) {
                let one = [(s.meeting.clone(), site.body(&s.meeting.body))];
                put(
                    root,
                    &api,
                    renditions::render(Rendition::Json, &one, &site.options)?,
                )?;
            }
            bar.inc(1);
            Ok(reused)
        })
        .collect::<anyhow::Result<_>>()?;
    let counts = Counts {
        rendered: reused.iter().filter(|r| !**r).count(),
        reused: reused.iter().filter(|r| **r).count(),
    };
    home(site, sources, root)?;
    bodies(site, sources, root)?;
    put(root, "404.html", not_found_page(site))?;
    super::search::write(site, sources, root)?;
    Ok(counts)
}

/// A meeting's page and downloads.
fn meeting_files(site: &Site, s: &Source, root: &Path, options: Options) -> anyhow::Result<()> {
    let dir = meeting_dir(&s.meeting);
    let body = site.body(&s.meeting.body);
    put(
        root,
        &format!("{dir}/{}", Rendition::Html.file_name()),
        meeting_page(site, &s.meeting, &body),
    )?;
    let one = [(s.meeting.clone(), body)];
    for (rendition, wanted) in [
        (Rendition::Ics, true),
        (Rendition::Pptx, options.decks),
        (Rendition::Pdf, options.pdf),
    ] {
        if wanted {
            let bytes = renditions::render(rendition, &one, &site.options)?;
            put(root, &format!("{dir}/{}", rendition.file_name()), bytes)?;
        }
    }
    Ok(())
}

/// Hard-links every file of the previous build's directory `from` into `to` (copies across file
/// systems). False when `from` has no page: then the meeting is rendered anew.
fn link_dir(from: &Path, to: &Path) -> anyhow::Result<bool> {
    if !from.join(Rendition::Html.file_name()).is_file() {
        return Ok(false);
    }
    std::fs::create_dir_all(to).with_context(|| format!("{}: kan inte skapas", to.display()))?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        let target = to.join(entry.file_name());
        if !link_file(&entry.path(), &target) {
            anyhow::bail!("{}: kan inte kopieras", entry.path().display());
        }
    }
    Ok(true)
}

/// Hard-links `from` to `to` (copies across file systems), creating `to`'s directory; false when
/// neither works (e.g. `from` is missing).
fn link_file(from: &Path, to: &Path) -> bool {
    if let Some(dir) = to.parent()
        && std::fs::create_dir_all(dir).is_err()
    {
        return false;
    }
    std::fs::hard_link(from, to).is_ok() || std::fs::copy(from, to).is_ok()
}

/// The start page and the site's calendar, as `routes::home` makes them.
fn home(site: &Site, sources: &[Source], root: &Path) -> anyhow::Result<()> {
    let recent = &sources[..sources.len().min(RECENT as usize)];
    let mut latest: Vec<&Source> = recent.iter().collect();
    for body in &site.bodies.bodies {
        if latest.iter().filter(|s| s.meeting.body == body.id).count() < LATEST_PER_BODY {
            for s in sources
                .iter()
                .filter(|s| s.meeting.body == body.id)
                .take(LATEST_PER_BODY)
            {
                if !latest.iter().any(|t| std::ptr::eq(*t, s)) {
                    latest.push(s);
                }
            }
        }
    }
    let listed: Vec<Listed> = latest.iter().map(|s| listed(site, s)).collect();
    let meetings: Vec<&Meeting> = recent.iter().map(|s| &s.meeting).collect();
    let now = samman_server::routes::civil_now();
    let events = upcoming(&meetings, now);
    put(
        root,
        &page_file(&SitePath::Home),
        start_page(site, &listed, &events),
    )?;
    put(
        root,
        samman_render::links::site::CALENDAR,
        calendar(site, &meetings, now),
    )
}

/// Every body's archive page and feed (each configured body, and any other with meetings), and the
/// API's lists.
fn bodies(site: &Site, sources: &[Source], root: &Path) -> anyhow::Result<()> {
    let mut ids: Vec<String> = site.bodies.bodies.iter().map(|b| b.id.clone()).collect();
    for s in sources {
        if !ids.contains(&s.meeting.body) {
            ids.push(s.meeting.body.clone());
        }
    }
    let api = samman_server::api::handlers::body_list(site);
    put(
        root,
        "api/v1/bodies.json",
        serde_json::to_string_pretty(&api)? + "\n",
    )?;
    for id in &ids {
        let body: Body = site.body(id);
        let own: Vec<&Source> = sources.iter().filter(|s| &s.meeting.body == id).collect();
        let listed: Vec<Listed> = own.iter().map(|s| listed(site, s)).collect();
        put(
            root,
            &page_file(&SitePath::Body(id.clone())),
            body_page(site, &body, &listed),
        )?;
        let newest: Vec<(Meeting, Body)> = own
            .iter()
            .take(FEED_ENTRIES as usize)
            .map(|s| (s.meeting.clone(), body.clone()))
            .collect();
        let atom = if newest.is_empty() {
            samman_render::atom::render(&[], &body, &site.options).into_bytes()
        } else {
            renditions::render(Rendition::Atom, &newest, &site.options)?
        };
        let feed = SitePath::Feed(id.clone()).to_string();
        put(root, feed.trim_start_matches('/'), atom)?;
        let list = serde_json::to_string_pretty(&meeting_list(site, id, &own))? + "\n";
        put(
            root,
            &format!("api/v1/bodies/{}/meetings.json", dir_name(id)),
            list,
        )?;
    }
    Ok(())
}

/// A body's path segment as the site spells it (percent-encoded where needed).
fn dir_name(id: &str) -> String {
    SitePath::Body(id.to_string())
        .to_string()
        .trim_matches('/')
        .to_string()
}

/// A body's meetings as the API lists them: one page holding all (a static file has no query string).
/// `published` is unknown without a database; `modified` is the source file's last change.
fn meeting_list(site: &Site, id: &str, own: &[&Source]) -> resources::MeetingList {
    let api = format!("/api/v1/bodies/{}", dir_name(id));
    let data: Vec<resources::Meeting> = own
        .iter()
        .map(|s| resources::Meeting {
            id: format!("{api}/meetings/{}", s.meeting.date),
            kind: "Meeting",
            body: s.meeting.body.clone(),
            date: s.meeting.date.to_string(),
            title: listed(site, s).title,
            published: None,
            modified: jiff::Timestamp::from_second(s.modified)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            web: SitePath::Meeting(s.meeting.body.clone(), s.meeting.date).to_string(),
        })
        .collect();
    resources::MeetingList {
        pagination: resources::Pagination {
            page: 1,
            per_page: data.len().max(1),
            total: data.len(),
            next: None,
            prev: None,
        },
        data,
    }
}
