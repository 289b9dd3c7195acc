//! An event that one side has as a dated event and the other only as text without its day ("sept kl
//! 14:00-15:30" in the deck, the 29 September conference on the page) is one difference — the missing
//! day — not an event on one side and an unrelated sentence on the other.

use samman_domain::Event;

use super::Change;
use crate::check::scan::{time_at, words};

/// Month, hour and minute of a text that names a month and a time but no day.
fn undated(text: &str) -> Option<(i8, i8, i8)> {
    let ws = words(text);
    let i = ws.iter().position(|w| w.month().is_some())?;
    let month = ws.get(i)?.month()?;
    if i.checked_sub(1)
        .and_then(|j| ws.get(j))
        .is_some_and(|p| p.day().is_some())
    {
        return None;
    }
    let mut j = i + 1;
    if ws.get(j).is_some_and(|y| y.year().is_some()) {
        j += 1;
    }
    if ws.get(j).is_some_and(|k| k.text.eq_ignore_ascii_case("kl")) {
        j += 1;
    }
    if !time_at(text, &ws, j) {
        return None;
    }
    let hour = i8::try_from(ws.get(j)?.number()?).ok()?;
    let minute = i8::try_from(ws.get(j + 1)?.number()?).ok()?;
    Some((month, hour, minute))
}

/// Replaces each pair of "sentence only in A without a day" and "event only in B" that agree on month
/// and time (and the same the other way round) with one `event` change.
pub(super) fn join(
    out: &mut Vec<Change>,
    shown_a: &[String],
    events_a: &[Event],
    shown_b: &[String],
    events_b: &[Event],
) {
    for a_side in [true, false] {
        let (shown, events) = if a_side {
            (shown_b, events_b)
        } else {
            (shown_a, events_a)
        };
        let mut k = 0;
        while k < out.len() {
            let sentence = out.get(k).and_then(|c| {
                let text = if a_side {
                    (c.b.is_none()).then_some(c.a.as_deref()?)?
                } else {
                    (c.a.is_none()).then_some(c.b.as_deref()?)?
                };
                (c.kind == "sentence" && c.place.is_none()).then_some(text)
            });
            let Some((key, text)) = sentence.and_then(|t| undated(t).map(|key| (key, t.to_string()))) else {
                k += 1;
                continue;
            };
            let event = out.iter().position(|c| {
                let shown_event = if a_side {
                    c.a.is_none().then_some(c.b.as_deref()).flatten()
                } else {
                    c.b.is_none().then_some(c.a.as_deref()).flatten()
                };
                c.kind == "event"
                    && shown_event
                        .and_then(|s| shown.iter().position(|x| x == s))
                        .and_then(|i| events.get(i))
                        .is_some_and(|e| (e.start.month(), e.start.hour(), e.start.minute()) == key)
            });
            let Some(e) = event else {
                k += 1;
                continue;
            };
            let described = format!("{text} (dag saknas)");
            let other = out
                .get(e)
                .and_then(|c| if a_side { c.b.clone() } else { c.a.clone() });
            let joined = if a_side {
                Change::values("event", Some(described), other)
            } else {
                Change::values("event", other, Some(described))
            };
            if let Some(slot) = out.get_mut(k) {
                *slot = joined;
            }
            out.remove(e);
            if e < k {
                k -= 1;
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_and_time_without_a_day() {
        assert_eq!(undated("sept kl 14:00-15:30"), Some((9, 14, 0)));
        assert_eq!(undated("Seminarium okt 2021 kl 9.30"), Some((10, 9, 30)));
        assert_eq!(undated("29 sept kl 14:00-15:30"), None);
        assert_eq!(undated("I september beslutar samrådet"), None);
    }

    #[test]
    fn the_sentence_and_the_event_become_one_change() {
        let event = Event {
            start: jiff::civil::date(2021, 9, 29).at(14, 0, 0, 0),
            end: None,
            summary: "Konferens".into(),
        };
        let shown_b = vec!["29 september 2021 kl. 14.00: Konferens".to_string()];
        let mut out = vec![
            Change::values("event", None, Some(shown_b[0].clone())),
            Change::values("sentence", Some("Konferenser:".into()), None),
            Change::values("sentence", Some("sept kl 14:00-15:30".into()), None),
        ];
        join(&mut out, &[], &[], &shown_b, std::slice::from_ref(&event));
        assert_eq!(out.len(), 2, "{out:#?}");
        assert_eq!(out[1].kind, "event");
        assert_eq!(out[1].a.as_deref(), Some("sept kl 14:00-15:30 (dag saknas)"));
        assert_eq!(out[1].b, Some(shown_b[0].clone()));
    }
}
