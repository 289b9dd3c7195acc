//! The web summary page: one self-contained HTML document per meeting.
//!
//! Semantic landmarks (header, nav, main, footer), a skip link, one `h1` and items as `h2`, inline CSS only
//! (no scripts, fonts or images to fetch), colours from the body's theme raised to WCAG AA contrast. Links
//! to the deck, PDF and calendar are relative (they sit beside the page), so the same bytes serve from the
//! web server and from a static export. Every piece of user text goes through [`crate::escape::html`].

mod style;

use std::fmt::Write;

use samman_domain::{Body, Item, Meeting, Minutes, Position, PositionKind, Theme, swedish};

use crate::links::{self, anchor, safe_href, slides_anchor};
use crate::markup::{self, Hrefs};
use crate::palette::Palette;
use crate::{Options, escape};

/// The full page of a meeting.
pub fn render(meeting: &Meeting, body: &Body, options: &Options) -> String {
    render_with(meeting, body, options, &css(&body.theme), Chrome::default())
}

/// The page's stylesheet for a body's theme: the same for all of that body's meetings, so a caller
/// rendering many may make it once and pass it to [`render_with`].
pub fn css(theme: &Theme) -> String {
    style::css(&Palette::new(theme))
}

/// What a site adds to the bare page ([`render`] adds nothing): written into it as it is made, not
/// spliced in after.
#[derive(Debug, Clone, Copy, Default)]
pub struct Chrome<'a> {
    /// Markup at the end of the head (a stylesheet of its own).
    pub head: &'a str,
    /// Markup right after the skip link (so that stays the first thing a keyboard reaches).
    pub nav: &'a str,
}

/// [`render`] with the theme's stylesheet given ([`css`]) and the site's [`Chrome`] written in.
pub fn render_with(meeting: &Meeting, body: &Body, options: &Options, css: &str, chrome: Chrome) -> String {
    // Options only matter for absolute links; the page links relatively on purpose.
    let _ = options;
    let title = escape::html(&meeting.title(body));
    let mut out = String::with_capacity(16 * 1024 + css.len() + chrome.head.len() + chrome.nav.len());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<meta name=\"description\" content=\"{}\">\n\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{short}: sammanställningar\" href=\"{feed}\">\n<style>\n{css}</style>\n",
        escape::html(&meeting.lead(body)),
        short = escape::html(&body.short_name),
        feed = escape::html(&links::from_page(links::FEED)),
    );
    out.push_str(chrome.head);
    out.push_str(
        "</head>\n<body>\n<a class=\"skip\" href=\"#innehall\">Gå direkt till huvudinnehållet</a>\n",
    );
    out.push_str(chrome.nav);
    let _ = write!(
        out,
        "<header class=\"band\"><div class=\"wrap\"><p>{}</p></div></header>\n\
         <main id=\"innehall\" tabindex=\"-1\">\n<div class=\"wrap\">\n",
        escape::html(&body.name),
    );
    intro(&mut out, meeting, body, &title);
    agenda(&mut out, meeting);
    for (i, item) in meeting.items.iter().enumerate() {
        section(&mut out, i + 1, item);
    }
    subscribe(&mut out, body);
    out.push_str("</div>\n</main>\n<footer>\n<div class=\"wrap\">\n");
    if let Some(updated) = meeting.updated {
        let _ = writeln!(
            out,
            "<p>Senast uppdaterad: <time datetime=\"{}\">{}</time></p>",
            swedish::rfc3339(updated),
            swedish::timestamp(updated)
        );
    }
    let _ = writeln!(out, "<p>{}</p>", escape::html(&body.name));
    out.push_str("</div>\n</footer>\n</body>\n</html>\n");
    out
}

/// Date line, title, lead (with the minutes link once published) and the download links.
fn intro(out: &mut String, meeting: &Meeting, body: &Body, title: &str) {
    let when = swedish::meeting_when(meeting);
    let _ = write!(
        out,
        "<header class=\"intro\">\n<p class=\"kicker\">{} · <time datetime=\"{}\">{}</time>",
        escape::html(&body.short_name),
        meeting.date,
        escape::html(&when)
    );
    if let Some(place) = meeting.place.as_deref().filter(|p| !p.trim().is_empty()) {
        let _ = write!(out, " · {}", escape::html(place));
    }
    let _ = write!(
        out,
        "</p>\n<h1>{title}</h1>\n<p class=\"lead\">{}",
        escape::html(&meeting.lead(body))
    );
    if let Minutes::Published { href, date } = &meeting.minutes
        && let Some(href) = safe_href(href)
    {
        let _ = write!(
            out,
            " <a href=\"{}\">Läs mötesanteckningarna</a>",
            escape::html(&href)
        );
        if let Some(date) = date {
            let _ = write!(
                out,
                " (publicerade <time datetime=\"{date}\">{}</time>)",
                swedish::date(*date)
            );
        }
        out.push('.');
    }
    let _ = write!(
        out,
        "</p>\n<ul class=\"downloads\">\n\
         <li><a href=\"{}\">Ladda ner bilderna (PowerPoint)</a></li>\n\
         <li><a href=\"{}\">Ladda ner som PDF</a></li>\n</ul>\n</header>\n",
        links::DECK,
        links::PDF
    );
}

