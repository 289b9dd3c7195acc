//! One slide's text: its shapes (placeholders, text boxes, grouped shapes, table cells) with their
//! paragraphs, put in reading order, and which of them is the title.
//!
//! Reading order is top to bottom, then left to right within a band, so the two columns of a
//! two-column slide are read left column first. Groups are flattened with their child coordinates
//! mapped onto the slide. Pictures are not text; their alternative text is not read as content.

use std::collections::HashMap;

use super::package::Rel;
use super::xml::Element;

/// Groups nested deeper than this are read as text without positions (no deck nests so deep).
const MAX_GROUP_DEPTH: usize = 32;
/// A title found without a title placeholder must be at least this large (hundredths of a point).
const LARGE_TEXT: u32 = 2400;

/// What a shape is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A title placeholder (`title`).
    Title,
    /// The title of a title slide (`ctrTitle`).
    CoverTitle,
    /// A title slide's subtitle.
    Subtitle,
    /// A content placeholder: its paragraphs are bullets unless they say otherwise.
    Body,
    /// Footer, date and slide number placeholders, and text along the slide's bottom edge.
    Footer,
    /// A text box, shape or table: paragraphs unless they say otherwise.
    Text,
}

/// A paragraph: outline level, whether it has a bullet (`None`: as the shape's kind implies), its lines
/// (split at `a:br`) as inline Markdown, and its largest font size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub level: usize,
    pub bullet: Option<bool>,
    pub lines: Vec<String>,
    pub size: Option<u32>,
}

impl Para {
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }

    /// The lines joined with spaces.
    pub fn joined(&self) -> String {
        crate::text::normalize_ws(&self.lines.join(" "))
    }
}

/// Position on the slide in EMU.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A shape with text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub role: Role,
    pub rect: Option<Rect>,
    pub paras: Vec<Para>,
}

impl Shape {
    fn max_size(&self) -> Option<u32> {
        self.paras.iter().filter_map(|p| p.size).max()
    }

    fn chars(&self) -> usize {
        self.paras.iter().map(|p| p.joined().chars().count()).sum()
    }
}

/// Maps a group's child coordinates onto the slide.
#[derive(Debug, Clone, Copy)]
struct Transform {
    scale_x: f64,
    scale_y: f64,
    dx: f64,
    dy: f64,
}

impl Transform {
    const IDENTITY: Transform = Transform {
        scale_x: 1.0,
        scale_y: 1.0,
        dx: 0.0,
        dy: 0.0,
    };

    fn apply(&self, r: Rect) -> Rect {
        Rect {
            x: self.dx + r.x * self.scale_x,
            y: self.dy + r.y * self.scale_y,
            w: r.w * self.scale_x,
            h: r.h * self.scale_y,
        }
    }
}

fn number(e: Option<&Element>, attr: &str) -> Option<f64> {
    e?.attr(attr)?.parse::<f64>().ok()
}

/// The `a:xfrm` (or `p:xfrm`) rectangle under `props`.
fn rect_of(xfrm: Option<&Element>) -> Option<Rect> {
    let off = xfrm?.child("off");
    let ext = xfrm?.child("ext");
    Some(Rect {
        x: number(off, "x")?,
        y: number(off, "y")?,
        w: number(ext, "cx").unwrap_or(0.0),
        h: number(ext, "cy").unwrap_or(0.0),
    })
}

