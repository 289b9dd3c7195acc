//! The text/html part: one column, tables for layout (what mail clients render reliably), styles inline on
//! the elements, and a small `<style>` that only adds a dark-mode palette for clients that honour
//! `prefers-color-scheme` (elsewhere the light colours, with explicit backgrounds, stay readable).

use std::fmt::Write;

use samman_domain::{Meeting, swedish};

use super::{Letter, slides_sentence};
use crate::escape;
use crate::markup::{self, Hrefs};

pub(super) fn render(letter: &Letter, meeting: &Meeting) -> String {
    let x = escape::html;
    let p = &letter.palette;
    let font = p.font_stack();
    let links = &letter.links;
    let h2 = format!(
        "margin:28px 0 8px;font-size:20px;line-height:1.3;color:{}",
        p.primary
    );
    let h3 = format!(
        "margin:16px 0 6px;font-size:16px;line-height:1.3;color:{}",
        p.primary
    );
    let link = format!("color:{}", p.link);
    let mut out = String::with_capacity(24 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"supported-color-schemes\" content=\"light dark\">\n\
         <title>{title}</title>\n<style>\n\
         @media (prefers-color-scheme: dark) {{\n\
         .bg {{ background:#121417 !important; }}\n\
         .card {{ background:#1c1f23 !important; color:#e9eaec !important; }}\n\
         .card h1, .card h2, .card h3, .card a {{ color:#9bd4f5 !important; }}\n\
         .pos {{ background:#262a2f !important; }}\n\
         .muted {{ color:#c3c6ca !important; }}\n\
         a.button {{ background:#9bd4f5 !important; color:#121417 !important; }}\n\
         }}\n</style>\n</head>\n\
         <body class=\"bg\" style=\"margin:0;padding:0;background:#eef0f2\">\n\
         <div style=\"display:none;max-height:0;overflow:hidden\">{lead}</div>\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" class=\"bg\" style=\"background:#eef0f2\">\n\
         <tr><td align=\"center\" style=\"padding:24px 12px\">\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:600px\">\n\
         <tr><td style=\"background:{primary};color:{on_primary};padding:16px 24px;font-family:{font};font-size:15px;line-height:1.4;font-weight:bold;border-bottom:6px solid {accent}\">{body_name}</td></tr>\n\
         <tr><td class=\"card\" style=\"background:{bg};color:{text};padding:24px;font-family:{font};font-size:16px;line-height:1.6;word-wrap:break-word;overflow-wrap:anywhere\">\n\
         <h1 style=\"margin:0 0 12px;font-size:26px;line-height:1.25;color:{primary}\">{title}</h1>\n\
         <p style=\"margin:0 0 16px;font-size:18px\">{lead}</p>\n\
         <p style=\"margin:0 0 12px\"><a class=\"button\" href=\"{page}\" style=\"display:inline-block;padding:10px 18px;background:{primary};color:{on_primary};text-decoration:none;font-weight:bold;border-radius:4px\">Läs sammanställningen på webben</a></p>\n\
         <p class=\"muted\" style=\"margin:0 0 8px;color:{muted}\">Ladda ner: <a href=\"{deck}\" style=\"{link}\">presentationen (PowerPoint)</a> · <a href=\"{pdf}\" style=\"{link}\">sammanställningen (PDF)</a></p>\n",
        title = x(&letter.title),
        lead = x(&letter.lead),
        body_name = x(&letter.body_name),
        primary = p.primary,
        on_primary = p.on_primary,
        accent = p.accent,
        bg = p.background,
        text = p.text,
        muted = p.muted,
        page = x(&links.page),
        deck = x(&links.deck()),
        pdf = x(&links.pdf()),
    );
    if !meeting.items.is_empty() {
        let _ = write!(
            out,
            "<h2 style=\"{h2}\">Agenda</h2>\n<ol style=\"margin:0 0 8px;padding-left:24px\">\n"
        );
        for (i, item) in meeting.items.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" style=\"{link}\">{}</a></li>",
                x(&links.item(i + 1)),
                x(&item.title)
            );
        }
        out.push_str("</ol>\n");
    }
    for (i, item) in meeting.items.iter().enumerate() {
        let number = i + 1;
        let _ = writeln!(
            out,
            "<h2 style=\"{h2};padding-top:16px;border-top:1px solid {}\">{number}. {}</h2>",
            p.muted,
            x(&item.title)
        );
        if !item.presenters.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"muted\" style=\"margin:0 0 12px;color:{}\"><strong>Föredragande:</strong> {}</p>",
                p.muted,
                x(&samman_domain::swedish::presenters(&item.presenters))
            );
        }
        let mut body = String::new();
        markup::blocks(&mut body, &item.content, Hrefs::Absolute(links), 0);
        out.push_str(&styled(&body, &link));
        if !item.slides.is_empty() {
            let _ = writeln!(
                out,
                "<p style=\"margin:0 0 12px\">{} <a href=\"{}\" style=\"{link}\">Läs bilderna på webben</a></p>",
                x(&slides_sentence(item.slides.len())),
                x(&links.item_slides(number))
            );
        }
        if !item.events.is_empty() {
            let _ = write!(
                out,
                "<h3 style=\"{h3}\">Datum</h3>\n<ul style=\"margin:0 0 8px;padding-left:22px\">\n"
            );
            for e in &item.events {
                let _ = writeln!(out, "<li>{}: {}</li>", x(&swedish::event_when(e)), x(&e.summary));
            }
            let _ = writeln!(
                out,
                "</ul>\n<p style=\"margin:0 0 12px\"><a href=\"{}\" style=\"{link}\">Lägg till i kalender</a></p>",
                x(&links.ics())
            );
        }
        if !item.timeline.is_empty() {
            let _ = write!(
                out,
                "<h3 style=\"{h3}\">Tidsplan</h3>\n<ul style=\"margin:0 0 12px;padding-left:22px\">\n"
            );
            for t in &item.timeline {
                let _ = writeln!(
                    out,
                    "<li><strong>{}:</strong> {}</li>",
                    x(&t.when_label()),
                    x(&t.text)
                );
            }
            out.push_str("</ul>\n");
        }
        if let Some(position) = &item.position {
            let _ = write!(
                out,
                "<div class=\"pos\" style=\"margin:12px 0 8px;padding:12px 16px;background:{};border-left:6px solid {}\">\n\
                 <p style=\"margin:0;font-weight:bold\">{}: {}</p>\n",
                p.tint,
                p.primary,
                x(&swedish::position_label(position)),
                x(&position.text)
            );
            if !position.points.is_empty() {
                out.push_str("<ul style=\"margin:8px 0 0;padding-left:22px\">\n");
                for point in &position.points {
                    let _ = writeln!(out, "<li>{}</li>", x(point));
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</div>\n");
        }
        let _ = writeln!(
            out,
            "<p style=\"margin:8px 0 0\"><a href=\"{}\" style=\"{link}\">Läs punkten på webben</a></p>",
            x(&links.item(number))
        );
    }
    out.push_str("</td></tr>\n");
    let _ = writeln!(
        out,
        "<tr><td class=\"card muted\" style=\"background:{bg};color:{muted};padding:16px 24px 24px;font-family:{font};font-size:14px;line-height:1.5;border-top:6px solid {accent}\">",
        bg = p.background,
        muted = p.muted,
        accent = p.accent,
    );
    if let Some(updated) = meeting.updated {
        let _ = writeln!(
            out,
            "<p style=\"margin:0 0 8px\">Senast uppdaterad: {}</p>",
            swedish::timestamp(updated)
        );
    }
    if let Some(name) = &letter.newsletter {
        let _ = writeln!(
            out,
            "<p style=\"margin:0 0 8px\">Du får det här mejlet för att du prenumererar på {}.</p>",
            x(name)
        );
    }
    let _ = write!(
        out,
        "<p style=\"margin:0 0 8px\"><a href=\"{}\" style=\"{link}\">Avsluta prenumerationen</a></p>\n\
         <p style=\"margin:0\">{}</p>\n</td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n",
        x(&letter.unsubscribe),
        x(&letter.body_name)
    );
    out
}

/// Inline styles for the plain content markup (mail clients ignore most stylesheets).
fn styled(html: &str, link: &str) -> String {
    html.replace("<p>", "<p style=\"margin:0 0 12px\">")
        .replace("<ul>", "<ul style=\"margin:0 0 12px;padding-left:22px\">")
        .replace("<a href=", &format!("<a style=\"{link}\" href="))
}
