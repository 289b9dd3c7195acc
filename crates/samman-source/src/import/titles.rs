//! Matching slide titles and page lines against agenda entries, with a budget.
//!
//! Fuzzy similarity costs time in the product of the two lengths; a real agenda has a handful of entries,
//! but a hostile or broken file could have thousands of entries and slides. Exact matches (ignoring case
//! and punctuation) are always found; fuzzy comparisons stop once the budget is spent.

use std::collections::HashMap;

use crate::align::similarity;
use crate::text::fold;

/// How many fuzzy comparisons one document may make.
const BUDGET: usize = 200_000;

/// Agenda entries to match titles against.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Folded entry → its first index (lookups only, so the map's order never shows).
    exact: HashMap<String, usize>,
    entries: Vec<String>,
    budget: usize,
}

impl Matcher {
    pub fn new<S: AsRef<str>>(entries: &[S]) -> Self {
        Matcher {
            exact: entries
                .iter()
                .enumerate()
                .rev()
                .map(|(i, e)| (fold(e.as_ref()), i))
                .filter(|(f, _)| !f.is_empty())
                .collect(),
            entries: entries.iter().map(|e| e.as_ref().to_string()).collect(),
            budget: BUDGET,
        }
    }

    /// The entry most like `title` with at least `threshold` similarity, if any.
    pub fn best(&mut self, title: &str, threshold: f64) -> Option<usize> {
        let folded = fold(title);
        if let Some(i) = self.exact.get(&folded) {
            return Some(*i);
        }
        if self.budget < self.entries.len() {
            return None;
        }
        self.budget -= self.entries.len();
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i, similarity(e, title)))
            .filter(|(_, s)| *s >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_then_fuzzy_then_out_of_budget() {
        let mut m = Matcher::new(&["Nära vård", "Kvinnofrids-satsning, rekvirering av medel"]);
        assert_eq!(m.best("Nära Vård", 0.75), Some(0));
        assert_eq!(m.best("Kvinnofridssatsning, rekvirering av medel", 0.75), Some(1));
        assert_eq!(m.best("Budget", 0.75), None);
        m.budget = 0;
        assert_eq!(m.best("Kvinnofridssatsning rekvirering", 0.75), None);
        assert_eq!(m.best("nära vård", 0.75), Some(0), "exact matches cost nothing");
    }
}
