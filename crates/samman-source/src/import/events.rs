//! Moving events and timeline entries out of an item's content: they are structured fields of the
//! record, so the renditions can show them as a calendar and a timeline instead of loose bullets.
//!
//! A bullet whose lines under it (nested bullets, or lines after hard line breaks) all parse as events
//! becomes those events and leaves the content. When some parse and the others are dates that lost their
//! day ("sept kl 14:00-15:30"), the parsed ones move and the bullet stays with the others, so `check` can
//! point at them. A "Tidsplan …" bullet whose lines are all timeline lines becomes the timeline.

use samman_domain::{Event, TimelineEntry};

use super::tree::Node;
use crate::dates::{has_dayless_date, parse_event, parse_timeline};
use crate::text::{normalize_ws, parse_inline, strip_emphasis};

/// Parent texts that introduce a timeline.
const TIMELINE_HEADS: [&str; 6] = [
    "tidsplan",
    "tidplan",
    "tidslinje",
    "planering",
    "timeline",
    "schedule",
];

/// Events and timeline entries found, in document order.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub events: Vec<Event>,
    pub timeline: Vec<TimelineEntry>,
}

/// Removes event and timeline bullets from `nodes` (at any depth), collecting them.
pub(crate) fn extract(nodes: Vec<Node>, year: i16, out: &mut Extracted) -> Vec<Node> {
    let mut kept = Vec::with_capacity(nodes.len());
    for node in nodes {
        if let Some(node) = extract_node(node, year, out) {
            kept.push(node);
        }
    }
    kept
}

/// `None` when the whole node moved out of the content.
fn extract_node(mut node: Node, year: i16, out: &mut Extracted) -> Option<Node> {
    // The lines under this node: its leaf children, or the lines after its first hard break.
    let from_children = !node.children.is_empty() && node.children.iter().all(|c| c.children.is_empty());
    let from_lines = node.children.is_empty() && node.lines.len() > 1;
    if from_children || from_lines {
        let head = node.lines.first().map(|l| plain(l)).unwrap_or_default();
        let (head, under): (String, Vec<String>) = if from_children {
            (
                plain(&node.lines.join(" ")),
                node.children.iter().map(|c| plain(&c.text())).collect(),
            )
        } else {
            (head, node.lines.iter().skip(1).map(|l| plain(l)).collect())
        };
        let summary = head.trim_end_matches(':').trim().to_string();

        let events: Vec<Option<Event>> = under.iter().map(|l| parse_event(l, year, &summary)).collect();
        let parsed = events.iter().filter(|e| e.is_some()).count();
        let rest_dayless = under
            .iter()
            .zip(&events)
            .all(|(l, e)| e.is_some() || has_dayless_date(l));
        if parsed > 0 && rest_dayless {
            out.events.extend(events.iter().flatten().cloned());
            if parsed == under.len() {
                return None;
            }
            keep_unparsed(&mut node, from_children, &events);
            return Some(node);
        }

        let is_timeline_head = TIMELINE_HEADS
            .iter()
            .any(|h| summary.to_lowercase().starts_with(h));
        if is_timeline_head {
            let entries: Option<Vec<TimelineEntry>> = under.iter().map(|l| parse_timeline(l, year)).collect();
            if let Some(entries) = entries {
                out.timeline.extend(entries);
                return None;
            }
        }
    }
    node.children = extract(std::mem::take(&mut node.children), year, out);
    Some(node)
}

/// Keeps only the lines under `node` that did not parse as events.
fn keep_unparsed(node: &mut Node, from_children: bool, events: &[Option<Event>]) {
    if from_children {
        let children = std::mem::take(&mut node.children);
        node.children = children
            .into_iter()
            .zip(events)
            .filter(|(_, e)| e.is_none())
            .map(|(c, _)| c)
            .collect();
    } else {
        let mut lines = node.lines.iter();
        let mut kept: Vec<String> = lines.next().cloned().into_iter().collect();
        kept.extend(
            lines
                .zip(events)
                .filter(|(_, e)| e.is_none())
                .map(|(l, _)| l.clone()),
        );
        node.lines = kept;
    }
}

/// The visible text of inline Markdown.
fn plain(text: &str) -> String {
    normalize_ws(&parse_inline(&strip_emphasis(text)).to_plain())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::located::Pos;
    use jiff::civil::date;

    fn bullet(text: &str, children: &[&str]) -> Node {
        let mut n = Node::new(Pos::line(1), true, text);
        n.children = children
            .iter()
            .map(|c| Node::new(Pos::line(2), true, *c))
            .collect();
        n
    }

    #[test]
    fn all_events_leave_the_content() {
        let mut out = Extracted::default();
        let nodes = vec![bullet(
            "Remisskonferenser:",
            &["16 sept kl 14:00-15:30", "23 sept kl 14:00-15:30"],
        )];
        assert!(extract(nodes, 2021, &mut out).is_empty());
        assert_eq!(out.events.len(), 2);
        assert_eq!(out.events[1].start, date(2021, 9, 23).at(14, 0, 0, 0));
        assert_eq!(out.events[0].summary, "Remisskonferenser");
    }

    #[test]
    fn a_dayless_date_keeps_its_bullet() {
        let mut out = Extracted::default();
        let nodes = vec![bullet(
            "Remisskonferenser:",
            &["16 sept kl 14:00-15:30", "sept kl 14:00-15:30"],
        )];
        let kept = extract(nodes, 2021, &mut out);
        assert_eq!(out.events.len(), 1);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].children.len(), 1);
        assert_eq!(kept[0].children[0].text(), "sept kl 14:00-15:30");
    }

    #[test]
    fn timeline_lines_after_hard_breaks() {
        let mut out = Extracted::default();
        let mut parent = bullet("Översyn", &[]);
        let mut tidsplan = Node::new(Pos::line(3), true, "Tidsplan 2021");
        tidsplan.lines.push("Juni – oktober 2021 – Dialoger".into());
        tidsplan
            .lines
            .push("19 november 2021 – Ställningstagande i SRO".into());
        parent.children = vec![Node::new(Pos::line(2), true, "Dialog"), tidsplan];
        let kept = extract(vec![parent], 2021, &mut out);
        assert_eq!(out.timeline.len(), 2);
        assert_eq!(out.timeline[1].date, Some(date(2021, 11, 19)));
        assert_eq!(kept[0].children.len(), 1);
    }

    #[test]
    fn ordinary_bullets_stay() {
        let mut out = Extracted::default();
        let nodes = vec![bullet("Verktyg", &["Snabb presentation", "Nyhetsbrev"])];
        assert_eq!(extract(nodes.clone(), 2021, &mut out), nodes);
        assert!(out.events.is_empty() && out.timeline.is_empty());
    }
}
