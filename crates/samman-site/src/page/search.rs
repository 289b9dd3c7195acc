//! The search page (`/sok/?q=…&organ=…&ar=…&sida=…`): the form, the hits with highlighted snippets
//! linking to each item's anchor on its summary page, paging, and a Swedish "inga träffar" page with
//! suggestions. Reading the query string is here too ([`SearchForm::parse`]), so the server, the API
//! and the tests agree on what a bad filter is. The search itself is the caller's (`samman-search`).

use std::fmt::Write;
use std::ops::Range;

use samman_domain::{Date, swedish};
use samman_render::escape;
use samman_render::links::{anchor, site::Path};

use super::{Site, chrome};

/// Hits per page.
pub const PER_PAGE: usize = 20;
/// The longest query text accepted, in characters (the search refuses longer ones too).
pub const MAX_QUERY_CHARS: usize = 200;
/// Pages beyond this are not offered (nobody reads page 500; it only costs).
const MAX_PAGE: usize = 50;

/// What the reader asked for, read from the query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchForm {
    /// The words, trimmed (at most [`MAX_QUERY_CHARS`]; longer is an error).
    pub q: String,
    /// Only this body (its id).
    pub organ: Option<String>,
    pub ar: Option<i16>,
    /// 1-based page.
    pub sida: usize,
}

/// A query string the page cannot use, with the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FormError {
    /// The parameter name ("q", "organ", "ar", "sida").
    pub field: &'static str,
    /// A Swedish sentence for the reader.
    pub message: String,
}

impl SearchForm {
    /// Reads `q`, `organ`, `ar` and `sida` from a raw query string; other parameters are ignored.
    /// An unknown body, a year that is not one, a page that is not a number and a query longer than
    /// [`MAX_QUERY_CHARS`] are errors naming the field. A body is known when `site` configures it.
    pub fn parse(site: &Site, query: Option<&str>) -> Result<SearchForm, FormError> {
        let mut form = SearchForm {
            sida: 1,
            ..SearchForm::default()
        };
        // Only the first MAX_QUERY_CHARS + 1 characters of q are kept while reading: a 10 MB query is
        // refused without being copied whole.
        for (key, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            let value = value.trim();
            match key.as_ref() {
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        return Err(FormError {
                            field: "q",
                            message: format!("Sökfrågan är för lång. Skriv högst {MAX_QUERY_CHARS} tecken."),
                        });
                    }
                    form.q = value.to_string();
                }
                "organ" if value.is_empty() => form.organ = None,
                "organ" => {
                    if site.bodies.get(value).is_none() {
                        return Err(FormError {
                            field: "organ",
                            message: format!(
                                "Det finns inget organ som heter ”{}”. Välj ett i listan.",
                                shorten(value)
                            ),
                        });
                    }
                    form.organ = Some(value.to_string());
                }
                "ar" if value.is_empty() => form.ar = None,
                "ar" => match value.parse::<i16>() {
                    Ok(year) if (1..=9999).contains(&year) => form.ar = Some(year),
                    _ => {
                        return Err(FormError {
                            field: "ar",
                            message: format!(
                                "”{}” är inget årtal. Skriv ett år med fyra siffror, till exempel 2021.",
                                shorten(value)
                            ),
                        });
                    }
                },
                "sida" => match value.parse::<usize>() {
                    Ok(page) if (1..=MAX_PAGE).contains(&page) => form.sida = page,
                    _ => {
                        return Err(FormError {
                            field: "sida",
                            message: format!("Sidnumret ska vara ett tal från 1 till {MAX_PAGE}."),
                        });
                    }
                },
                _ => {}
            }
        }
        Ok(form)
    }

    /// The first hit of the page asked for (0-based).
    pub fn offset(&self) -> usize {
        (self.sida.max(1) - 1) * PER_PAGE
    }

    /// The query string of this form on another page ("" keeps page 1 implicit).
    fn query_string(&self, sida: usize) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("q", &self.q);
        if let Some(organ) = &self.organ {
            out.append_pair("organ", organ);
        }
        if let Some(ar) = self.ar {
            out.append_pair("ar", &ar.to_string());
        }
        if sida > 1 {
            out.append_pair("sida", &sida.to_string());
        }
        out.finish()
    }
}

/// At most 60 characters of a value echoed in a message.
fn shorten(value: &str) -> String {
    let mut out: String = value.chars().take(60).collect();
    if value.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// A text with the byte ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

/// One matching item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub body: String,
    pub date: Date,
    /// The item's 1-based number (its anchor on the summary page).
    pub number: usize,
    pub title: Marked,
    pub snippet: Marked,
}

/// What the search gave for the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No words asked for yet: the form alone.
    Form,
    /// The query string could not be used.
    Refused(FormError),
    /// The words were only stop words or punctuation.
    NothingToSearch,
    /// A page of hits (possibly none). `unfiltered` is how many the same words find without the
    /// body and year filters, when there were filters and no hits (for the suggestion).
    Hits {
        total: usize,
        hits: Vec<Found>,
        unfiltered: Option<usize>,
    },
}

