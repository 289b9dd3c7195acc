//! The newsletter's pages at `/{body}/nyhetsbrev/…`: the subscribe form, and the short pages that answer
//! each step (check your mail, confirm with one button, unsubscribe with one button, done, a refused
//! link). Made here, in the seam, with the same navigation and frame as every other page; the server's
//! newsletter routes fill them in.

use std::fmt::Write;

use samman_domain::Body;
use samman_render::escape;
use samman_render::links::site::Path;

use super::{Site, chrome};

/// A one-button form on a newsletter page: it posts `fields` to `action` (relative to the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub action: String,
    pub fields: Vec<(String, String)>,
    pub label: String,
}

/// What a newsletter page says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notice {
    pub heading: String,
    /// Paragraphs of plain text.
    pub text: Vec<String>,
    pub buttons: Vec<Button>,
    /// Links (label, relative href) shown after the text.
    pub links: Vec<(String, String)>,
}

/// The subscribe page: the form (field `epost`), with `error` shown beside the field and the address
/// typed kept in it; `available: false` says subscribing is not possible right now.
pub fn newsletter_page(
    site: &Site,
    body: &Body,
    typed: &str,
    error: Option<&str>,
    available: bool,
) -> String {
    let name = body
        .newsletter
        .clone()
        .unwrap_or_else(|| format!("Nyhetsbrev från {}", body.short_name));
    let mut main = format!(
        "<h1>{}</h1>\n<p class=\"lead\">Få varje sammanställning från {} i din inkorg när den publiceras.</p>\n",
        escape::html(&name),
        escape::html(&body.name)
    );
    if !available {
        main.push_str("<p>Det går inte att prenumerera just nu. Försök igen senare.</p>\n");
        return frame(site, body, &name, &main);
    }
    let (invalid, described) = match error {
        Some(_) => (" aria-invalid=\"true\"", " aria-describedby=\"epost-fel\""),
        None => ("", ""),
    };
    main.push_str(
        "<form method=\"post\" action=\"prenumerera\">\n<p><label for=\"epost\">E-postadress</label><br>\n",
    );
    let _ = writeln!(
        main,
        "<input id=\"epost\" name=\"epost\" type=\"email\" autocomplete=\"email\" required maxlength=\"254\" \
         value=\"{}\"{invalid}{described}></p>",
        escape::html(typed)
    );
    if let Some(error) = error {
        let _ = writeln!(
            main,
            "<p id=\"epost-fel\" class=\"fel\" role=\"alert\">{}</p>",
            escape::html(error)
        );
    }
    main.push_str(
        "<p class=\"meta\">Du får ett mejl med en länk som bekräftar prenumerationen. Vi sparar din adress, när du \
         bekräftade och var, och använder den bara för nyhetsbrevet. Varje nyhetsbrev har en länk för att avsluta \
         prenumerationen och för att ladda ned eller radera dina uppgifter.</p>\n\
         <p><button type=\"submit\">Prenumerera</button></p>\n</form>\n",
    );
    frame(site, body, &name, &main)
}

/// A page answering one step of subscribing or leaving.
pub fn newsletter_notice(site: &Site, body: &Body, notice: &Notice) -> String {
    let mut main = format!("<h1>{}</h1>\n", escape::html(&notice.heading));
    for paragraph in &notice.text {
        let _ = writeln!(main, "<p>{}</p>", escape::html(paragraph));
    }
    for button in &notice.buttons {
        let _ = writeln!(
            main,
            "<form method=\"post\" action=\"{}\">",
            escape::html(&button.action)
        );
        for (name, value) in &button.fields {
            let _ = writeln!(
                main,
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape::html(name),
                escape::html(value)
            );
        }
        let _ = writeln!(
            main,
            "<p><button type=\"submit\">{}</button></p>\n</form>",
            escape::html(&button.label)
        );
    }
    if !notice.links.is_empty() {
        main.push_str("<ul>\n");
        for (label, href) in &notice.links {
            let _ = writeln!(
                main,
                "<li><a href=\"{}\">{}</a></li>",
                escape::html(href),
                escape::html(label)
            );
        }
        main.push_str("</ul>\n");
    }
    let name = body.newsletter.clone().unwrap_or_else(|| "Nyhetsbrev".into());
    frame(site, body, &format!("{} – {name}", notice.heading), &main)
}

fn frame(site: &Site, body: &Body, title: &str, main: &str) -> String {
    let from = format!("{}nyhetsbrev/", Path::Body(body.id.clone()).dir());
    let crumbs = [
        (body.short_name.clone(), Some(Path::Body(body.id.clone()))),
        ("Nyhetsbrev".to_string(), None),
    ];
    let nav = chrome::nav(site, Some(&from), &crumbs);
    chrome::document(site, &format!("{title} – {}", site.name), "", &nav, main)
}
