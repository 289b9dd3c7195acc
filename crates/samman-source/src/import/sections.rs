//! Turning one section (an item slide with its detail slides, or a page section) into an [`Item`]:
//! labels become presenters and the position, the list under a position becomes its points, events and
//! timeline lines leave the content, and what was repaired or missing becomes a [`Note`].

use samman_domain::{Bodies, Date, Item, Position, PositionKind, Presenter, Slide};

use super::events::{Extracted, extract};
use super::labels::{Label, label_is_decision, labelled};
use super::tree::{Converter, Node};
use crate::document::{Note, Section};
use crate::located::{Located, Pos};
use crate::people::{parse_position, parse_presenters, settle};
use crate::text::{normalize_ws, parse_inline, strip_emphasis};

/// What a reader knows when it builds sections.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub bodies: &'a Bodies,
    /// The meeting date, for dates written without a year; `None` leaves events in the content.
    pub date: Option<Date>,
    /// Join words broken across slide lines (decks only).
    pub repair: bool,
}

/// A section as read, before it is understood.
#[derive(Debug, Clone)]
pub(crate) struct RawSection {
    pub heading: Located<String>,
    pub nodes: Vec<Node>,
    pub slides: Vec<RawSlide>,
}

/// A detail slide as read.
#[derive(Debug, Clone)]
pub(crate) struct RawSlide {
    pub heading: Located<String>,
    pub nodes: Vec<Node>,
}

/// Whether a section's nodes carry a presenters or position label (what makes a slide an item slide).
pub(crate) fn has_label(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| labelled(&n.text()).is_some())
}

/// Plain, repaired text of a heading: emphasis and heading marks dropped, links reduced to labels.
pub(crate) fn heading_text(conv: &mut Converter, heading: &Located<String>) -> String {
    let t = strip_emphasis(heading.value.trim_start_matches('#'));
    normalize_ws(&parse_inline(&conv.line(&t, heading.pos)).to_plain())
}

/// Builds the section; notes go to `notes`.
pub(crate) fn build_section(raw: RawSection, ctx: Ctx<'_>, notes: &mut Vec<Note>) -> Section {
    let mut conv = Converter::new(ctx.repair);
    let mut item = Item::titled(heading_text(&mut conv, &raw.heading));
    let mut presenters_pos = None;
    let mut position_pos = None;
    let mut content_nodes = Vec::new();

    let mut nodes = raw.nodes.into_iter().peekable();
    // A label on a bullet that follows another bullet is a point of that list, not a label (a deck
    // shows the escaped "Föredragande\: …" of a source file as such a bullet).
    let mut after_bullet = false;
    while let Some(node) = nodes.next() {
        let in_list = node.bullet && after_bullet;
        after_bullet = node.bullet;
        let Some(found) = labelled(&node.text()).filter(|_| !in_list) else {
            content_nodes.push(node);
            continue;
        };
        let name = label_name(found.label);
        if found.repeats > 1 {
            notes.push(note(
                node.pos,
                "doubled-label",
                format!("etiketten \"{name}:\" står två gånger"),
            ));
        }
        // What is under the label: its own nested bullets, else the bullets that follow it.
        let mut under = node.children.clone();
        let wants_list = match found.label {
            Label::Presenters => found.rest.is_empty(),
            Label::Position => {
                found.rest.is_empty() || PositionKind::infer(&found.rest) != PositionKind::Noted
            }
        };
        let is_presenters = found.label == Label::Presenters;
        let mut found = found;
        if found.rest.is_empty() && under.is_empty() {
            // "Ställningstagande:" on a line of its own, the sentence on the next line (a page).
            if let Some(next) = nodes.next_if(|n| {
                !n.bullet
                    && n.children.is_empty()
                    && labelled(&n.text()).is_none()
                    && (!is_presenters || looks_like_names(&n.text()))
            }) {
                found.rest = next.text();
            }
        }
        if under.is_empty() && wants_list {
            while let Some(next) = nodes.next_if(|n| {
                n.bullet && labelled(&n.text()).is_none() && (!is_presenters || looks_like_names(&n.text()))
            }) {
                under.push(next);
            }
        }
        if is_presenters {
            // Bullets under a presenters label that are sentences, not names, are content.
            let (names, other): (Vec<Node>, Vec<Node>) =
                under.into_iter().partition(|n| looks_like_names(&n.text()));
            under = names;
            content_nodes.extend(other);
        }
        let slot = match found.label {
            Label::Presenters => &mut presenters_pos,
            Label::Position => &mut position_pos,
        };
        if slot.is_some() {
            notes.push(note(
                node.pos,
                "doubled-label",
                format!("\"{name}:\" står två gånger i ärendet \"{}\"", item.title),
            ));
        } else {
            *slot = Some(node.pos);
        }
        let rest = conv.line(&found.rest, node.pos);
        let mut empty = rest.trim().is_empty();
        match found.label {
            Label::Presenters => {
                let mut people = parse_presenters(&rest, ctx.bodies);
                for u in &under {
                    people.extend(presenters_of(&mut conv, u, ctx.bodies));
                }
                empty = people.is_empty();
                item.presenters.extend(people);
                // One line in the source file holds them all; it must read back to them.
                item.presenters = settle(std::mem::take(&mut item.presenters), ctx.bodies);
            }
            Label::Position => {
                let points = points_of(&mut conv, &under);
                empty = empty && points.is_empty();
                merge_position(&mut item, &rest, points, label_is_decision(&node.text()));
                if let (Some(kind), Some(position)) = (found.kind, item.position.as_mut()) {
                    position.kind = kind;
                }
            }
        }
        if empty {
            notes.push(note(node.pos, "empty-field", format!("\"{name}:\" saknar text")));
        }
    }

    let content_nodes = match ctx.date {
        Some(date) => {
            let mut found = Extracted::default();
            let kept = extract(content_nodes, date, ctx.repair, &mut found);
            item.events = found.events;
            item.timeline = found.timeline;
            kept
        }
        None => content_nodes,
    };
    item.content = conv.blocks(&content_nodes);
    let mut slide_pos = Vec::new();
    for slide in raw.slides {
        slide_pos.push(slide.heading.pos);
        let title = heading_text(&mut conv, &slide.heading);
        let content = conv.blocks(&slide.nodes);
        item.slides.push(Slide { title, content });
    }
    notes.append(&mut conv.notes);
    Section {
        heading: raw.heading,
        item,
        presenters_pos,
        position_pos,
        slide_pos,
    }
}

