//! Items: aligning the items of two renditions even when their titles differ, and comparing each pair —
//! title, presenters, position, detail slides, events, timeline and content sentences.

use samman_domain::{Block, Event, Item, Presenter, swedish};

use super::words::match_sentences;
use super::{Change, ItemRef};
use crate::align::{best_pairs, best_pairs_by_keys, similarity, title_keys};
use crate::document::Document;
use crate::text::{fold, normalize_ws};

/// An item as one document has it, in agenda order.
#[derive(Debug, Clone)]
pub(super) struct ItemView {
    pub number: usize,
    /// Line of the section heading (or the agenda entry, for an item with no section).
    pub line: Option<usize>,
    /// Where the section stands among the sections (for comparing order), if it has one.
    pub section: Option<usize>,
    pub item: Item,
}

impl ItemView {
    pub fn reference(&self) -> ItemRef {
        ItemRef {
            number: self.number,
            title: self.item.title.clone(),
            line: self.line,
        }
    }
}

/// The items of a document in agenda order, as [`Document::to_meeting`] merges them (no date needed).
pub(super) fn views(document: &Document) -> Vec<ItemView> {
    document
        .pairs()
        .into_iter()
        .filter_map(|pair| match pair {
            (_, Some(s)) => document
                .sections
                .get(s)
                .map(|section| (section.item.clone(), section.heading.pos, Some(s))),
            (Some(a), None) => document
                .agenda
                .as_ref()
                .and_then(|ag| ag.entries.get(a))
                .map(|e| (Item::titled(e.value.clone()), e.pos, None)),
            (None, None) => None,
        })
        .enumerate()
        .map(|(i, (item, pos, section))| ItemView {
            number: i + 1,
            line: Some(pos.line),
            section,
            item,
        })
        .collect()
}

/// Pairs the items of A and B: in A's order, then the items only in B.
pub(super) fn align(a: &[ItemView], b: &[ItemView]) -> Vec<(Option<usize>, Option<usize>)> {
    // Items with the same title pair first (in order), so that only the rest need scoring.
    let mut a_to_b: Vec<Option<usize>> = vec![None; a.len()];
    let mut used = vec![false; b.len()];
    let mut by_title: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for (j, view) in b.iter().enumerate().rev() {
        by_title.entry(view.item.title.as_str()).or_default().push(j);
    }
    for (i, view) in a.iter().enumerate() {
        if let Some(j) = by_title.get_mut(view.item.title.as_str()).and_then(Vec::pop) {
            a_to_b[i] = Some(j);
            used[j] = true;
        }
    }
    let rest_a: Vec<usize> = (0..a.len()).filter(|i| a_to_b[*i].is_none()).collect();
    let rest_b: Vec<usize> = (0..b.len()).filter(|j| !used[*j]).collect();
    // Word lists once per item, not once per comparison.
    let fa: Vec<Features<'_>> = rest_a
        .iter()
        .filter_map(|i| a.get(*i))
        .map(Features::of)
        .collect();
    let fb: Vec<Features<'_>> = rest_b
        .iter()
        .filter_map(|j| b.get(*j))
        .map(Features::of)
        .collect();
    for (k, j) in best_pairs_by_keys(&fa, &fb, Features::keys, Features::keys, score)
        .iter()
        .enumerate()
    {
        if let (Some(i), Some(j)) = (rest_a.get(k), j.and_then(|j| rest_b.get(j))) {
            a_to_b[*i] = Some(*j);
            used[*j] = true;
        }
    }
    let mut out: Vec<(Option<usize>, Option<usize>)> =
        a_to_b.iter().enumerate().map(|(i, j)| (Some(i), *j)).collect();
    out.extend((0..b.len()).filter(|j| !used[*j]).map(|j| (None, Some(j))));
    out
}

/// What alignment compares of an item.
struct Features<'a> {
    item: &'a Item,
    words: Vec<String>,
    presenters: Vec<String>,
}

impl<'a> Features<'a> {
    fn of(view: &'a ItemView) -> Self {
        Features {
            item: &view.item,
            words: item_words(&view.item),
            presenters: presenter_keys(&view.item.presenters),
        }
    }

    /// What a similar item would share with this one (see `best_pairs_by_keys`).
    fn keys(&self) -> Vec<String> {
        let mut keys = title_keys(&self.item.title);
        keys.extend(self.words.iter().chain(&self.presenters).cloned());
        keys
    }
}

