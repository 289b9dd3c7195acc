//! Matching lists of sentences (content entries, points, events, timeline lines) between two renditions,
//! and marking the changed words of a changed sentence.

use serde::Serialize;
use similar::{Algorithm, ChangeTag};

use crate::align::best_pairs;

/// Below this word-level similarity two sentences are different sentences, not one sentence changed.
const SAME_SENTENCE: f64 = 0.5;

/// The most sentence pairs compared by similarity within one list.
const MAX_COMPARISONS: usize = 40_000;

/// What a piece of a word-level diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both.
    Equal,
    /// Only in A.
    Delete,
    /// Only in B.
    Insert,
}

/// A run of text in a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

/// The word-level diff of two sentences. Changes separated only by spaces are joined into one deletion
/// and one insertion ("[-Mobil närvård-]{+Mobila team i närvården+}" rather than word by word), which
/// reads far better when a sentence was reworded.
pub fn word_diff(a: &str, b: &str) -> Vec<Segment> {
    let raw = similar::utils::diff_words(Algorithm::Patience, a, b);
    let mut out: Vec<Segment> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    for (k, (tag, text)) in raw.iter().enumerate() {
        match tag {
            ChangeTag::Delete => del.push_str(text),
            ChangeTag::Insert => ins.push_str(text),
            ChangeTag::Equal => {
                // Spaces between two replacements belong to both sides; keeping them inside the change
                // keeps each side's text exact.
                let replacing = !del.is_empty() && !ins.is_empty();
                let more_follow = raw.get(k + 1).is_some_and(|(t, _)| *t != ChangeTag::Equal);
                if replacing && more_follow && text.trim().is_empty() {
                    del.push_str(text);
                    ins.push_str(text);
                    continue;
                }
                flush(&mut out, &mut del, &mut ins);
                push(&mut out, Op::Equal, text);
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// Emits a pending change; spaces both sides end with go after it, unchanged.
fn flush(out: &mut Vec<Segment>, del: &mut String, ins: &mut String) {
    let common = del
        .chars()
        .rev()
        .zip(ins.chars().rev())
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .count();
    let tail: String = if del.is_empty() || ins.is_empty() {
        String::new()
    } else {
        let cut = del.len() - del.chars().rev().take(common).map(char::len_utf8).sum::<usize>();
        let tail = del.split_off(cut);
        let cut = ins.len() - tail.len();
        ins.truncate(cut);
        tail
    };
    push(out, Op::Delete, &std::mem::take(del));
    push(out, Op::Insert, &std::mem::take(ins));
    push(out, Op::Equal, &tail);
}

/// Appends `text` to the diff, merging it with a run of the same kind.
fn push(out: &mut Vec<Segment>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Segment {
            op,
            text: text.to_string(),
        }),
    }
}

/// How alike two sentences are, word by word (0–1).
pub fn sentence_similarity(a: &str, b: &str) -> f64 {
    f64::from(
        similar::TextDiff::configure()
            .algorithm(Algorithm::Patience)
            .diff_words(a, b)
            .ratio(),
    )
}

/// Pairs the sentences of `a` and `b`: identical ones first, then similar ones (one sentence changed);
/// the rest are only in one. Returns every index of both once, in reading order: A's order, with each
/// sentence only in B placed after the sentence of A that its predecessor in B is paired with.
pub fn match_sentences(a: &[String], b: &[String]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut a_to_b: Vec<Option<usize>> = vec![None; a.len()];
    let mut b_used = vec![false; b.len()];
    for (i, text) in a.iter().enumerate() {
        if let Some(j) = (0..b.len()).find(|j| !b_used[*j] && b.get(*j) == Some(text)) {
            a_to_b[i] = Some(j);
            b_used[j] = true;
        }
    }
    let rest_a: Vec<usize> = (0..a.len()).filter(|i| a_to_b[*i].is_none()).collect();
    let rest_b: Vec<usize> = (0..b.len()).filter(|j| !b_used[*j]).collect();
    // Pairing by similarity compares every remaining sentence with every other; past this many pairs
    // (only in absurd inputs) the remaining sentences are reported as only in one side instead.
    let affordable = rest_a.len().saturating_mul(rest_b.len()) <= MAX_COMPARISONS;
    let rest_b: Vec<usize> = if affordable { rest_b } else { Vec::new() };
    let paired = best_pairs(&rest_a, &rest_b, |i, j| {
        let s = sentence_similarity(&a[*i], &b[*j]);
        if s >= SAME_SENTENCE { s } else { 0.0 }
    });
    for (k, j) in paired.iter().enumerate() {
        if let (Some(i), Some(j)) = (rest_a.get(k), j.and_then(|j| rest_b.get(j))) {
            a_to_b[*i] = Some(*j);
            b_used[*j] = true;
        }
    }
    // Reading order: sort keys in half-steps of A's indices.
    let mut out: Vec<(usize, usize, Option<usize>, Option<usize>)> = a_to_b
        .iter()
        .enumerate()
        .map(|(i, j)| (2 * i + 1, 0, Some(i), *j))
        .collect();
    let mut b_to_a: Vec<Option<usize>> = vec![None; b.len()];
    for (i, j) in a_to_b.iter().enumerate() {
        if let Some(slot) = j.and_then(|j| b_to_a.get_mut(j)) {
            *slot = Some(i);
        }
    }
    // Each sentence only in B goes after the A sentence paired with the nearest paired B sentence before it.
    let mut last_paired: Option<usize> = None;
    for (j, paired_with) in b_to_a.iter().enumerate() {
        match paired_with {
            Some(i) => last_paired = Some(*i),
            None => out.push((last_paired.map_or(0, |i| 2 * i + 2), j, None, Some(j))),
        }
    }
    out.sort_by_key(|(key, j, _, _)| (*key, *j));
    out.into_iter().map(|(_, _, a, b)| (a, b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn changed_words_are_marked() {
        let d = word_diff(
            "Finns framtaget dialogunderlag för ny länsgränsnivå.",
            "Finns framtaget dialogunderlag för ny länsgmensam nivå.",
        );
        let changed: Vec<(Op, &str)> = d
            .iter()
            .filter(|s| s.op != Op::Equal)
            .map(|s| (s.op, s.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            vec![(Op::Delete, "länsgränsnivå."), (Op::Insert, "länsgmensam nivå.")]
        );
    }

    #[test]
    fn sentences_pair_exactly_then_by_similarity() {
        let a = strings(&[
            "16 sept kl 14:00-15:30",
            "23 sept kl 14:00-15:30",
            "sept kl 14:00-15:30",
        ]);
        let b = strings(&[
            "16 sept kl 14:00-15:30",
            "23 sept kl 14:00-15:30",
            "29 sept kl 14:00-15:30",
        ]);
        assert_eq!(
            match_sentences(&a, &b),
            vec![(Some(0), Some(0)), (Some(1), Some(1)), (Some(2), Some(2))]
        );
        let a = strings(&["Ett", "Helt annat om budgeten"]);
        let b = strings(&["Ny mening först", "Ett", "Sist"]);
        assert_eq!(
            match_sentences(&a, &b),
            vec![
                (None, Some(0)),
                (Some(0), Some(1)),
                (None, Some(2)),
                (Some(1), None)
            ]
        );
    }
}
