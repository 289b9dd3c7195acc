//! Per-node limits on subscription requests: per client address and per e-mail address (its keyed
//! hash), each a sliding window. In memory: several nodes each apply the limit (a client spreading
//! requests over nodes gets at most nodes × limit), which bounds the mail a stranger can trigger.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests per client within [`CLIENT_WINDOW`].
pub const PER_CLIENT: usize = 10;
pub const CLIENT_WINDOW: Duration = Duration::from_secs(600);
/// Confirmation mails per address within [`ADDRESS_WINDOW`].
pub const PER_ADDRESS: usize = 3;
pub const ADDRESS_WINDOW: Duration = Duration::from_secs(3600);

/// Keys beyond which old entries are swept.
const SWEEP_AT: usize = 10_000;

/// Sliding-window counters by key.
#[derive(Debug, Default)]
pub struct Throttle {
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    /// Counts a hit on `key` and says whether it is within `max` per `window`.
    pub fn allow(&self, key: &str, max: usize, window: Duration) -> bool {
        let Ok(mut hits) = self.hits.lock() else {
            return false;
        };
        let now = Instant::now();
        if hits.len() > SWEEP_AT {
            hits.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < ADDRESS_WINDOW)
            });
        }
        let times = hits.entry(key.to_string()).or_default();
        while times.front().is_some_and(|t| now.duration_since(*t) >= window) {
            times.pop_front();
        }
        if times.len() >= max {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key() {
        let t = Throttle::default();
        for _ in 0..3 {
            assert!(t.allow("a", 3, Duration::from_secs(60)));
        }
        assert!(!t.allow("a", 3, Duration::from_secs(60)));
        assert!(t.allow("b", 3, Duration::from_secs(60)));
        assert!(t.allow("c", 1, Duration::from_millis(0)));
        assert!(t.allow("c", 1, Duration::from_millis(0)));
    }
}
