//! Pairing two lists of titles that may be worded differently: an agenda with its sections, or the items
//! of two renditions ("Lägesrapport samverkansfrågor Covid-19" ↔ "Aktuellt läge Covid-19").

use crate::text::fold;

/// Below this similarity two titles are different things.
const THRESHOLD: f64 = 0.3;

/// How alike two titles are, from 0 (nothing shared) to 1 (the same once case and punctuation are ignored).
pub fn similarity(a: &str, b: &str) -> f64 {
    Features::of(a).similarity(&Features::of(b))
}

/// Pairs `left` with `right` by similarity, best pairs first. Returns every index of both lists once:
/// in `left` order (paired or not), then the unpaired `right` entries in their order.
pub fn align_titles(left: &[&str], right: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    // Features are computed once per title, not once per pair: the pairing is quadratic.
    let (fl, fr): (Vec<Features>, Vec<Features>) = (
        left.iter().map(|t| Features::of(t)).collect(),
        right.iter().map(|t| Features::of(t)).collect(),
    );
    let matched = best_pairs(&fl, &fr, Features::similarity);
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

/// Greedy best-first assignment: for each `left` index, the `right` index paired with it.
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
    // Highest score first; ties keep list order so results are deterministic.
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut left_to_right = vec![None; left.len()];
    let mut right_used = vec![false; right.len()];
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
