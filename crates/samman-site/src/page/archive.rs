//! A body's page: its published meetings grouped by year, newest first.

use std::fmt::Write;

use samman_domain::Body;
use samman_render::escape;
use samman_render::links::site::Path;

use super::{Listed, Site, chrome};

/// The archive of `body`: `meetings` (any order) grouped by year, newest year and meeting first.
pub fn body_page(site: &Site, body: &Body, meetings: &[Listed]) -> String {
    let from = Path::Body(body.id.clone()).dir();
    let mut sorted: Vec<&Listed> = meetings.iter().filter(|l| l.body == body.id).collect();
    sorted.sort_by_key(|l| std::cmp::Reverse(l.date));
    let title = format!("Sammanställningar från {}", body.short_name);
    let feed = escape::html(&Path::Feed(body.id.clone()).relative_from(&from));
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1>{}</h1>\n<p class=\"lead\">{}</p>\n<p><a href=\"{feed}\">Följ {} i en flödesläsare (Atom)</a></p>\n",
        escape::html(&title),
        escape::html(&body.name),
        escape::html(&body.short_name),
    );
    let mut years: Vec<i16> = sorted.iter().map(|l| l.date.year()).collect();
    years.dedup();
    if years.is_empty() {
        main.push_str("<p>Inga sammanställningar är publicerade ännu.</p>\n");
    }
    if years.len() > 1 {
        main.push_str("<nav aria-label=\"År\">\n<ul class=\"years\">\n");
        for y in &years {
            let _ = writeln!(main, "<li><a href=\"#ar-{y}\">{y}</a></li>");
        }
        main.push_str("</ul>\n</nav>\n");
    }
    for y in &years {
        let _ = write!(
            main,
            "<section aria-labelledby=\"ar-{y}\">\n<h2 id=\"ar-{y}\">{y}</h2>\n<ul>\n"
        );
        for l in sorted.iter().filter(|l| l.date.year() == *y) {
            let _ = writeln!(
                main,
                "<li><a href=\"{}\">{}</a></li>",
                escape::html(&Path::Meeting(l.body.clone(), l.date).relative_from(&from)),
                escape::html(&l.title)
            );
        }
        main.push_str("</ul>\n</section>\n");
    }
    let head = format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}: sammanställningar\" href=\"{feed}\">\n",
        escape::html(&body.short_name)
    );
    let nav = chrome::nav(site, Some(&from), &[(body.short_name.clone(), None)]);
    chrome::document(site, &format!("{title} – {}", site.name), &head, &nav, &main)
}
