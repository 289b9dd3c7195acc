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
use serde_json::{Value, json};

use super::Source;

/// The script, served as a file beside the page.
const SCRIPT: &str = include_str!("sok.js");

/// Writes `sok/index.html`, `sok/index.json` and `sok/sok.js` under `root`.
pub fn write(site: &Site, sources: &[Source], root: &Path) -> anyhow::Result<()> {
    let dir = root.join(samman_render::links::site::SEARCH);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), page(site))?;
    std::fs::write(dir.join("index.json"), index(site, sources).to_string())?;
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

/// `sok/index.json`: `dok` (per item: body id, body's short name, date in Swedish, number, title,
/// address from `sok/`, year), `stam` (stem → the items holding it), `ord` (word → stem, where they
/// differ) and `stopp` (the stop words met).
fn index(site: &Site, sources: &[Source]) -> Value {
    let mut vocabulary = Vocabulary::default();
    let mut docs = Vec::new();
    let mut postings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let from = SitePath::Search.dir();
    let mut short: HashMap<String, String> = HashMap::new();
    for s in sources {
        let m = &s.meeting;
        let body = short
            .entry(m.body.clone())
            .or_insert_with(|| site.body(&m.body).short_name)
            .clone();
        let page = SitePath::Meeting(m.body.clone(), m.date).relative_from(&from);
        for (i, item) in m.items.iter().enumerate() {
            for stem in vocabulary.item(item) {
                postings.entry(stem).or_default().push(docs.len());
            }
            docs.push(json!([
                m.body,
                body,
                swedish::date(m.date),
                i + 1,
                item.title,
                format!("{page}#{}", anchor(i + 1)),
                m.date.year(),
            ]));
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
    json!({ "dok": docs, "stam": postings, "ord": words, "stopp": stop })
}
