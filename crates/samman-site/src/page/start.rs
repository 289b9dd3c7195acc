//! The start page (the latest summaries of every body, the upcoming events) and the site's calendar of
//! every upcoming event.

use std::fmt::Write;

use samman_domain::{Body, DateTime, Meeting, swedish};
use samman_render::escape;
use samman_render::links::{anchor, site::Path};

use super::{Listed, Site, Upcoming, chrome, is_upcoming};

/// How many of a body's latest summaries the start page lists.
pub const LATEST_PER_BODY: usize = 3;

/// The start page. `latest` holds published meetings (any order; each body's newest are shown),
/// `upcoming` the events to come in the order to show them.
pub fn start_page(site: &Site, latest: &[Listed], upcoming: &[Upcoming]) -> String {
    let from = Path::Home.dir();
    let href = |p: Path| escape::html(&p.relative_from(&from));
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1>{}</h1>\n<p class=\"lead\">Det här har organen tagit ställning till på sina möten: \
         sammanställningar att läsa, bildspel och PDF att ladda ner, datum att lägga in i kalendern.</p>\n",
        escape::html(&site.name)
    );
    let mut bodies: Vec<Body> = site.bodies.bodies.clone();
    for listed in latest {
        if !bodies.iter().any(|b| b.id == listed.body) {
            bodies.push(site.body(&listed.body));
        }
    }
    let mut any = false;
    for body in &bodies {
        let mut mine: Vec<&Listed> = latest.iter().filter(|l| l.body == body.id).collect();
        if mine.is_empty() {
            continue;
        }
        any = true;
        mine.sort_by_key(|l| std::cmp::Reverse(l.date));
        let id = format!("organ-{}", escape::html(&body.id));
        let _ = write!(
            main,
            "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\"><a href=\"{}\">{}</a></h2>\n\
             <p class=\"meta\">{}</p>\n<ul>\n",
            href(Path::Body(body.id.clone())),
            escape::html(&body.short_name),
            escape::html(&body.name),
        );
        for l in mine.iter().take(LATEST_PER_BODY) {
            let _ = writeln!(
                main,
                "<li><a href=\"{}\">{}</a></li>",
                href(Path::Meeting(l.body.clone(), l.date)),
                escape::html(&l.title)
            );
        }
        let _ = write!(
            main,
            "</ul>\n<p><a href=\"{}\">Alla möten i {short}</a> · <a href=\"{}\">Flöde för {short} (Atom)</a></p>\n</section>\n",
            href(Path::Body(body.id.clone())),
            href(Path::Feed(body.id.clone())),
            short = escape::html(&body.short_name),
        );
    }
    if !any {
        main.push_str("<p>Inga sammanställningar är publicerade ännu.</p>\n");
    }
    main.push_str("<section aria-labelledby=\"kommande\">\n<h2 id=\"kommande\">Kommande datum</h2>\n");
    if upcoming.is_empty() {
        main.push_str("<p>Inga kommande datum just nu.</p>\n");
    } else {
        main.push_str("<ul>\n");
        for u in upcoming {
            let body = site.body(&u.body);
            let page = Path::Meeting(u.body.clone(), u.meeting).relative_from(&from);
            let _ = writeln!(
                main,
                "<li><time datetime=\"{}\">{}</time>: {} (<a href=\"{}#{}\">{} {}</a>)</li>",
                swedish::rfc3339(u.event.start),
                escape::html(&swedish::event_when(&u.event)),
                escape::html(&u.event.summary),
                escape::html(&page),
                anchor(u.item),
                escape::html(&body.short_name),
                swedish::date(u.meeting),
            );
        }
        main.push_str("</ul>\n");
    }
    // Always offered: a calendar subscribed to now shows the dates published later.
    let _ = writeln!(
        main,
        "<p><a href=\"{}\">Prenumerera på alla kommande datum i din kalender</a> (iCalendar)</p>",
        href(Path::Calendar)
    );
    main.push_str("</section>\n");
    let nav = chrome::nav(site, Some(&from), &[]);
    chrome::document(site, &site.name, "", &nav, &main)
}

/// Every event at or after `now` in the given meetings, soonest first.
pub fn upcoming(meetings: &[&Meeting], now: DateTime) -> Vec<Upcoming> {
    let mut found: Vec<Upcoming> = Vec::new();
    for meeting in meetings {
        for (i, item) in meeting.items.iter().enumerate() {
            for event in item.events.iter().filter(|e| is_upcoming(e, now)) {
                found.push(Upcoming {
                    body: meeting.body.clone(),
                    meeting: meeting.date,
                    item: i + 1,
                    event: event.clone(),
                });
            }
        }
    }
    found.sort_by(|a, b| (a.event.start, &a.body, a.meeting).cmp(&(b.event.start, &b.body, b.meeting)));
    found
}

/// The site's calendar: the meetings that have events at or after `now`, each with only those events.
pub fn calendar(site: &Site, meetings: &[&Meeting], now: DateTime) -> String {
    let mut kept: Vec<(Meeting, Body)> = Vec::new();
    for meeting in meetings {
        let mut m = (*meeting).clone();
        for item in &mut m.items {
            item.events.retain(|e| is_upcoming(e, now));
            item.timeline.retain(|t| t.date.is_some_and(|d| d >= now.date()));
        }
        if m.items.iter().any(|i| !i.events.is_empty()) {
            let body = site.body(&m.body);
            kept.push((m, body));
        }
    }
    kept.sort_by_key(|(m, b)| (m.date, b.id.clone()));
    let pairs: Vec<(&Meeting, &Body)> = kept.iter().map(|(m, b)| (m, b)).collect();
    samman_render::ics::render(&pairs, &site.options)
}
