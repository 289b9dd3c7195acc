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
use samman_search::Vocabulary;
use samman_site::Site;
use samman_site::page::{Outcome, SearchForm, csp, search_page};
use serde::Serialize;

use super::Source;

/// The script, served as a file beside the page.
const SCRIPT: &str = include_str!("sok.js");

/// Writes `sok/index.html`, `sok/index.json` and `sok/sok.js` under `root`.
pub fn write(site: &Site, sources: &[Source], root: &Path) -> anyhow::Result<()> {
    let dir = root.join(samman_render::links::site::SEARCH);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), page(site))?;
    // Streamed: the index of 10,000 meetings is some 20 MB of JSON, built from a few million postings.
    let mut json = std::io::BufWriter::new(std::fs::File::create(dir.join("index.json"))?);
    serde_json::to_writer(&mut json, &index(site, sources))?;
    std::io::Write::flush(&mut json)?;
    std::fs::write(dir.join("sok.js"), SCRIPT)?;
    Ok(())
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
    stam: BTreeMap<String, Vec<usize>>,
    ord: BTreeMap<String, String>,
    stopp: Vec<String>,
}

/// `sok/index.json`: `dok` (per item: body id, body's short name, date in Swedish, number, title,
/// address from `sok/`, year), `stam` (stem → the items holding it), `ord` (word → stem, where they
/// differ) and `stopp` (the stop words met).
fn index<'a>(site: &Site, sources: &'a [Source]) -> Index<'a> {
    let mut vocabulary = Vocabulary::default();
    let mut docs = Vec::new();
    let mut postings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let from = SitePath::Search.dir();
    let short: HashMap<&str, String> = sources
        .iter()
        .map(|s| (s.meeting.body.as_str(), site.body(&s.meeting.body).short_name))
        .collect();
    for s in sources {
        let m = &s.meeting;
        let body = &short[m.body.as_str()];
        let page = SitePath::Meeting(m.body.clone(), m.date).relative_from(&from);
        for (i, item) in m.items.iter().enumerate() {
            for stem in vocabulary.item(item) {
                postings.entry(stem).or_default().push(docs.len());
            }
            docs.push((
                m.body.as_str(),
                body.clone(),
                swedish::date(m.date),
                i + 1,
                item.title.as_str(),
                format!("{page}#{}", anchor(i + 1)),
                m.date.year(),
            ));
        }
    }
    let mut words = BTreeMap::new();
    let mut stop = Vec::new();
    for (word, stem) in vocabulary.words() {
        match stem {
            None => stop.push(word.clone()),
            Some(stem) if stem != word => {
                words.insert(word.clone(), stem.clone());
            }
            Some(_) => {}
        }
    }
    stop.sort();
    Index {
        dok: docs,
        stam: postings,
        ord: words,
        stopp: stop,
    }
}
