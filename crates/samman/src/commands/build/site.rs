//! What a static build writes, each file made by the same seam function, from the same inputs in the
//! same order, as the server's route for that path — so `OUT/x/index.html` is the bytes `GET /x/`
//! answers. The server reads its lists from the store (newest date first, then body); the build's
//! sources are sorted that way before they reach here.
//!
//! | path | made by |
//! |---|---|
//! | `index.html`, `kalender.ics` | `start_page`, `calendar` (the [`RECENT`] newest meetings' events) |
//! | `{body}/index.html`, `{body}/flode.atom` | `body_page`, the Atom rendition of the [`FEED_ENTRIES`] newest |
//! | `{body}/{date}/index.html` and its downloads | `meeting_page`, `renditions::render_borrowed` |
//! | `404.html` | `not_found_page` (links from the root: any path may show it) |
//! | `sok/` | the static search ([`super::search`]) |
//! | `api/v1/bodies.json`, `api/v1/bodies/{body}/meetings.json`, `…/meetings/{date}.json` | the API's resources |

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use indicatif::ProgressBar;
use rayon::prelude::*;
use samman_domain::{Body, Meeting};
use samman_render::links::site::Path as SitePath;
use samman_search::Stem;
use samman_server::api::resources;
use samman_server::routes::body::FEED_ENTRIES;
use samman_server::routes::home::RECENT;
use samman_site::page::{
    LATEST_PER_BODY, body_page, calendar, meeting_page, not_found_page, start_page, upcoming,
};
use samman_site::{Listed, Rendition, Site, renditions};

use super::place::Placement;
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
    Listed::of(site, &s.row.body, s.row.date, s.row.title.as_deref())
}

/// A meeting's file in the API, relative ("api/v1/bodies/sro/meetings/2021-05-21.json").
pub fn api_file(s: &Source) -> String {
    api_path(&s.row.body, s.row.date)
}

/// The API file of the meeting of `body` on `date`, relative.
pub fn api_path(body: &str, date: samman_domain::Date) -> String {
    format!("api/v1/bodies/{}/meetings/{date}.json", dir_name(body))
}

/// The sources (sorted newest first) whose meetings a list shows in full, by index: the start page's
/// and calendar's [`RECENT`] newest and each body's [`FEED_ENTRIES`] newest (its feed).
pub fn shown_in_full(sources: &[Source]) -> HashSet<usize> {
    let mut wanted: HashSet<usize> = (0..sources.len().min(RECENT as usize)).collect();
    let mut per_body: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        let seen = per_body.entry(s.row.body.as_str()).or_default();
        if *seen < FEED_ENTRIES as usize {
            *seen += 1;
            wanted.insert(i);
        }
    }
    wanted
}

/// Writes the files of every changed meeting (its directory and its API file) under `root`, in
/// parallel. The others are already in OUT.
pub fn meetings(
    site: &Site,
    sources: &[Source],
    root: &Path,
    options: Options,
    bar: &ProgressBar,
) -> anyhow::Result<Counts> {
    let mut bodies: Vec<&str> = sources.iter().map(|s| s.row.body.as_str()).collect();
    bodies.sort_unstable();
    bodies.dedup();
    for body in bodies {
        let body_dir = root.join(dir_name(body));
        std::fs::create_dir_all(&body_dir)
            .with_context(|| format!("{}: kan inte skapas", body_dir.display()))?;
        let api = root.join(format!("api/v1/bodies/{}/meetings", dir_name(body)));
        std::fs::create_dir_all(&api).with_context(|| format!("{}: kan inte skapas", api.display()))?;
    }
    let changed: Vec<&Source> = sources.iter().filter(|s| s.changed).collect();
    let placement = Placement::new(root, changed.len())
        .with_context(|| format!("{}: kan inte skriva här", root.display()))?;
    changed
        .par_iter()
        .enumerate()
        .try_for_each(|(i, s)| -> anyhow::Result<()> {
            if let Some(meeting) = &s.meeting {
                let dir = root.join(&s.dir);
                placement
                    .create(i, &dir)
                    .with_context(|| format!("{}: kan inte skapas", dir.display()))?;
                meeting_files(site, s, meeting, &dir, root, options).with_context(|| {
                    format!("{}: kunde inte renderas\nOUT lämnades orörd.", s.path.display())
                })?;
            }
            bar.inc(1);
            Ok(())
        })?;
    placement
        .finish()
        .with_context(|| format!("{}: kan inte städas", root.display()))?;
    let rendered = changed.len();
    Ok(Counts {
        rendered,
        reused: sources.len() - rendered,
    })
}

/// Writes the files made from every meeting together under `root`; returns their paths (relative).
pub fn lists(
    site: &Site,
    sources: &[Source],
    words: &[(String, Stem)],
    root: &Path,
) -> anyhow::Result<Vec<String>> {
    // The search index (millions of postings, some 20 MB for 10,000 meetings) beside the rest.
    let (pages, search) = rayon::join(
        || -> anyhow::Result<Vec<String>> {
            let mut written = home(site, sources, root)?;
            written.extend(bodies(site, sources, root)?);
            put(root, "404.html", not_found_page(site))?;
            written.push("404.html".to_string());
            Ok(written)
        },
        || super::search::write(site, sources, words, root),
    );
    let mut written = pages?;
    written.extend(search?);
    Ok(written)
}