/// Whether a bullet reads like presenters ("Anna Berg, VGR"), not a sentence: short, capitalised, and
/// not ending like a sentence.
fn looks_like_names(text: &str) -> bool {
    let t = normalize_ws(&strip_emphasis(text));
    t.split_whitespace().count() <= 10
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', '!', '?', ':'])
}

fn presenters_of(conv: &mut Converter, node: &Node, bodies: &Bodies) -> Vec<Presenter> {
    let line = conv.line(&node.text(), node.pos);
    let mut people = parse_presenters(&line, bodies);
    for c in &node.children {
        people.extend(presenters_of(conv, c, bodies));
    }
    people
}

/// Every bullet under a position, depth first, as plain text.
fn points_of(conv: &mut Converter, nodes: &[Node]) -> Vec<String> {
    let mut out = Vec::new();
    for n in nodes {
        let text = conv.text(&n.text(), n.pos).to_plain();
        if !text.is_empty() {
            out.push(text);
        }
        out.extend(points_of(conv, &n.children));
    }
    out
}

/// Sets or extends the item's position from a label's sentence and the points under it.
fn merge_position(item: &mut Item, rest: &str, mut points: Vec<String>, decision_label: bool) {
    let rest = normalize_ws(&parse_inline(&strip_emphasis(rest)).to_plain());
    if rest.is_empty() && points.is_empty() {
        return;
    }
    let position = if !rest.is_empty() {
        Position {
            points,
            ..parse_position(&rest)
        }
    } else if points.len() == 1 {
        // "Ställningstagande:" with its sentence as the only bullet under it.
        parse_position(&points.remove(0))
    } else {
        let kind = if decision_label {
            PositionKind::Decided
        } else {
            PositionKind::Other
        };
        Position {
            kind,
            text: String::new(),
            points,
        }
    };
    match &mut item.position {
        Some(existing) => {
            if existing.text.is_empty() {
                existing.text = position.text;
                existing.kind = position.kind;
            }
            existing.points.extend(position.points);
        }
        None => item.position = Some(position),
    }
}

fn label_name(label: Label) -> &'static str {
    match label {
        Label::Presenters => "Föredragande",
        Label::Position => "Ställningstagande",
    }
}

pub(crate) fn note(pos: Pos, code: &'static str, message: String) -> Note {
    Note { pos, code, message }
}