/// How likely two items are the same item: the title alone when it is clear, else title, content and
/// presenters together ("Lägesrapport samverkansfrågor Covid-19" and "Aktuellt läge Covid-19" share
/// their presenters and nearly all their words).
fn score(a: &Features<'_>, b: &Features<'_>) -> f64 {
    let (x, y) = (a.item, b.item);
    // Titles with no letters or digits ("-") have no similarity, but one such title still equals itself.
    if x.title == y.title && x.presenters == y.presenters && x.content == y.content {
        return 1.0;
    }
    let title = similarity(&x.title, &y.title);
    let content = dice(&a.words, &b.words);
    let presenters = dice(&a.presenters, &b.presenters);
    title.max(0.35 * title + 0.45 * content + 0.2 * presenters)
}

fn item_words(item: &Item) -> Vec<String> {
    let mut words: Vec<String> = item
        .content
        .iter()
        .flat_map(|block| {
            block
                .texts()
                .into_iter()
                .map(|(_, t)| t.to_plain())
                .collect::<Vec<_>>()
        })
        .chain(item.position.iter().flat_map(|p| p.points.iter().cloned()))
        .flat_map(|s| s.split_whitespace().map(fold).collect::<Vec<_>>())
        .filter(|w| w.chars().count() > 2)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn presenter_keys(presenters: &[Presenter]) -> Vec<String> {
    let mut keys: Vec<String> = presenters.iter().map(|p| fold(&p.name)).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Dice coefficient of two sorted, deduplicated word lists.
fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The sections of the paired items in another order in A than in B.
pub(super) fn order_change(
    a: &[ItemView],
    b: &[ItemView],
    pairs: &[(Option<usize>, Option<usize>)],
) -> Option<Change> {
    let mut both: Vec<(usize, usize, &str, &str)> = pairs
        .iter()
        .filter_map(|(i, j)| {
            let (x, y) = (a.get((*i)?)?, b.get((*j)?)?);
            Some((
                x.section?,
                y.section?,
                x.item.title.as_str(),
                y.item.title.as_str(),
            ))
        })
        .collect();
    both.sort_by_key(|(sa, _, _, _)| *sa);
    let order_a: Vec<&str> = both.iter().map(|x| x.2).collect();
    let mut by_b = both.clone();
    by_b.sort_by_key(|(_, sb, _, _)| *sb);
    if both.iter().zip(&by_b).all(|(x, y)| x.0 == y.0) {
        return None;
    }
    let order_b: Vec<&str> = by_b.iter().map(|x| x.3).collect();
    Some(Change::values(
        "order",
        Some(order_a.join(" · ")),
        Some(order_b.join(" · ")),
    ))
}

/// What differs between two versions of one item.
pub(super) fn compare(a: &ItemView, b: &ItemView) -> Vec<Change> {
    let (x, y) = (&a.item, &b.item);
    let mut out = Vec::new();
    let (ta, tb) = (normalize_ws(&x.title), normalize_ws(&y.title));
    if ta != tb {
        out.push(Change::text("item-title", &ta, &tb));
    }
    presenters(&x.presenters, &y.presenters, &mut out);
    position(x, y, &mut out);
    slides(x, y, &mut out);
    let (ea, eb) = (events(&x.events), events(&y.events));
    lists("event", &ea, &eb, None, &mut out);
    let timeline = |item: &Item| -> Vec<String> {
        item.timeline
            .iter()
            .map(|t| normalize_ws(&format!("{} – {}", t.when_label(), t.text)))
            .collect()
    };
    lists("timeline", &timeline(x), &timeline(y), None, &mut out);
    out.extend(content_changes(&x.content, &y.content, None));
    super::undated::join(&mut out, &ea, &x.events, &eb, &y.events);
    out
}

fn presenters(a: &[Presenter], b: &[Presenter], out: &mut Vec<Change>) {
    let show = |p: &Presenter| -> String {
        let mut s = normalize_ws(&p.name);
        for extra in [&p.organisation, &p.role].into_iter().flatten() {
            s.push_str(", ");
            s.push_str(extra);
        }
        s
    };
    let (sa, sb): (Vec<String>, Vec<String>) = (a.iter().map(show).collect(), b.iter().map(show).collect());
    if sa == sb {
        return;
    }
    // Pair people by name; a person on both sides with another organisation or role is one change.
    let matched = best_pairs(
        a,
        b,
        |p, q| if fold(&p.name) == fold(&q.name) { 1.0 } else { 0.0 },
    );
    let mut used = vec![false; b.len()];
    for (i, j) in matched.iter().enumerate() {
        match j {
            Some(j) => {
                if let Some(u) = used.get_mut(*j) {
                    *u = true;
                }
                if sa.get(i) != sb.get(*j) {
                    out.push(Change::values(
                        "presenter",
                        sa.get(i).cloned(),
                        sb.get(*j).cloned(),
                    ));
                }
            }
            None => out.push(Change::values("presenter", sa.get(i).cloned(), None)),
        }
    }
    for (j, shown) in sb.iter().enumerate() {
        if !used.get(j).copied().unwrap_or(true) {
            out.push(Change::values("presenter", None, Some(shown.clone())));
        }
    }
}

fn position(a: &Item, b: &Item, out: &mut Vec<Change>) {
    match (&a.position, &b.position) {
        (None, None) => {}
        (Some(p), Some(q)) => {
            if p.kind != q.kind {
                out.push(Change::values(
                    "position-kind",
                    Some(p.kind.label_sv().to_string()),
                    Some(q.kind.label_sv().to_string()),
                ));
            }
            let (tp, tq) = (normalize_ws(&p.text), normalize_ws(&q.text));
            if tp != tq {
                out.push(Change::text("position-text", &tp, &tq));
            }
            let norm = |v: &[String]| -> Vec<String> { v.iter().map(|s| normalize_ws(s)).collect() };
            lists("position-point", &norm(&p.points), &norm(&q.points), None, out);
        }
        (p, q) => out.push(Change::values(
            "position",
            p.as_ref().map(|p| p.text.clone()),
            q.as_ref().map(|q| q.text.clone()),
        )),
    }
}

fn slides(a: &Item, b: &Item, out: &mut Vec<Change>) {
    let titles =
        |item: &Item| -> Vec<String> { item.slides.iter().map(|s| normalize_ws(&s.title)).collect() };
    let (ta, tb) = (titles(a), titles(b));
    for (i, j) in match_sentences(&ta, &tb) {
        match (i.and_then(|i| a.slides.get(i)), j.and_then(|j| b.slides.get(j))) {
            (Some(x), Some(y)) => {
                let (tx, ty) = (normalize_ws(&x.title), normalize_ws(&y.title));
                if tx != ty {
                    out.push(Change::text("slide-title", &tx, &ty));
                }
                out.extend(content_changes(&x.content, &y.content, Some(&tx)));
            }
            (x, y) => out.push(Change::values(
                "slide",
                x.map(|s| normalize_ws(&s.title)),
                y.map(|s| normalize_ws(&s.title)),
            )),
        }
    }
}

/// "16 september 2021 kl. 14.00–15.30: Remisskonferenser".
fn events(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            let end = e.end.map_or(String::new(), |end| {
                if end.date() == e.start.date() {
                    format!("–{}", swedish::time(end.time()))
                } else {
                    format!(
                        " – {} kl. {}",
                        swedish::date(end.date()),
                        swedish::time(end.time())
                    )
                }
            });
            let when = format!(
                "{} kl. {}{end}",
                swedish::date(e.start.date()),
                swedish::time(e.start.time())
            );
            if e.summary.trim().is_empty() {
                when
            } else {
                format!("{when}: {}", normalize_ws(&e.summary))
            }
        })
        .collect()
}

