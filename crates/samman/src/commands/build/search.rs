//! The search of a static site: `sok/index.html` (the server's search page with its form, plus a
//! script), `sok/index.json` (every item with the stems it is found by, and every word of the corpus
//! with its stem — analysed by `samman-search`, so "vården" finds "vård" here too) and `sok/sok.js`
//! (a few kilobytes: reads `?q=&organ=&ar=`, looks the words up, lists the items holding all of them,
//! newest first). The page carries its own Content-Security-Policy in a `<meta>` (a static server sends
//! none): the server's policy plus `script-src 'self'` and `connect-src 'self'`, nothing inline. Without
//! JavaScript the form still submits to this page, which then says plainly that searching a static site
//! needs JavaScript and links to the archive.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use samman_domain::swedish;
use samman_render::escape;
use samman_render::links::{anchor, site::Path as SitePath};
use samman_search::Stem;
use samman_site::Site;
use samman_site::page::{Outcome, SearchForm, csp, search_page};
use serde::Serialize;

use super::Source;

/// The script, served as a file beside the page.
const SCRIPT: &str = include_str!("sok.js");

/// Writes `sok/index.html`, `sok/index.json` and `sok/sok.js` under `root` (`words`: what the rows'
/// word numbers stand for); returns their paths (relative).
pub fn write(
    site: &Site,
    sources: &[Source],
    words: &[(String, Stem)],
    root: &Path,
) -> anyhow::Result<Vec<String>> {
    let search = samman_render::links::site::SEARCH;
    let dir = root.join(search);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), page(site))?;
    // Streamed: the index of 10,000 meetings is some 20 MB of JSON, built from a few million postings.
    let mut json = std::io::BufWriter::new(std::fs::File::create(dir.join("index.json"))?);
    serde_json::to_writer(&mut json, &index(site, sources, words))?;
    std::io::Write::flush(&mut json)?;
    std::fs::write(dir.join("sok.js"), SCRIPT)?;
    Ok(["index.html", "index.json", "sok.js"]
        .iter()
        .map(|f| format!("{}/{f}", search.trim_matches('/')))
        .collect())
}

/// The server's search form page, with the script, its policy, the place for hits and the notice for
/// readers without JavaScript.
fn page(site: &Site) -> String {
    let html = search_page(site, &SearchForm::default(), &Outcome::Form);
    let policy = csp(&html)
        .replace(
            "default-src 'none';",
            "default-src 'none'; script-src 'self'; connect-src 'self';",
        )
        .replace("; frame-ancestors 'none'", "");
    let head = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<script src=\"sok.js\" defer></script>\n",
        escape::html(&policy)
    );
    let home = SitePath::Home.relative_from(&SitePath::Search.dir());
    let notice = format!(
        "<p id=\"kraver-js\">Den här webbplatsen är statiska filer utan server, och då behöver sökningen \
         JavaScript i webbläsaren. Utan JavaScript kan du <a href=\"{}\">bläddra bland alla \
         sammanställningar</a> från startsidan.</p>\n<div id=\"traffar\"></div>\n",
        escape::html(&home)
    );
    // The page's own form is the second one (the navigation's comes first).
    let form_end = html
        .match_indices("</form>\n")
        .nth(1)
        .map_or(html.len(), |(i, s)| i + s.len());
    let head_end = html.find("</head>").unwrap_or(0);
    format!(
        "{}{head}{}{notice}{}",
        &html[..head_end],
        &html[head_end..form_end],
        &html[form_end..]
    )
}

/// One item in the index: body id, body's short name, date in Swedish, number, title, address, year.
type Doc<'a> = (&'a str, String, String, usize, &'a str, String, i16);

/// The index as written (serialised straight from these, not through a `serde_json::Value` tree, which
/// took most of a 10,000-meeting build's memory).
#[derive(Serialize)]
struct Index<'a> {
    dok: Vec<Doc<'a>>,
    stam: BTreeMap<&'a str, Vec<usize>>,
    ord: BTreeMap<&'a str, &'a str>,
    stopp: Vec<&'a str>,
}

/// `sok/index.json`: `dok` (per item: body id, body's short name, date in Swedish, number, title,
/// address from `sok/`, year), `stam` (stem → the items holding it), `ord` (word → stem, where they
/// differ) and `stopp` (the stop words met) — from the rows alone, so an unchanged meeting is not read.
fn index<'a>(site: &Site, sources: &'a [Source], words: &'a [(String, Stem)]) -> Index<'a> {
    // Each distinct stem gets a slot; `last` keeps an item from being posted twice under one stem
    // (several of its words may share it).
    let mut slots: HashMap<&str, usize> = HashMap::new();
    let stem_of: Vec<Option<usize>> = words
        .iter()
        .map(|(_, stem)| {
            let stem = stem.as_deref()?;
            let next = slots.len();
            Some(*slots.entry(stem).or_insert(next))
        })
        .collect();
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); slots.len()];
    let mut last: Vec<usize> = vec![usize::MAX; slots.len()];
    let mut met = vec![false; words.len()];
    let mut docs = Vec::new();
    let from = SitePath::Search.dir();
    let short: HashMap<&str, String> = sources
        .iter()
        .map(|s| (s.row.body.as_str(), site.body(&s.row.body).short_name))
        .collect();
    for s in sources {
        let row = &s.row;
        let body = &short[row.body.as_str()];
        let page = SitePath::Meeting(row.body.clone(), row.date).relative_from(&from);
        let date = swedish::date(row.date);
        for (i, (title, ids)) in row.items.iter().enumerate() {
            let doc = docs.len();
            for &id in ids {
                let id = id as usize;
                met[id] = true;
                if let Some(slot) = stem_of[id]
                    && last[slot] != doc
                {
                    last[slot] = doc;
                    postings[slot].push(doc);
                }
            }
            docs.push((
                row.body.as_str(),
                body.clone(),
                date.clone(),
                i + 1,
                title.as_str(),
                format!("{page}#{}", anchor(i + 1)),
                row.date.year(),
            ));
        }
    }
    let mut stems: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (stem, slot) in slots {
        if !postings[slot].is_empty() {
            stems.insert(stem, std::mem::take(&mut postings[slot]));
        }
    }
    let mut ord = BTreeMap::new();
    let mut stop = Vec::new();
    for ((word, stem), _) in words.iter().zip(&met).filter(|(_, met)| **met) {
        match stem {
            None => stop.push(word.as_str()),
            Some(stem) if stem != word => {
                ord.insert(word.as_str(), stem.as_str());
            }
            Some(_) => {}
        }
    }
    stop.sort_unstable();
    Index {
        dok: docs,
        stam: stems,
        ord,
        stopp: stop,
    }
}
