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

/// The [`FastHasher`] hash of a text's bytes.
#[inline]
pub(crate) fn hash_text(text: &str) -> u64 {
    let mut h = FastHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// Texts, numbered in order of first appearance, each with a value: a map from text laid out
/// for 100 000 and more keys, which keeps its own copy of each text (so that the texts it is
/// given need not outlive it).
///
/// A [`FastHashMap`] of `&str` spends most of an insertion waiting for memory: its control
/// bytes, its 24-byte entry and the key text it compares lie in three places, none of them in
/// cache once the table outgrows it. Here the table is a plain array of 8-byte slots, each
/// the high half of the text's hash beside the text's number: a miss in the table is decided
/// within the slots (and [`TextTable::touch`] lets a caller ask for a slot early), and the
/// text is only compared when the hashes agree, which for distinct texts is rare. The texts
/// lie one after the other in one buffer.
pub(crate) struct TextTable<V> {
    /// Open addressing with linear probing; 0 is empty, else `(hash >> 32) << 32 | number + 1`.
    slots: Vec<u64>,
    /// By number: where the text ends in [`TextTable::text`] (it starts where the one before
    /// ends), its hash (so that growing need not hash the texts again), and its value.
    entries: Vec<(usize, u64, V)>,
    /// The texts, one after the other.
    text: String,
}

impl<V> TextTable<V> {
    /// An empty table with room for `n` texts (of 24 bytes on average) before it grows.
    pub(crate) fn with_capacity(n: usize) -> Self {
        TextTable {
            slots: vec![0; Self::slots_for(n)],
            entries: Vec::with_capacity(n),
            text: String::with_capacity(24 * n),
        }
    }

    /// At most half the slots in use keeps the probe sequences short.
    fn slots_for(n: usize) -> usize {
        (2 * n).next_power_of_two().max(16)
    }

    /// The first slot of the probe sequence of `hash`.
    #[inline]
    fn start(&self, hash: u64) -> usize {
        // The slot count is a power of two; the low bits of the hash are the well-mixed ones.
        hash as usize & (self.slots.len() - 1)
    }

    /// Reads the first slot of `hash` and forgets it: the memory access starts now, and a
    /// caller that touches the slots of many texts before it inserts them has the cache misses
    /// overlap instead of waiting for each in turn.
    #[inline]
    pub(crate) fn touch(&self, hash: u64) {
        std::hint::black_box(self.slots[self.start(hash)]);
    }

    /// The text of `number`.
    #[inline]
    fn text_of(&self, number: usize) -> &str {
        let start = match number {
            0 => 0,
            _ => self.entries[number - 1].0,
        };
        &self.text[start..self.entries[number].0]
    }

    /// The number of `text`, whose [`hash_text`] is `hash`; `None` when it is not in the table.
    #[inline]
    pub(crate) fn find(&self, text: &str, hash: u64) -> Option<usize> {
        let tag = hash & !0xffff_ffff;
        let mask = self.slots.len() - 1;
        let mut i = self.start(hash);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if slot & !0xffff_ffff == tag {
                let number = (slot & 0xffff_ffff) as usize - 1;
                if self.text_of(number) == text {
                    return Some(number);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of `text` (whose [`hash_text`] is `hash`), inserting a copy of it with
    /// `value()` as the next number when it is new.
    #[inline]
    pub(crate) fn number_or_insert(
        &mut self,
        text: &str,
        hash: u64,
        value: impl FnOnce() -> V,
    ) -> usize {
        if let Some(number) = self.find(text, hash) {
            return number;
        }
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        let number = self.entries.len();
        self.text.push_str(text);
        self.entries.push((self.text.len(), hash, value()));
        self.place(hash, number);
        number
    }

    /// Puts `number` into the first empty slot of the probe sequence of `hash`.
    fn place(&mut self, hash: u64, number: usize) {
        // Numbers stay below 2^32 - 1: each takes an entry of more than a byte.
        let slot = (hash & !0xffff_ffff) | (number as u64 + 1);
        let mask = self.slots.len() - 1;
        let mut i = self.start(hash);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    /// Doubles the slots and places every entry anew.
    #[cold]
    fn grow(&mut self) {
        self.slots = vec![0; 2 * self.slots.len()];
        for number in 0..self.entries.len() {
            self.place(self.entries[number].1, number);
        }
    }

    /// How many texts the table holds (numbered from 0).
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The text and value of `number`.
    #[inline]
    pub(crate) fn entry(&self, number: usize) -> (&str, &V) {
        (self.text_of(number), &self.entries[number].2)
    }

    /// The value of `number`, to change.
    #[inline]
    pub(crate) fn value_mut(&mut self, number: usize) -> &mut V {
        &mut self.entries[number].2
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
    fn text_tables_number_texts_in_order() {
        let texts: Vec<String> = (0..1000).map(|i| format!("Ubuntu {}", i % 300)).collect();
        let mut table = TextTable::with_capacity(2);
        for (i, t) in texts.iter().enumerate() {
            let h = hash_text(t);
            table.touch(h);
            let n = table.number_or_insert(t, h, || i);
            assert_eq!(n, i % 300);
            assert_eq!(table.entry(n), (t.as_str(), &(i % 300)));
            *table.value_mut(n) = i % 300;
        }
        assert_eq!(table.find("Ubuntu 299", hash_text("Ubuntu 299")), Some(299));
        assert_eq!(table.find("Ubuntu 300", hash_text("Ubuntu 300")), None);
        assert_eq!(table.find("", hash_text("")), None);
        // The table keeps its own copies: the texts it was given may go.
        drop(texts);
        assert_eq!(table.entry(7).0, "Ubuntu 7");
        let n = table.number_or_insert("", hash_text(""), || 0);
        assert_eq!((n, table.entry(n)), (300, ("", &0)));
        assert_eq!(table.entry(299).0, "Ubuntu 299");
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
