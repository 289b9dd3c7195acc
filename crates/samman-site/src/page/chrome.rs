//! The navigation every page of the site carries (the site's name, the breadcrumbs and the search form —
//! a plain GET form to the search page, which works without script), and the document frame of the
//! pages made here.

use std::fmt::Write;

use samman_render::escape;
use samman_render::links::site::Path;

use super::Site;

/// The navigation's stylesheet: a light bar above the page, readable on every body's theme.
pub const NAV_CSS: &str =
    ".site{background:#f3f3f1;border-bottom:1px solid #c8c8c4;font-size:.95rem;line-height:1.4}
.site ol{list-style:none;max-width:46rem;margin:0 auto;padding:.55rem 1.25rem}
.site li{display:inline;margin:0}
.site li+li::before{content:\"\\203A\";padding:0 .45rem;color:#555}
.site a{color:#00506e}
.site [aria-current]{color:#1d1d1b}
.site form{max-width:46rem;margin:0 auto;padding:0 1.25rem .55rem}
.site input{font:inherit;padding:.2rem .4rem;border:1px solid #555;border-radius:3px;width:min(16rem,60vw)}
.site button{font:inherit;padding:.2rem .6rem;border:1px solid #00506e;border-radius:3px;background:#00506e;color:#fff}
.site label{margin-right:.4rem}
";

/// The stylesheet of the pages made here (start page, archive, 404).
const PAGE_CSS: &str = "*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1d1d1b;font-family:'Noto Sans','Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:1.0625rem;line-height:1.6;overflow-wrap:anywhere}
.wrap{max-width:46rem;margin:0 auto;padding:0 1.25rem}
a{color:#00506e;text-decoration:underline;text-underline-offset:.15em}
a:focus{outline:3px solid #1d1d1b;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-10rem;z-index:1;padding:.5rem 1rem;background:#fff;font-weight:700}
.skip:focus{top:.5rem}
main{display:block;padding:2rem 0 1rem}
main:focus{outline:none}
h1,h2{color:#00506e;line-height:1.25;margin:0 0 .6rem}
h1{font-size:2rem}
h2{font-size:1.4rem;margin-top:2.2rem}
p,ul{margin:0 0 1rem}
li{margin:.25rem 0}
.lead{font-size:1.15rem}
.meta{color:#555;font-size:.95rem}
.years{list-style:none;padding:0}
.years li{display:inline-block;margin:0 .75rem .25rem 0}
footer{border-top:1px solid #c8c8c4;margin-top:2rem;padding:1rem 0;color:#555;font-size:.95rem}
@media print{.skip,.site{display:none}}
";

/// The site's navigation for a page in directory `from` (`None`: a page that answers any path, linking
/// from the root): the site's name, then each crumb (linked when it has a path; the last one is the page).
pub fn nav(site: &Site, from: Option<&str>, crumbs: &[(String, Option<Path>)]) -> String {
    let mut out = String::from("<div class=\"site\">\n<nav aria-label=\"Du är här\">\n<ol>\n");
    let home = if crumbs.is_empty() {
        format!(
            "<li><span aria-current=\"page\">{}</span></li>",
            escape::html(&site.name)
        )
    } else {
        link(&site.name, &Path::Home, from)
    };
    out.push_str(&home);
    out.push('\n');
    for (i, (label, path)) in crumbs.iter().enumerate() {
        match path {
            Some(path) if i + 1 < crumbs.len() => out.push_str(&link(label, path, from)),
            _ => {
                let _ = write!(
                    out,
                    "<li><span aria-current=\"page\">{}</span></li>",
                    escape::html(label)
                );
            }
        }
        out.push('\n');
    }
    out.push_str("</ol>\n</nav>\n");
    out.push_str(&search_form(from));
    out.push_str("</div>\n");
    out
}

/// The site-wide search form: words only, to the search page (which offers the filters).
fn search_form(from: Option<&str>) -> String {
    let action = from.map_or_else(
        || Path::Search.to_string(),
        |from| Path::Search.relative_from(from),
    );
    format!(
        "<form role=\"search\" aria-label=\"Sök på webbplatsen\" action=\"{}\" method=\"get\">\n\
         <label for=\"sok-webbplatsen\">Sök</label><input id=\"sok-webbplatsen\" type=\"search\" name=\"q\" \
         maxlength=\"{}\"> <button type=\"submit\">Sök</button>\n</form>\n",
        escape::html(&action),
        super::search::MAX_QUERY_CHARS,
    )
}

fn link(label: &str, path: &Path, from: Option<&str>) -> String {
    let href = from.map_or_else(|| path.to_string(), |from| path.relative_from(from));
    format!(
        "<li><a href=\"{}\">{}</a></li>",
        escape::html(&href),
        escape::html(label)
    )
}

/// A whole page made here: head with title and stylesheets, skip link, navigation, `main` and footer.
/// `head_extra` goes into the head as is (alternate links).
pub fn document(site: &Site, title: &str, head_extra: &str, nav: &str, main: &str) -> String {
    document_with_style(site, title, head_extra, nav, main, "")
}

/// [`document`] with a stylesheet of the page's own after the shared ones (none when empty).
pub fn document_with_style(
    site: &Site,
    title: &str,
    head_extra: &str,
    nav: &str,
    main: &str,
    style: &str,
) -> String {
    let own = if style.is_empty() {
        String::new()
    } else {
        format!("<style>\n{style}</style>\n")
    };
    let mut out = String::with_capacity(main.len() + 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n{head_extra}<style>\n{PAGE_CSS}</style>\n<style>\n{NAV_CSS}</style>\n{own}</head>\n<body>\n\
         <a class=\"skip\" href=\"#innehall\">Gå direkt till huvudinnehållet</a>\n{nav}\
         <main id=\"innehall\" tabindex=\"-1\">\n<div class=\"wrap\">\n{main}</div>\n</main>\n\
         <footer>\n<div class=\"wrap\">\n<p>{}</p>\n</div>\n</footer>\n</body>\n</html>\n",
        escape::html(title),
        escape::html(&site.name),
    );
    out
}
