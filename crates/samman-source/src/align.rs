//! Pairing two lists of titles that may be worded differently: an agenda with its sections, or the items
//! of two renditions ("Lägesrapport samverkansfrågor Covid-19" ↔ "Aktuellt läge Covid-19").

use crate::text::fold;

/// Below this similarity two titles are different things.
const THRESHOLD: f64 = 0.3;

/// How alike two titles are, from 0 (nothing shared) to 1 (the same once case and punctuation are ignored).
pub fn similarity(a: &str, b: &str) -> f64 {
    Features::of(a).similarity(&Features::of(b))
}

/// The keys [`best_pairs_by_keys`] finds titles similar to `title` by.
pub fn title_keys(title: &str) -> Vec<String> {
    Features::of(title).keys()
}

/// Pairs `left` with `right` by similarity, best pairs first. Returns every index of both lists once:
/// in `left` order (paired or not), then the unpaired `right` entries in their order.
pub fn align_titles(left: &[&str], right: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    // Features are computed once per title, not once per pair.
    let (fl, fr): (Vec<Features>, Vec<Features>) = (
        left.iter().map(|t| Features::of(t)).collect(),
        right.iter().map(|t| Features::of(t)).collect(),
    );
    let matched = best_pairs_by_keys(&fl, &fr, Features::keys, Features::keys, Features::similarity);
    let mut right_used = vec![false; right.len()];
    let mut out = Vec::with_capacity(left.len() + right.len());
    for (l, r) in matched.iter().enumerate() {
        if let Some(r) = *r {
            right_used[r] = true;
        }
        out.push((Some(l), *r));
    }
    out.extend(
        (0..right.len())
            .filter(|r| !right_used[*r])
            .map(|r| (None, Some(r))),
    );
    out
}

/// Greedy best-first assignment: for each `left` index, the `right` index paired with it. Scores every
/// pair: for short lists (presenters); long ones go through [`best_pairs_by_keys`].
pub fn best_pairs<L, R>(left: &[L], right: &[R], score: impl Fn(&L, &R) -> f64) -> Vec<Option<usize>> {
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (l, a) in left.iter().enumerate() {
        for (r, b) in right.iter().enumerate() {
            let s = score(a, b);
            if s >= THRESHOLD {
                scored.push((s, l, r));
            }
        }
    }
    assign(scored, left.len(), right.len())
}

/// Up to this many pairs every pair is scored; past it only pairs that share a distinctive key.
const SCORE_EVERY_PAIR: usize = 64 * 64;
/// A key shared by more entries than this (a common word, a common letter pair) says nothing about which
/// belong together, and would make the candidates quadratic again.
const MAX_SHARING: usize = 16;

