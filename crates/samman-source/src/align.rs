//! Pairing two lists of titles that may be worded differently: an agenda with its sections, or the items
//! of two renditions ("Lägesrapport samverkansfrågor Covid-19" ↔ "Aktuellt läge Covid-19").

use crate::text::fold;

/// Below this similarity two titles are different things.
const THRESHOLD: f64 = 0.3;

/// How alike two titles are, from 0 (nothing shared) to 1 (the same once case and punctuation are ignored).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (fa, fb) = (fold(a), fold(b));
    if fa.is_empty() || fb.is_empty() {
        return 0.0;
    }
    if fa == fb {
        return 1.0;
    }
    if fa.contains(&fb) || fb.contains(&fa) {
        return 0.9;
    }
    words_jaccard(a, b).max(bigram_dice(&fa, &fb))
}

/// Pairs `left` with `right` by similarity, best pairs first. Returns every index of both lists once:
/// in `left` order (paired or not), then the unpaired `right` entries in their order.
pub fn align_titles(left: &[&str], right: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let matched = best_pairs(left, right, |a, b| similarity(a, b));
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

fn words_jaccard(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        let mut w: Vec<String> = s.split_whitespace().map(fold).filter(|w| w.len() > 1).collect();
        w.sort();
        w.dedup();
        w
    };
    let (wa, wb) = (words(a), words(b));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let union = wa.len() + wb.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

fn bigram_dice(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (ga, mut gb) = (grams(a), grams(b));
    let total = ga.len() + gb.len();
    if total == 0 {
        return 0.0;
    }
    let mut shared = 0;
    for g in &ga {
        if let Some(i) = gb.iter().position(|x| x == g) {
            gb.swap_remove(i);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total as f64
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