/// Reads every text-bearing shape of a slide (`p:cSld/p:spTree`), in reading order.
pub fn read_slide(root: &Element, links: &HashMap<String, Rel>, slide_h: f64) -> Vec<Shape> {
    let mut shapes = Vec::new();
    if let Some(tree) = root.path(&["cSld", "spTree"]) {
        walk(tree, Transform::IDENTITY, 0, links, &mut shapes);
    }
    // Shapes without a position of their own (placeholders that inherit it from the layout) keep their
    // place in the shape tree: they borrow the position of the shape before them.
    let mut last = Rect::default();
    for shape in &mut shapes {
        match shape.rect {
            Some(r) => last = r,
            None if shape.role == Role::Title || shape.role == Role::CoverTitle => {
                shape.rect = Some(Rect::default())
            }
            None => shape.rect = Some(last),
        }
        if shape.role == Role::Text && shape.rect.is_some_and(|r| r.y >= slide_h * 0.9) {
            shape.role = Role::Footer;
        }
    }
    // Bands of a twentieth of the slide: shapes starting in the same band are read left to right.
    let band = (slide_h / 20.0).max(1.0);
    shapes.sort_by(|a, b| {
        let key = |s: &Shape| {
            let r = s.rect.unwrap_or_default();
            ((r.y / band).floor(), r.x)
        };
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    shapes.retain(|s| s.role != Role::Footer && s.paras.iter().any(|p| !p.is_empty()));
    shapes
}

fn walk(tree: &Element, t: Transform, depth: usize, links: &HashMap<String, Rel>, out: &mut Vec<Shape>) {
    for child in tree.elements() {
        match child.name.as_str() {
            "sp" => {
                if let Some(body) = child.child("txBody") {
                    let role = role_of(child);
                    let rect = rect_of(child.path(&["spPr", "xfrm"])).map(|r| t.apply(r));
                    let paras = body.children_named("p").map(|p| para(p, links)).collect();
                    out.push(Shape { role, rect, paras });
                }
            }
            "grpSp" => {
                let xfrm = child.path(&["grpSpPr", "xfrm"]);
                let inner = match (rect_of(xfrm), xfrm) {
                    (Some(off), Some(x)) if depth < MAX_GROUP_DEPTH => {
                        let ch_off = x.child("chOff");
                        let ch_ext = x.child("chExt");
                        let (cx, cy) = (
                            number(ch_off, "x").unwrap_or(0.0),
                            number(ch_off, "y").unwrap_or(0.0),
                        );
                        let cw = number(ch_ext, "cx")
                            .filter(|v| *v > 0.0)
                            .unwrap_or(off.w.max(1.0));
                        let ch = number(ch_ext, "cy")
                            .filter(|v| *v > 0.0)
                            .unwrap_or(off.h.max(1.0));
                        let (sx, sy) = (off.w.max(1.0) / cw, off.h.max(1.0) / ch);
                        let local = Transform {
                            scale_x: sx,
                            scale_y: sy,
                            dx: off.x - cx * sx,
                            dy: off.y - cy * sy,
                        };
                        Transform {
                            scale_x: t.scale_x * local.scale_x,
                            scale_y: t.scale_y * local.scale_y,
                            dx: t.dx + local.dx * t.scale_x,
                            dy: t.dy + local.dy * t.scale_y,
                        }
                    }
                    _ => t,
                };
                if depth < MAX_GROUP_DEPTH {
                    walk(child, inner, depth + 1, links, out);
                }
            }
            "graphicFrame" => {
                if let Some(table) = child.find("tbl") {
                    let rect = rect_of(child.child("xfrm")).map(|r| t.apply(r));
                    out.push(Shape {
                        role: Role::Text,
                        rect,
                        paras: table_paras(table, links),
                    });
                }
            }
            // Content written for newer readers, with a fallback for older ones: read the fallback.
            "AlternateContent" => {
                if let Some(choice) = child.child("Fallback").or_else(|| child.child("Choice")) {
                    walk(choice, t, depth + 1, links, out);
                }
            }
            _ => {}
        }
    }
}

fn role_of(sp: &Element) -> Role {
    let Some(ph) = sp.path(&["nvSpPr", "nvPr", "ph"]) else {
        return Role::Text;
    };
    match ph.attr("type") {
        Some("title") => Role::Title,
        Some("ctrTitle") => Role::CoverTitle,
        Some("subTitle") => Role::Subtitle,
        Some("ftr" | "dt" | "sldNum" | "hdr") => Role::Footer,
        _ => Role::Body,
    }
}

/// One paragraph: runs joined, `a:br` splitting lines, runs with the same link joined into one link.
fn para(p: &Element, links: &HashMap<String, Rel>) -> Para {
    let props = p.child("pPr");
    let level = props
        .and_then(|pr| pr.attr("lvl"))
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(0)
        .min(8);
    let bullet = props.and_then(|pr| {
        pr.elements().find_map(|e| match e.name.as_str() {
            "buNone" => Some(false),
            "buChar" | "buAutoNum" | "buBlip" => Some(true),
            _ => None,
        })
    });
    let mut lines = vec![String::new()];
    let mut size: Option<u32> = None;
    // The run being collected under one link: (href, label).
    let mut open: Option<(String, String)> = None;
    let close = |open: &mut Option<(String, String)>, line: &mut String| {
        if let Some((href, label)) = open.take() {
            let href: String = href
                .chars()
                .flat_map(|c| {
                    if matches!(c, '\\' | ')') {
                        vec!['\\', c]
                    } else {
                        vec![c]
                    }
                })
                .collect();
            line.push_str(&format!(
                "[{}]({href})",
                crate::format::syntax::escape_literal(&label)
            ));
        }
    };
    for child in p.elements() {
        match child.name.as_str() {
            "r" | "fld" => {
                let text: String = child.children_named("t").map(Element::text).collect();
                let props = child.child("rPr");
                if let Some(sz) = props.and_then(|r| r.attr("sz")).and_then(|s| s.parse().ok()) {
                    size = Some(size.map_or(sz, |m: u32| m.max(sz)));
                }
                let href = props
                    .and_then(|r| r.child("hlinkClick"))
                    .and_then(|h| h.attr("id"))
                    .and_then(|id| links.get(id))
                    .filter(|rel| rel.external)
                    .map(|rel| rel.target.clone());
                let line = lines.last_mut().expect("one line at least");
                match href {
                    Some(href) => match &mut open {
                        Some((h, label)) if *h == href => label.push_str(&text),
                        _ => {
                            close(&mut open, line);
                            open = Some((href, text));
                        }
                    },
                    None => {
                        close(&mut open, line);
                        line.push_str(&crate::format::syntax::escape_literal(&text));
                    }
                }
            }
            "br" => {
                close(&mut open, lines.last_mut().expect("one line at least"));
                lines.push(String::new());
            }
            _ => {}
        }
    }
    close(&mut open, lines.last_mut().expect("one line at least"));
    // Tabs and vertical tabs (PowerPoint's soft return in some exports) are spaces here.
    let lines = lines
        .into_iter()
        .map(|l| l.replace(['\t', '\u{b}'], " "))
        .collect();
    Para {
        level,
        bullet,
        lines,
        size,
    }
}

/// A table's rows as paragraphs, cells joined with ", ". A table whose first cell is a presenters
/// label ("Föredragande" over a column of names, perhaps with an organisation column) becomes one
/// presenters line: "Föredragande: Anna Berg, VGR och Per Ek, VästKom".
fn table_paras(table: &Element, links: &HashMap<String, Rel>) -> Vec<Para> {
    let rows: Vec<Vec<String>> = table
        .children_named("tr")
        .map(|tr| {
            tr.children_named("tc")
                .map(|tc| {
                    let paras: Vec<String> = tc
                        .child("txBody")
                        .map(|b| b.children_named("p").map(|p| para(p, links).joined()).collect())
                        .unwrap_or_default();
                    crate::text::normalize_ws(&paras.join(" "))
                })
                .filter(|c| !c.is_empty())
                .collect()
        })
        .filter(|r: &Vec<String>| !r.is_empty())
        .collect();
    let plain = |text: String| Para {
        level: 0,
        bullet: Some(false),
        lines: vec![text],
        size: None,
    };
    let header_label = rows.first().and_then(|r| r.first()).and_then(|c| {
        super::super::labels::labelled(c)
            .filter(|l| l.rest.is_empty() && l.label == super::super::labels::Label::Presenters)
    });
    if header_label.is_some() && rows.len() > 1 {
        let label = rows[0][0].trim_end_matches(':').to_string();
        let people: Vec<String> = rows[1..].iter().map(|r| r.join(", ")).collect();
        let joined = match people.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} och {last}", rest.join(", ")),
            _ => people.join(""),
        };
        return vec![plain(format!("{label}: {joined}"))];
    }
    rows.into_iter()
        .map(|cells| {
            // "Föredragande | Anna Berg, VGR": a label in the first cell introduces the rest.
            let text = match cells.split_first() {
                Some((first, rest))
                    if !rest.is_empty()
                        && super::super::labels::labelled(first).is_some_and(|l| l.rest.is_empty()) =>
                {
                    format!("{}: {}", first.trim_end_matches(':'), rest.join(", "))
                }
                _ => cells.join(", "),
            };
            plain(text)
        })
        .collect()
}

/// The index of the slide's title: the title placeholder, or failing that the topmost of the largest
/// short texts when it is large (at least 24 pt) and larger than everything else on the slide.
pub fn title_index(shapes: &[Shape]) -> Option<usize> {
    if let Some(i) = shapes.iter().position(|s| {
        matches!(s.role, Role::Title | Role::CoverTitle) && s.paras.iter().any(|p| !p.is_empty())
    }) {
        return Some(i);
    }
    let short = |s: &Shape| s.paras.iter().filter(|p| !p.is_empty()).count() <= 3 && s.chars() <= 200;
    let (best, size) = shapes
        .iter()
        .enumerate()
        .filter(|(_, s)| short(s))
        .filter_map(|(i, s)| s.max_size().map(|z| (i, z)))
        // Largest first; among equals the first in reading order (the topmost).
        .fold(None, |acc: Option<(usize, u32)>, (i, z)| match acc {
            Some((_, best)) if best >= z => acc,
            _ => Some((i, z)),
        })?;
    let larger_than_rest = shapes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .all(|(_, s)| s.max_size().is_none_or(|z| z < size));
    (size >= LARGE_TEXT && larger_than_rest).then_some(best)
}