/// A meeting's page, downloads and API file, into its directory `dir` (just made) under `root`.
fn meeting_files(
    site: &Site,
    s: &Source,
    meeting: &Meeting,
    dir: &Path,
    root: &Path,
    options: Options,
) -> anyhow::Result<()> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("{}: kan inte skrivas", path.display()))
    };
    let body = site.body(&meeting.body);
    write(
        Rendition::Html.file_name(),
        meeting_page(site, meeting, &body).as_bytes(),
    )?;
    let one = [(meeting, &body)];
    for (rendition, wanted) in [
        (Rendition::Ics, true),
        (Rendition::Pptx, options.decks),
        (Rendition::Pdf, options.pdf),
    ] {
        if wanted {
            write(
                rendition.file_name(),
                &renditions::render_borrowed(rendition, &one, &site.options)?,
            )?;
        }
    }
    // Created in the meeting's directory and then moved to the API's: a file's inode is placed near
    // its directory, and the API's directories hold thousands of files each, all placed together —
    // where the previous site was just removed, that is what ext4 is slowest at (see [`super::place`]).
    let json = dir.join(".api.json");
    write(
        ".api.json",
        &renditions::render_borrowed(Rendition::Json, &one, &site.options)?,
    )?;
    let api = root.join(api_file(s));
    std::fs::rename(&json, &api).with_context(|| format!("{}: kan inte skrivas", api.display()))
}

/// The start page and the site's calendar, as `routes::home` makes them.
fn home(site: &Site, sources: &[Source], root: &Path) -> anyhow::Result<Vec<String>> {
    let recent = &sources[..sources.len().min(RECENT as usize)];
    let mut latest: Vec<&Source> = recent.iter().collect();
    for body in &site.bodies.bodies {
        if latest.iter().filter(|s| s.row.body == body.id).count() < LATEST_PER_BODY {
            for s in sources
                .iter()
                .filter(|s| s.row.body == body.id)
                .take(LATEST_PER_BODY)
            {
                if !latest.iter().any(|t| std::ptr::eq(*t, s)) {
                    latest.push(s);
                }
            }
        }
    }
    let listed: Vec<Listed> = latest.iter().map(|s| listed(site, s)).collect();
    // Read in full before this ([`shown_in_full`]).
    let meetings: Vec<&Meeting> = recent.iter().filter_map(|s| s.meeting.as_ref()).collect();
    let now = samman_server::routes::civil_now();
    let events = upcoming(&meetings, now);
    let start = page_file(&SitePath::Home);
    put(root, &start, start_page(site, &listed, &events))?;
    let calendar_file = samman_render::links::site::CALENDAR;
    put(root, calendar_file, calendar(site, &meetings, now))?;
    Ok(vec![start, calendar_file.to_string()])
}

/// Every body's archive page and feed (each configured body, and any other with meetings), and the
/// API's lists.
fn bodies(site: &Site, sources: &[Source], root: &Path) -> anyhow::Result<Vec<String>> {
    let mut ids: Vec<String> = site.bodies.bodies.iter().map(|b| b.id.clone()).collect();
    for s in sources {
        if !ids.contains(&s.row.body) {
            ids.push(s.row.body.clone());
        }
    }
    let api = samman_server::api::handlers::body_list(site);
    let mut written = vec!["api/v1/bodies.json".to_string()];
    put(root, &written[0], serde_json::to_string_pretty(&api)? + "\n")?;
    for id in &ids {
        let body: Body = site.body(id);
        let own: Vec<&Source> = sources.iter().filter(|s| &s.row.body == id).collect();
        let listed: Vec<Listed> = own.iter().map(|s| listed(site, s)).collect();
        let page = page_file(&SitePath::Body(id.clone()));
        put(root, &page, body_page(site, &body, &listed))?;
        // Read in full before this ([`shown_in_full`]).
        let newest: Vec<(Meeting, Body)> = own
            .iter()
            .take(FEED_ENTRIES as usize)
            .filter_map(|s| Some((s.meeting.clone()?, body.clone())))
            .collect();
        let atom = if newest.is_empty() {
            samman_render::atom::render(&[], &body, &site.options).into_bytes()
        } else {
            renditions::render(Rendition::Atom, &newest, &site.options)?
        };
        let feed = SitePath::Feed(id.clone()).to_string();
        let feed = feed.trim_start_matches('/').to_string();
        put(root, &feed, atom)?;
        let list = serde_json::to_string_pretty(&meeting_list(site, id, &own))? + "\n";
        let list_file = format!("api/v1/bodies/{}/meetings.json", dir_name(id));
        put(root, &list_file, list)?;
        written.extend([page, feed, list_file]);
    }
    Ok(written)
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
            id: format!("{api}/meetings/{}", s.row.date),
            kind: "Meeting",
            body: s.row.body.clone(),
            date: s.row.date.to_string(),
            title: listed(site, s).title,
            published: None,
            modified: jiff::Timestamp::from_second(s.modified)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            web: SitePath::Meeting(s.row.body.clone(), s.row.date).to_string(),
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
