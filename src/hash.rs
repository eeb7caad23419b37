//! A fast hasher for the maps that the checks build over cloud-sized inputs (image names,
//! flavor names): multiply and rotate, one 64-bit word at a time, in the manner of the
//! `FxHasher` of rustc.
//!
//! It is not keyed, so inputs chosen to collide make the maps slow; the inputs here are a
//! cloud's own data, checked on behalf of its operator, and no order of iteration over these
//! maps reaches a result.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A [`HashMap`] with [`FastHasher`].
pub(crate) type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// An empty map with room for `n` entries.
pub(crate) fn map_with_capacity<K, V>(n: usize) -> FastHashMap<K, V> {
    HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default())
}

/// Multiply-rotate hashing of 64-bit words.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher {
    hash: u64,
}

/// The odd multiplier of rustc's `FxHasher` (rustc-hash 2), whose bits are well mixed.
const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash ^ word).wrapping_mul(K).rotate_left(26);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let word = |i: usize| {
            let mut w = [0; 8];
            w.copy_from_slice(&bytes[i..i + 8]);
            u64::from_le_bytes(w)
        };
        let half = |i: usize| {
            let mut w = [0; 4];
            w.copy_from_slice(&bytes[i..i + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        // Whole words, then the last (up to) eight bytes in one word, overlapping the words
        // before where the length is not a multiple of eight; the length tells apart texts
        // that this would read alike.
        let tail = if n >= 8 {
            let mut i = 0;
            while i + 8 < n {
                self.add(word(i));
                i += 8;
            }
            word(n - 8)
        } else if n >= 4 {
            half(0) | half(n - 4) << 32
        } else if n > 0 {
            u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16
        } else {
            0
        };
        self.add(tail ^ (n as u64).rotate_right(8));
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiplication leaves the low bits weakest; the hash tables index by them.
        self.hash.wrapping_mul(K).rotate_left(32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn different_texts_hash_apart() {
        let texts = [
            "",
            "a",
            "ab",
            "ab\0",
            "a\0b",
            "abcdefgh",
            "abcdefghi",
            "Ubuntu 24.04",
        ];
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert_ne!(hash(*a), hash(*b), "{a:?} {b:?}");
            }
        }
        assert_ne!(hash(&("a", "bc")), hash(&("ab", "c")));
    }

    #[test]
    fn low_bits_spread() {
        // Names that differ in one digit fill the buckets of a small table evenly.
        let mut buckets = [0u32; 64];
        for i in 0..64_000 {
            buckets[(hash(&format!("Ubuntu 24.04 r{i:05}")) & 63) as usize] += 1;
        }
        assert!(
            buckets.iter().all(|&n| (800..1200).contains(&n)),
            "{buckets:?}"
        );
    }

    #[test]
    fn maps_work() {
        let mut m: FastHashMap<&str, usize> = map_with_capacity(4);
        m.insert("a", 1);
        m.insert("b", 2);
        *m.entry("a").or_insert(0) += 10;
        assert_eq!(m.get("a"), Some(&11));
    }
}
