//! The slide master and the two layouts the deck uses: the title slide and title-with-content.
//!
//! The master's text styles set `lang="sv-SE"`, the theme font and the sizes the paging assumes, so text
//! a communicator adds in PowerPoint later looks like the generated text. The layouts carry the
//! decoration that must lie under slide text: the cover's background, accent bar and white strip, and
//! the content slides' coloured band and accent rule.

use super::geometry as g;
use super::shapes::{self, Insets, NS, Rect, TREE_START};
use samman_domain::Rgb;

use super::xml::DECLARATION;
use crate::palette::Palette;

fn level_style(level: u8, size: u32, bold: bool, colour: &str, bullet: &str) -> String {
    let mar = if bullet.is_empty() {
        0
    } else {
        g::BULLET_INDENT + i64::from(level.saturating_sub(1)) * g::LEVEL_STEP
    };
    let indent = if bullet.is_empty() { 0 } else { -g::BULLET_INDENT };
    let bullet = if bullet.is_empty() {
        "<a:buNone/>".to_string()
    } else {
        format!("<a:buFontTx/><a:buChar char=\"{bullet}\"/>")
    };
    format!(
        "<a:lvl{level}pPr marL=\"{mar}\" indent=\"{indent}\" algn=\"l\"><a:lnSpc><a:spcPct val=\"100000\"/></a:lnSpc>\
         <a:spcBef><a:spcPts val=\"600\"/></a:spcBef>{bullet}<a:defRPr lang=\"sv-SE\" sz=\"{size}\" b=\"{b}\">\
         <a:solidFill><a:schemeClr val=\"{colour}\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl{level}pPr>",
        b = u8::from(bold),
    )
}

/// `ppt/slideMasters/slideMaster1.xml`.
pub fn master_xml() -> String {
    let title = shapes::band_title(&prompt("Klicka här för att ändra rubrik", 32.0));
    let body = shapes::placeholder(
        3,
        "Innehåll 2",
        "type=\"body\" idx=\"1\"",
        Rect::new(g::MARGIN_X, g::CONTENT_Y, g::CONTENT_W, g::CONTENT_H),
        Insets {
            x: 0,
            y: g::BODY_INSET_Y,
            anchor: "t",
        },
        &prompt("Klicka här för att ändra text", 20.0),
    );
    let body_levels: String = (1..=9)
        .map(|l| {
            level_style(
                l,
                if l == 1 { 2000 } else { 1800 },
                false,
                "tx1",
                if l == 1 { "•" } else { "–" },
            )
        })
        .collect();
    let other_levels: String = (1..=9).map(|l| level_style(l, 1800, false, "tx1", "")).collect();
    format!(
        "{DECLARATION}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>\
         <p:spTree>{TREE_START}{title}{body}</p:spTree></p:cSld>\
         <p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" \
         accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>\
         <p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/><p:sldLayoutId id=\"2147483650\" r:id=\"rId2\"/>\
         </p:sldLayoutIdLst>\
         <p:txStyles><p:titleStyle>{}</p:titleStyle><p:bodyStyle>{body_levels}</p:bodyStyle>\
         <p:otherStyle>{other_levels}</p:otherStyle></p:txStyles></p:sldMaster>",
        level_style(1, 3200, true, "bg1", ""),
    )
}

/// Prompt text of an empty placeholder (seen only when editing the layouts).
fn prompt(text: &str, size: f64) -> String {
    format!(
        "<a:p><a:r><a:rPr lang=\"sv-SE\" sz=\"{}\" dirty=\"0\"/><a:t>{text}</a:t></a:r>\
         <a:endParaRPr lang=\"sv-SE\" dirty=\"0\"/></a:p>",
        shapes::hundredths(size)
    )
}

fn layout(kind: &str, name: &str, background: &str, tree: &str) -> String {
    format!(
        "{DECLARATION}<p:sldLayout {NS} type=\"{kind}\" preserve=\"1\"><p:cSld name=\"{name}\">{background}\
         <p:spTree>{TREE_START}{tree}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
}

fn solid_background(c: Rgb) -> String {
    format!("<p:bg><p:bgPr>{}<a:effectLst/></p:bgPr></p:bg>", shapes::fill(c))
}

/// `ppt/slideLayouts/slideLayout1.xml`: the cover, on the primary colour.
pub fn cover_layout_xml(p: &Palette) -> String {
    let bar = shapes::decoration(
        4,
        "Accentlinje",
        Rect::new(g::MARGIN_X, g::COVER_BAR_Y, g::COVER_X / 10, g::COVER_BAR_H),
        p.accent,
    );
    let strip = shapes::decoration(
        5,
        "Sidfotsband",
        Rect::new(0, g::COVER_STRIP_Y, g::SLIDE_W, g::COVER_STRIP_H),
        p.background,
    );
    let title = shapes::placeholder(
        2,
        "Rubrik 1",
        "type=\"ctrTitle\"",
        Rect::new(g::COVER_X, g::COVER_TITLE_Y, g::COVER_W, g::COVER_TITLE_H),
        Insets {
            x: 0,
            y: g::TITLE_INSET_Y,
            anchor: "b",
        },
        &prompt("Klicka här för att ändra rubrik", 40.0),
    );
    let subtitle = shapes::placeholder(
        3,
        "Underrubrik 2",
        "type=\"subTitle\" idx=\"1\"",
        Rect::new(g::COVER_X, g::COVER_DATE_Y, g::COVER_W, g::COVER_DATE_H),
        Insets {
            x: 0,
            y: g::TITLE_INSET_Y,
            anchor: "t",
        },
        &prompt("Klicka här för att ändra underrubrik", 24.0),
    );
    layout(
        "title",
        "Rubrikbild",
        &solid_background(p.primary),
        &(bar + &strip + &title + &subtitle),
    )
}

/// `ppt/slideLayouts/slideLayout2.xml`: title in the coloured band, content below.
pub fn content_layout_xml(p: &Palette) -> String {
    let band = shapes::decoration(4, "Rubrikband", Rect::new(0, 0, g::SLIDE_W, g::BAND_H), p.primary);
    let rule = shapes::decoration(
        5,
        "Accentlinje",
        Rect::new(0, g::BAND_H, g::SLIDE_W, g::RULE_H),
        p.accent,
    );
    let title = shapes::band_title(&prompt("Klicka här för att ändra rubrik", 32.0));
    let body = shapes::placeholder(
        3,
        "Innehåll 2",
        "idx=\"1\"",
        Rect::new(g::MARGIN_X, g::CONTENT_Y, g::CONTENT_W, g::CONTENT_H),
        Insets {
            x: 0,
            y: g::BODY_INSET_Y,
            anchor: "t",
        },
        &prompt("Klicka här för att ändra text", 20.0),
    );
    layout("obj", "Rubrik och innehåll", "", &(band + &rule + &title + &body))
}
