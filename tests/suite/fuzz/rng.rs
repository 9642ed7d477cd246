//! The generator: a seeded xorshift64*, the seed and case count (`FUZZ_SEED`, `FUZZ_CASES`),
//! and the report of the seed a failed run was made with.

const DEFAULT_CASES: usize = 1500;

/// xorshift64*: small, fast, and the same sequence on every machine.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        // splitmix64 spreads nearby seeds apart; a zero state would stay zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)).max(1))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub(super) fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next_u64() % (high - low + 1) as u64) as i64
    }

    /// True `percent` times in a hundred.
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(super) fn word(&mut self) -> String {
        const WORDS: &[&str] = &[
            "alpha",
            "north",
            "crate",
            "van",
            "blue",
            "river",
            "office",
            "Zoë",
            "déjà",
            "東京",
            "🚚",
            "o'brien",
            "drop table",
            "%_%",
            "\\",
            "\"quoted\"",
            "tab\there",
            "line\nbreak",
            "\u{0}nul",
        ];
        self.pick(WORDS).to_string()
    }

    /// A string of `len` random characters, some of them far outside ASCII.
    pub(super) fn chars(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| match self.below(10) {
                0 => char::from_u32(self.range(0x80, 0x7FF) as u32).unwrap_or('x'),
                1 => char::from_u32(self.range(0x4E00, 0x9FFF) as u32).unwrap_or('x'),
                2 => char::from_u32(self.range(0x1F300, 0x1F5FF) as u32).unwrap_or('x'),
                3 => char::from_u32(self.range(0, 31) as u32).unwrap_or('x'),
                _ => char::from_u32(self.range(32, 126) as u32).unwrap_or('x'),
            })
            .collect()
    }
}

/// The seed and the case count, from the environment or the defaults.
pub(super) fn settings() -> (u64, usize) {
    // The default is fixed, so every run without FUZZ_SEED is the same run.
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0x5EED_F00D);
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(DEFAULT_CASES);
    (seed, cases)
}

/// Prints how to replay the run if the test fails.
pub(super) struct SeedReport {
    pub(super) test: &'static str,
    pub(super) seed: u64,
    pub(super) cases: usize,
}

impl Drop for SeedReport {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "\n*** {} failed: rerun with FUZZ_SEED={} FUZZ_CASES={} cargo test --test fuzz {}\n",
                self.test, self.seed, self.cases, self.test
            );
        }
    }
}