/// The search page for `form` and what the search gave.
pub fn search_page(site: &Site, form: &SearchForm, outcome: &Outcome) -> String {
    let from = Path::Search.dir();
    let mut main = String::from("<h1>Sök i sammanställningarna</h1>\n");
    main.push_str(&search_form(site, form, outcome));
    match outcome {
        Outcome::Form => main.push_str(
            "<p>Sök bland punkterna i alla publicerade sammanställningar. Sökningen hittar också andra \
             böjningsformer av orden: ”vården” hittar ”vård”.</p>\n",
        ),
        Outcome::Refused(error) => {
            let _ = write!(
                main,
                "<div class=\"fel\" role=\"alert\">\n<h2>Sökningen gick inte att göra</h2>\n<p>{}</p>\n</div>\n",
                escape::html(&error.message)
            );
        }
        Outcome::NothingToSearch => {
            main.push_str(
                "<h2>Inga träffar</h2>\n<p role=\"status\">Sökfrågan innehöll bara vanliga småord eller \
                 tecken som inte söks på, som ”och”, ”att” och citattecken.</p>\n",
            );
            main.push_str(&suggestions(form, None, &from));
        }
        Outcome::Hits {
            total: 0, unfiltered, ..
        } => {
            let _ = write!(
                main,
                "<h2>Inga träffar</h2>\n<p role=\"status\">Ingen punkt innehåller {}.</p>\n",
                words(&form.q)
            );
            main.push_str(&suggestions(form, *unfiltered, &from));
        }
        Outcome::Hits { total, hits, .. } => {
            let first = form.offset() + 1;
            let last = form.offset() + hits.len();
            let range = if *total > hits.len() {
                format!(" Visar {first}–{last}.")
            } else {
                String::new()
            };
            let _ = write!(
                main,
                "<p role=\"status\">{} för {}.{range}</p>\n<ol class=\"traffar\" start=\"{first}\">\n",
                count(*total),
                words(&form.q),
            );
            for hit in hits {
                main.push_str(&hit_item(site, hit, &from));
            }
            main.push_str("</ol>\n");
            main.push_str(&paging(form, *total, &from));
        }
    }
    let crumbs = [("Sök".to_string(), None)];
    let nav = chrome::nav(site, Some(&from), &crumbs);
    let title = match outcome {
        Outcome::Hits { .. } | Outcome::NothingToSearch if !form.q.is_empty() => {
            format!("Sök: {} – {}", shorten(&form.q), site.name)
        }
        _ => format!("Sök – {}", site.name),
    };
    chrome::document_with_style(site, &title, "", &nav, &main, SEARCH_CSS)
}