/// The agenda: one ordered list linking to the items, so it cannot disagree with the sections.
fn agenda(out: &mut String, meeting: &Meeting) {
    if meeting.items.is_empty() {
        return;
    }
    out.push_str(
        "<nav class=\"agenda\" aria-labelledby=\"agenda-rubrik\">\n<h2 id=\"agenda-rubrik\">Agenda</h2>\n<ol>\n",
    );
    for (i, item) in meeting.items.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            anchor(i + 1),
            escape::html(&item.title)
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

/// One agenda item as a section.
fn section(out: &mut String, number: usize, item: &Item) {
    let id = anchor(number);
    let _ = write!(
        out,
        "<section class=\"item\" id=\"{id}\" aria-labelledby=\"{id}-rubrik\">\n\
         <h2 id=\"{id}-rubrik\"><span class=\"num\">{number}.</span> {}</h2>\n",
        escape::html(&item.title)
    );
    match item.presenters.as_slice() {
        [] => {}
        // One or two read well as a sentence; more are easier to scan as a list.
        [_] | [_, _] => {
            let _ = writeln!(
                out,
                "<p class=\"presenters\"><strong>Föredragande:</strong> {}</p>",
                escape::html(&samman_domain::swedish::presenters(&item.presenters))
            );
        }
        many => {
            out.push_str("<div class=\"presenters\">\n<p><strong>Föredragande:</strong></p>\n<ul>\n");
            for p in many {
                let _ = writeln!(
                    out,
                    "<li>{}</li>",
                    escape::html(&samman_domain::swedish::presenter(p))
                );
            }
            out.push_str("</ul>\n</div>\n");
        }
    }
    markup::blocks(out, &item.content, Hrefs::Relative, 0);
    slides(out, number, item);
    if !item.events.is_empty() {
        let _ = write!(
            out,
            "<div class=\"events\">\n<h3 id=\"{id}-datum\">Datum</h3>\n<ul aria-labelledby=\"{id}-datum\">\n"
        );
        for event in &item.events {
            let _ = writeln!(
                out,
                "<li><time datetime=\"{}\">{}</time>: {}</li>",
                swedish::rfc3339(event.start),
                escape::html(&swedish::event_when(event)),
                escape::html(&event.summary)
            );
        }
        let _ = writeln!(
            out,
            "</ul>\n<p><a href=\"{}\">Lägg till i kalender</a> (iCalendar-fil med alla datum från mötet)</p>\n</div>",
            links::ICS
        );
    }
    if !item.timeline.is_empty() {
        let _ = write!(out, "<h3>Tidsplan</h3>\n<dl class=\"timeline\">\n");
        for entry in &item.timeline {
            let when = escape::html(&entry.when_label());
            match entry.date {
                Some(date) => {
                    let _ = write!(out, "<dt><time datetime=\"{date}\">{when}</time></dt>");
                }
                None => {
                    let _ = write!(out, "<dt>{when}</dt>");
                }
            }
            let _ = writeln!(out, "<dd>{}</dd>", escape::html(&entry.text));
        }
        out.push_str("</dl>\n");
    }
    // "Ställningstagande: Ställningstagande" says nothing: an empty "other" position without points is left out.
    let empty_other =
        |p: &&Position| p.kind == PositionKind::Other && p.text.trim().is_empty() && p.points.is_empty();
    if let Some(position) = item.position.as_ref().filter(|p| !empty_other(p)) {
        let kind = position.kind.as_str();
        let text = match (position.text.trim().is_empty(), position.kind) {
            (false, _) => position.text.clone(),
            (true, PositionKind::Other) => String::new(),
            (true, k) => k.label_sv().to_string(),
        };
        let _ = writeln!(
            out,
            "<div class=\"position position-{kind}\">\n<p><span class=\"label\">{}:</span> {}</p>",
            escape::html(&swedish::position_label(position)),
            escape::html(&text)
        );
        if !position.points.is_empty() {
            out.push_str("<ul>\n");
            for point in &position.points {
                let _ = writeln!(out, "<li>{}</li>", escape::html(point));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

/// The item's detail slides, each a `<details>` (closed on screen, open in print) under one heading, so
/// a reader without PowerPoint, or with a screen reader, reads everything the deck says.
fn slides(out: &mut String, number: usize, item: &Item) {
    if item.slides.is_empty() {
        return;
    }
    let id = slides_anchor(number);
    let _ = writeln!(
        out,
        "<div class=\"slides\">\n<h3 id=\"{id}\">Bilder till punkten</h3>"
    );
    for (i, slide) in item.slides.iter().enumerate() {
        let title = match escape::one_line(&slide.title) {
            t if t.is_empty() => format!("Bild {}", i + 1),
            t => t,
        };
        let _ = writeln!(out, "<details>\n<summary>{}</summary>", escape::html(&title));
        markup::blocks(out, &slide.content, Hrefs::Relative, 0);
        out.push_str("</details>\n");
    }
    out.push_str("</div>\n");
}

/// The subscribe box for the body's newsletter (a plain form; the web server handles the double opt-in).
fn subscribe(out: &mut String, body: &Body) {
    let Some(name) = body.newsletter.as_deref().filter(|n| !n.trim().is_empty()) else {
        return;
    };
    let _ = write!(
        out,
        "<section class=\"subscribe\" aria-labelledby=\"prenumerera-rubrik\">\n\
         <h2 id=\"prenumerera-rubrik\">Prenumerera på {name}</h2>\n\
         <p>Få nästa sammanställning från {short} med e-post när den publiceras. Du bekräftar via en länk i \
         ett mejl och kan avsluta när du vill.</p>\n\
         <form method=\"post\" action=\"{action}\">\n\
         <label for=\"epost\">Din e-postadress</label>\n\
         <input id=\"epost\" name=\"epost\" type=\"email\" autocomplete=\"email\" required>\n\
         <button type=\"submit\">Prenumerera</button>\n</form>\n</section>\n",
        name = escape::html(name),
        short = escape::html(&body.short_name),
        action = escape::html(&links::from_page(links::SUBSCRIBE)),
    );
}