/// Two lists of one-line entries: changed entries with their words marked, entries only in one.
fn lists(kind: &'static str, a: &[String], b: &[String], place: Option<&str>, out: &mut Vec<Change>) {
    for (i, j) in match_sentences(a, b) {
        match (i.and_then(|i| a.get(i)), j.and_then(|j| b.get(j))) {
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) => out.push(Change::text(kind, x, y).at(place)),
            (x, y) => out.push(Change::values(kind, x.cloned(), y.cloned()).at(place)),
        }
    }
}

/// A content sentence: nesting depth, plain text, links as (label, href).
type Flat = (usize, String, Vec<(String, String)>);

/// Content sentences compared: changed words, sentences only in one, and (as minor notes) the same
/// sentence nested at another depth or with other links.
pub(super) fn content_changes(a: &[Block], b: &[Block], place: Option<&str>) -> Vec<Change> {
    let flat = |blocks: &[Block]| -> Vec<Flat> {
        blocks
            .iter()
            .flat_map(|block| {
                block
                    .texts()
                    .into_iter()
                    .map(|(depth, t)| {
                        let links = t.links().map(|(l, h)| (l.to_string(), h.to_string())).collect();
                        (depth, normalize_ws(&t.to_plain()), links)
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|(_, s, _)| !s.is_empty())
            .collect()
    };
    let (fa, fb) = (flat(a), flat(b));
    let ta: Vec<String> = fa.iter().map(|x| x.1.clone()).collect();
    let tb: Vec<String> = fb.iter().map(|x| x.1.clone()).collect();
    let mut out = Vec::new();
    for (i, j) in match_sentences(&ta, &tb) {
        match (i.and_then(|i| fa.get(i)), j.and_then(|j| fb.get(j))) {
            (Some(x), Some(y)) if x.1 == y.1 => {
                if x.0 != y.0 {
                    let mut c = Change::values(
                        "nesting",
                        Some(format!("nivå {}: {}", x.0 + 1, x.1)),
                        Some(format!("nivå {}: {}", y.0 + 1, y.1)),
                    );
                    c.minor = true;
                    out.push(c.at(place));
                }
                if x.2 != y.2 {
                    let show = |links: &[(String, String)]| {
                        if links.is_empty() {
                            return "ingen länk".to_string();
                        }
                        links
                            .iter()
                            .map(|(l, h)| format!("{l} → {h}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let mut c = Change::values("link", Some(show(&x.2)), Some(show(&y.2))).at(Some(&x.1));
                    c.minor = true;
                    out.push(c);
                }
            }
            (Some(x), Some(y)) => {
                let mut c = Change::text("sentence", &x.1, &y.1).at(place);
                // Slides drop the full stop that a page keeps: the same sentence otherwise.
                let bare = |s: &str| {
                    s.trim_end_matches(['.', ';', ',', ':', '!'])
                        .trim_end()
                        .to_string()
                };
                c.minor = bare(&x.1) == bare(&y.1);
                out.push(c);
            }
            (x, y) => {
                out.push(Change::values("sentence", x.map(|x| x.1.clone()), y.map(|y| y.1.clone())).at(place))
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use samman_domain::{ListItem, Text};

    #[test]
    fn a_dropped_full_stop_is_a_minor_change_and_a_new_word_is_not() {
        let list = |s: &str| {
            vec![Block::List {
                items: vec![ListItem::new(Text::plain(s))],
            }]
        };
        let stop = content_changes(&list("Fler hembesök i år"), &list("Fler hembesök i år."), None);
        assert_eq!(stop.len(), 1);
        assert!(stop[0].minor);
        let word = content_changes(&list("Fler hembesök i år"), &list("Färre hembesök i år."), None);
        assert_eq!(word.len(), 1);
        assert!(!word[0].minor);
    }

    fn item(title: &str, who: &[&str], bullets: &[&str]) -> Item {
        Item {
            title: title.into(),
            presenters: who.iter().map(|n| Presenter::person(n, Some("VGR"))).collect(),
            content: vec![Block::List {
                items: bullets.iter().map(|b| ListItem::new(Text::plain(*b))).collect(),
            }],
            ..Item::default()
        }
    }

    #[test]
    fn reworded_items_align_by_content_and_presenters() {
        let shared = [
            "Smittspridningen har minskat fyra veckor i rad i hela länet.",
            "Nya nivåer för restriktioner från 1 juni.",
        ];
        let covid_a = item(
            "Lägesrapport samverkansfrågor Covid-19",
            &["Jan Kilhamn", "Thomas Wahlberg"],
            &shared,
        );
        let covid_b = item(
            "Aktuellt läge Covid-19",
            &["Jan Kilhamn", "Thomas Wahlberg"],
            &shared,
        );
        let other = item(
            "Budget för 2022",
            &["Anna Berg"],
            &["Budgeten ökar med två procent."],
        );
        let view = |item: &Item| ItemView {
            number: 1,
            line: None,
            section: None,
            item: item.clone(),
        };
        let (va, vb, vo) = (view(&covid_a), view(&covid_b), view(&other));
        let (fa, fb, fo) = (Features::of(&va), Features::of(&vb), Features::of(&vo));
        assert!(score(&fa, &fb) > score(&fa, &fo));
        assert!(score(&fa, &fb) >= 0.5, "{}", score(&fa, &fb));
        assert!(super::super::words::sentence_similarity(shared[0], shared[0]) > 0.99);
    }
}