/// The page's own stylesheet: hits, highlights, the form's fields.
const SEARCH_CSS: &str = ".sokform{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:0 0 1.5rem}
.sokform label{display:block;font-weight:700;font-size:.95rem}
.sokform input,.sokform select,.sokform button{font:inherit;padding:.35rem .5rem;border:1px solid #555;border-radius:3px;background:#fff;color:#1d1d1b}
.sokform .q input{width:min(24rem,80vw)}
.sokform button{background:#00506e;color:#fff;border-color:#00506e}
.traffar{padding-left:1.5rem}
.traffar li{margin:0 0 1.5rem}
.traffar h2{font-size:1.15rem;margin:0 0 .2rem}
mark{background:#fff0a8;color:inherit;padding:0 .1em}
.fel{border-left:4px solid #a4001d;padding:.25rem 1rem;margin:0 0 1.5rem}
.fel h2{margin-top:0;color:#a4001d}
";

/// The page's form: words, body, year. Plain GET, no script.
fn search_form(site: &Site, form: &SearchForm, outcome: &Outcome) -> String {
    let bad = |field: &str| matches!(outcome, Outcome::Refused(e) if e.field == field);
    let invalid = |field: &str| if bad(field) { " aria-invalid=\"true\"" } else { "" };
    let mut out = format!(
        "<form class=\"sokform\" role=\"search\" aria-label=\"Sökformulär\" action=\"./\" method=\"get\">\n\
         <div class=\"q\"><label for=\"q\">Sökord</label>\n\
         <input id=\"q\" type=\"search\" name=\"q\" value=\"{}\" maxlength=\"{MAX_QUERY_CHARS}\"{}></div>\n\
         <div><label for=\"organ\">Organ</label>\n<select id=\"organ\" name=\"organ\"{}>\n\
         <option value=\"\">Alla organ</option>\n",
        escape::html(&form.q),
        invalid("q"),
        invalid("organ"),
    );
    for body in &site.bodies.bodies {
        let selected = if form.organ.as_deref() == Some(body.id.as_str()) {
            " selected"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<option value=\"{}\"{selected}>{}</option>",
            escape::html(&body.id),
            escape::html(&body.short_name)
        );
    }
    let _ = write!(
        out,
        "</select></div>\n<div><label for=\"ar\">År</label>\n\
         <input id=\"ar\" name=\"ar\" inputmode=\"numeric\" size=\"5\" maxlength=\"4\" value=\"{}\"{}></div>\n\
         <div><button type=\"submit\">Sök</button></div>\n</form>\n",
        form.ar.map(|y| y.to_string()).unwrap_or_default(),
        invalid("ar"),
    );
    out
}

/// "1 träff" / "12 träffar".
fn count(n: usize) -> String {
    if n == 1 {
        "1 träff".into()
    } else {
        format!("{n} träffar")
    }
}

/// The query as the page quotes it: ”vården avtal”.
fn words(q: &str) -> String {
    format!("”{}”", escape::html(q))
}

/// One hit: the item's title linking to its anchor, where it is from, and the snippet.
fn hit_item(site: &Site, hit: &Found, from: &str) -> String {
    let body = site.body(&hit.body);
    let page = Path::Meeting(hit.body.clone(), hit.date).relative_from(from);
    let href = format!("{page}#{}", anchor(hit.number));
    let mut out = format!(
        "<li>\n<h2><a href=\"{}\">{}</a></h2>\n<p class=\"meta\">{} · {} · punkt {}</p>\n",
        escape::html(&href),
        marked(&hit.title),
        escape::html(&body.short_name),
        swedish::date(hit.date),
        hit.number,
    );
    if !hit.snippet.text.trim().is_empty() {
        let _ = writeln!(out, "<p>{}</p>", marked(&hit.snippet));
    }
    out.push_str("</li>\n");
    out
}

/// `text` escaped, its highlighted ranges in `<mark>`, line breaks as spaces. Ranges that are out of
/// order, overlapping or not on character boundaries are skipped rather than trusted.
pub fn marked(text: &Marked) -> String {
    let mut out = String::with_capacity(text.text.len() + 16 * text.highlights.len());
    let mut at = 0;
    for range in &text.highlights {
        let ok = range.start >= at
            && range.start < range.end
            && text.text.is_char_boundary(range.start)
            && text.text.is_char_boundary(range.end.min(text.text.len()))
            && range.end <= text.text.len();
        if !ok {
            continue;
        }
        out.push_str(&escape::html(&text.text[at..range.start]));
        out.push_str("<mark>");
        out.push_str(&escape::html(&text.text[range.clone()]));
        out.push_str("</mark>");
        at = range.end;
    }
    out.push_str(&escape::html(&text.text[at..]));
    out.replace('\n', " ")
}

/// Links to the previous and next pages of hits.
fn paging(form: &SearchForm, total: usize, from: &str) -> String {
    let pages = total.div_ceil(PER_PAGE).min(MAX_PAGE);
    if pages <= 1 {
        return String::new();
    }
    let link = |sida: usize, label: &str, rel: &str| {
        format!(
            "<a href=\"{}?{}\" rel=\"{rel}\">{label}</a>",
            escape::html(&Path::Search.relative_from(from)),
            escape::html(&form.query_string(sida))
        )
    };
    let mut parts = Vec::new();
    if form.sida > 1 {
        parts.push(link(form.sida - 1, "Föregående sida", "prev"));
    }
    parts.push(format!("Sida {} av {pages}", form.sida));
    if form.sida < pages {
        parts.push(link(form.sida + 1, "Nästa sida", "next"));
    }
    format!(
        "<nav aria-label=\"Sidor med träffar\">\n<p>{}</p>\n</nav>\n",
        parts.join(" · ")
    )
}

/// What to try when nothing was found.
fn suggestions(form: &SearchForm, unfiltered: Option<usize>, from: &str) -> String {
    let mut out = String::from("<p>Förslag:</p>\n<ul>\n");
    if let Some(n) = unfiltered.filter(|n| *n > 0) {
        let without = SearchForm {
            organ: None,
            ar: None,
            sida: 1,
            ..form.clone()
        };
        let _ = writeln!(
            out,
            "<li><a href=\"{}?{}\">Sök utan filter för organ och år</a> – då blir det {}.</li>",
            escape::html(&Path::Search.relative_from(from)),
            escape::html(&without.query_string(1)),
            count(n)
        );
    } else if form.organ.is_some() || form.ar.is_some() {
        out.push_str("<li>Ta bort filtren för organ och år.</li>\n");
    }
    out.push_str(
        "<li>Kontrollera stavningen.</li>\n<li>Sök på färre ord: en punkt måste innehålla alla orden för att \
         komma med.</li>\n<li>Prova ett annat ord för samma sak, till exempel ”vårdcentral” i stället för \
         ”husläkare”.</li>\n",
    );
    let _ = writeln!(
        out,
        "<li><a href=\"{}\">Bläddra bland alla sammanställningar</a> från startsidan.</li>\n</ul>",
        escape::html(&Path::Home.relative_from(from))
    );
    out
}