/// [`best_pairs`] for lists of any length: small ones score every pair (the same result as
/// [`best_pairs`]); long ones (thousands of items in a diff) score only pairs that share a key (a word, a
/// letter pair) that at most [`MAX_SHARING`] entries of `right` have, so the work grows linearly. A pair
/// that shares only very common keys is not similar enough to matter among thousands anyway.
pub fn best_pairs_by_keys<L, R, K: std::hash::Hash + Eq>(
    left: &[L],
    right: &[R],
    left_keys: impl Fn(&L) -> Vec<K>,
    right_keys: impl Fn(&R) -> Vec<K>,
    score: impl Fn(&L, &R) -> f64,
) -> Vec<Option<usize>> {
    if left.len().saturating_mul(right.len()) <= SCORE_EVERY_PAIR {
        return best_pairs(left, right, score);
    }
    let mut postings: std::collections::HashMap<K, Vec<usize>> = std::collections::HashMap::new();
    for (r, b) in right.iter().enumerate() {
        for key in right_keys(b) {
            let list = postings.entry(key).or_default();
            if list.last() != Some(&r) && list.len() <= MAX_SHARING {
                list.push(r);
            }
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    let mut seen = vec![usize::MAX; right.len()];
    for (l, a) in left.iter().enumerate() {
        for key in left_keys(a) {
            let Some(list) = postings.get(&key).filter(|list| list.len() <= MAX_SHARING) else {
                continue;
            };
            for &r in list {
                if seen[r] == l {
                    continue;
                }
                seen[r] = l;
                let s = score(a, &right[r]);
                if s >= THRESHOLD {
                    scored.push((s, l, r));
                }
            }
        }
    }
    assign(scored, left.len(), right.len())
}

/// Takes scored pairs best first, each index at most once.
fn assign(mut scored: Vec<(f64, usize, usize)>, left: usize, right: usize) -> Vec<Option<usize>> {
    // Highest score first; ties keep list order so results are deterministic.
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut left_to_right = vec![None; left];
    let mut right_used = vec![false; right];
    for (_, l, r) in scored {
        if left_to_right[l].is_none() && !right_used[r] {
            left_to_right[l] = Some(r);
            right_used[r] = true;
        }
    }
    left_to_right
}

/// What similarity compares, computed once per title.
#[derive(Debug)]
struct Features {
    folded: String,
    /// Folded words longer than one character, sorted and unique.
    words: Vec<String>,
    /// Character bigrams of `folded`, sorted (a multiset).
    bigrams: Vec<(char, char)>,
}

impl Features {
    fn of(title: &str) -> Features {
        let folded = fold(title);
        let mut words: Vec<String> = title
            .split_whitespace()
            .map(fold)
            .filter(|w| w.len() > 1)
            .collect();
        words.sort();
        words.dedup();
        let chars: Vec<char> = folded.chars().collect();
        let mut bigrams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        bigrams.sort_unstable();
        Features {
            folded,
            words,
            bigrams,
        }
    }

    /// What a similar title would share with this one: its words and letter pairs.
    fn keys(&self) -> Vec<String> {
        let pairs = self
            .bigrams
            .iter()
            .map(|(a, b)| [*a, *b].iter().collect::<String>());
        self.words.iter().cloned().chain(pairs).collect()
    }

    fn similarity(&self, other: &Features) -> f64 {
        let (fa, fb) = (&self.folded, &other.folded);
        if fa.is_empty() || fb.is_empty() {
            return 0.0;
        }
        if fa == fb {
            return 1.0;
        }
        if fa.contains(fb.as_str()) || fb.contains(fa.as_str()) {
            return 0.9;
        }
        let words = sorted_overlap(&self.words, &other.words);
        let union = self.words.len() + other.words.len() - words;
        let jaccard = if union == 0 {
            0.0
        } else {
            words as f64 / union as f64
        };
        let total = self.bigrams.len() + other.bigrams.len();
        let dice = if total == 0 {
            0.0
        } else {
            2.0 * sorted_overlap(&self.bigrams, &other.bigrams) as f64 / total as f64
        };
        jaccard.max(dice)
    }
}

/// How many elements two sorted sequences share, counting repeats (multiset intersection).
fn sorted_overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reworded_titles_pair_up() {
        let agenda = [
            "Nära Vård",
            "Kvinnofrids-satsning, rekvirering av medel",
            "SRO september: Remiss hälso- och sjukvårdsavtalet",
            "Lägesrapport samverkansfrågor Covid-19",
            "Information ut från mötet",
        ];
        let sections = [
            "Nära vård",
            "SRO september: Remiss hälso- och sjukvårdsavtalet",
            "Kvinnofridssatsning, rekvirering av medel",
            "Aktuellt läge Covid-19",
            "Information ut från mötet",
        ];
        let pairs = align_titles(&agenda, &sections);
        assert_eq!(
            pairs,
            vec![
                (Some(0), Some(0)),
                (Some(1), Some(2)),
                (Some(2), Some(1)),
                (Some(3), Some(3)),
                (Some(4), Some(4))
            ]
        );
    }

    #[test]
    fn unrelated_titles_stay_apart() {
        let pairs = align_titles(&["Budget 2022"], &["Vaccinationsläget"]);
        assert_eq!(pairs, vec![(Some(0), None), (None, Some(0))]);
    }
}
