//! Moving events and timeline entries out of an item's content: they are structured fields of the
//! record, so the renditions can show them as a calendar and a timeline instead of loose bullets.
//!
//! A bullet whose lines under it (nested bullets, or lines after hard line breaks) all parse as events
//! becomes those events and leaves the content. When some parse and the others are dates that lost their
//! day ("sept kl 14:00-15:30"), the parsed ones move and the bullet stays with the others, so `check` can
//! point at them. A "Tidsplan …" bullet whose lines are all timeline lines becomes the timeline.

use samman_domain::{Date, Event, TimelineEntry};

use super::tree::Node;
use crate::dates::{has_dayless_date, parse_event, parse_timeline};
use crate::text::{join_broken_words, normalize_ws, parse_inline, strip_emphasis};

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
pub(crate) fn extract(nodes: Vec<Node>, meeting: Date, repair: bool, out: &mut Extracted) -> Vec<Node> {
    let mut kept = Vec::with_capacity(nodes.len());
    for node in nodes {
        if let Some(node) = extract_node(node, meeting, repair, out) {
            kept.push(node);
        }
    }
    kept
}

/// `None` when the whole node moved out of the content.
fn extract_node(mut node: Node, meeting: Date, repair: bool, out: &mut Extracted) -> Option<Node> {
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
        // A deck's "Utbildnings- dagar:" is "Utbildningsdagar" (the bullet's own note comes if it stays).
        let head = if repair { join_broken_words(&head).0 } else { head };
        let summary = head.trim_end_matches(':').trim().to_string();

        let events: Vec<Option<Event>> = under.iter().map(|l| event_near(l, meeting, &summary)).collect();
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
            let entries: Option<Vec<TimelineEntry>> =
                under.iter().map(|l| timeline_near(l, meeting)).collect();
            if let Some(entries) = entries {
                out.timeline.extend(entries);
                return None;
            }
        }
    }
    // A bullet of its own that is an event with words of its own ("Dialogmöte 12 jan kl 9-11 i Borås").
    if node.bullet && node.children.is_empty() && node.lines.len() == 1 {
        let line = plain(&node.text());
        if let Some(event) = event_near(&line, meeting, "").filter(|e| !e.summary.is_empty()) {
            out.events.push(event);
            return None;
        }
    }
    node.children = extract(std::mem::take(&mut node.children), meeting, repair, out);
    Some(node)
}

/// How long before the meeting a date without a year may be; earlier ones are taken to be next year
/// ("1 mars" in a summary from December means the coming March).
const PAST_DAYS: i32 = 60;

/// An event line, its year defaulting to the meeting's, or the next year when that puts it well before
/// the meeting.
fn event_near(line: &str, meeting: Date, summary: &str) -> Option<Event> {
    let event = parse_event(line, meeting.year(), summary)?;
    if is_well_before(event.start.date(), meeting)
        && let Some(next) = parse_event(line, meeting.year().saturating_add(1), summary)
    {
        return Some(next);
    }
    Some(event)
}

/// A timeline line, dated the way [`event_near`] dates events.
fn timeline_near(line: &str, meeting: Date) -> Option<TimelineEntry> {
    let entry = parse_timeline(line, meeting.year())?;
    if entry.date.is_some_and(|d| is_well_before(d, meeting))
        && let Some(next) = parse_timeline(line, meeting.year().saturating_add(1))
    {
        return Some(next);
    }
    Some(entry)
}

/// Whether `date` is more than [`PAST_DAYS`] before the meeting (a written year makes both parses equal,
/// so re-reading with the next year changes nothing then).
fn is_well_before(date: Date, meeting: Date) -> bool {
    meeting
        .checked_sub(jiff::Span::new().days(PAST_DAYS))
        .is_ok_and(|limit| date < limit)
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
        assert!(extract(nodes, date(2021, 5, 21), false, &mut out).is_empty());
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
        let kept = extract(nodes, date(2021, 5, 21), false, &mut out);
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
        let kept = extract(vec![parent], date(2021, 5, 21), false, &mut out);
        assert_eq!(out.timeline.len(), 2);
        assert_eq!(out.timeline[1].date, Some(date(2021, 11, 19)));
        assert_eq!(kept[0].children.len(), 1);
    }

    #[test]
    fn ordinary_bullets_stay() {
        let mut out = Extracted::default();
        let nodes = vec![bullet("Verktyg", &["Snabb presentation", "Nyhetsbrev"])];
        assert_eq!(extract(nodes.clone(), date(2021, 5, 21), false, &mut out), nodes);
        assert!(out.events.is_empty() && out.timeline.is_empty());
    }

    #[test]
    fn dates_without_a_year_after_the_meeting() {
        let mut out = Extracted::default();
        let nodes = vec![
            bullet("Tidsplan", &["1 mars – Ny budget gäller", "20 december – Beslut"]),
            Node::new(Pos::line(5), true, "Dialogmöte 12 jan kl 9-11 i Borås"),
            Node::new(Pos::line(6), true, "12 jan kl 9-11"),
        ];
        let kept = extract(nodes, date(2021, 12, 10), false, &mut out);
        assert_eq!(out.timeline[0].date, Some(date(2022, 3, 1)));
        assert_eq!(out.timeline[1].date, Some(date(2021, 12, 20)));
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].start, date(2022, 1, 12).at(9, 0, 0, 0));
        assert_eq!(out.events[0].summary, "Dialogmöte i Borås");
        assert_eq!(kept.len(), 1, "an event line without words of its own stays");
    }
}
