//! The Swedish 404 page.

use samman_render::escape;

use super::{Site, chrome};

/// The page for an address the site does not have. Its links are root-relative: it answers any path.
pub fn not_found_page(site: &Site) -> String {
    let main = format!(
        "<h1>Sidan finns inte</h1>\n<p class=\"lead\">Det finns ingen sida på den här adressen. Den kan ha \
         flyttats, eller så är adressen felskriven.</p>\n<p><a href=\"/\">Gå till startsidan för {}</a></p>\n",
        escape::html(&site.name)
    );
    let nav = chrome::nav(site, None, &[("Sidan finns inte".to_string(), None)]);
    chrome::document(
        site,
        &format!("Sidan finns inte – {}", site.name),
        "",
        &nav,
        &main,
    )
}
