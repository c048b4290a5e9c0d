//! Numbers that only need to differ: backoff jitter and idempotency tokens (`ClientToken`).
//! Not for secrets.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A number in [0, 1) (backoff jitter).
pub(crate) fn fraction() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// The next number of a xorshift generator seeded by the clock and the process id; each
/// call (from any thread) takes its own step. Not for secrets: jitter and idempotency
/// tokens only.
fn random_u64() -> u64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let step = |mut x: u64| {
        if x == 0 {
            let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0x9E37_79B9_7F4A_7C15, |d| d.as_nanos());
            x = (nanos as u64 ^ (u64::from(std::process::id()) << 32)) | 1;
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let previous = STATE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |x| Some(step(x))).unwrap_or_default();
    step(previous)
}

/// A random (version 4) UUID, for a `ClientToken`.
pub(crate) fn uuid_v4() -> String {
    let (a, b) = (random_u64(), random_u64());
    let a = (a & !0xF000) | 0x4000; // version 4
    let b = (b & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_differ() {
        let (a, b) = (uuid_v4(), uuid_v4());
        assert_ne!(a, b);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{a}");
        assert!(parts[2].starts_with('4') && parts[3].starts_with(['8', '9', 'a', 'b']), "{a}");
    }

    #[test]
    fn fractions_are_within_zero_and_one() {
        assert!((0..1000).map(|_| fraction()).all(|f| (0.0..1.0).contains(&f)));
    }
}
