//! Glance images as the Image API (v2) and `openstack image show -f json` hand them out.
//!
//! # Layout
//!
//! A cloud may list 100 000 images and more, and every scs-0102 testcase reads one or two
//! properties of each, so [`Image`] is laid out for that. The properties the checks of this crate
//! read (`architecture`, `os_distro`, `image_build_date`, … nineteen in all) have a fixed slot
//! each inside the image, eight bytes that hold where the value lies in the image's one text
//! buffer: looking one up is a `match` on the key (none for the checks, which know the slot)
//! and a read of that buffer. Every other property shares the buffer too, indexed by key.
//!
//! Parsing borrows: keys are matched where they lie in the input (an escaped key is the only
//! one copied), property values are copied straight into the image's buffer, and an image
//! costs a handful of allocations however many properties it has.

mod quick;

use std::cmp::Ordering;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// A Glance image: the core attributes the SCS checks read, plus every additional property.
///
/// Deserializes from
///
/// - the Image API v2 (`GET /v2/images`, one element of `images`): core attributes and the
///   additional properties (`architecture`, `os_distro`, `image_source`, …) as flat keys whose
///   values are strings;
/// - `openstack image show -f json`: the same with the additional properties nested in a
///   `properties` object (the client also renames `os_hidden` to `is_hidden` and
///   `os_hash_algo` to `hash_algo`; both spellings are read).
///
/// A value that arrives as a JSON boolean or number in place of a string property is kept as
/// its text (`true`, `42`); `null` properties are left out. Nested objects and lists other than
/// `tags` are ignored. When a key appears twice, the later value wins; a flat key wins over the
/// same key in a nested `properties` object.
///
/// `openstack image list --long -f json` prints no properties: such a record (recognised by
/// its `ID` and `Name` keys without `properties`) is rejected with an error that says so.
///
/// ```
/// use scs_validators::input::Image;
/// let image: Image = serde_json::from_str(
///     r#"{"id": "a1", "name": "Ubuntu 24.04", "visibility": "public", "os_hidden": false,
///         "min_disk": 8, "size": 612368384, "os_distro": "ubuntu", "os_version": "24.04",
///         "tags": ["os:ubuntu"]}"#,
/// )?;
/// assert_eq!(image.property("os_distro"), Some("ubuntu"));
/// assert_eq!(image.min_disk, Some(8));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Image {
    /// The image id (a UUID).
    pub id: String,
    /// The name (`None` when null or absent).
    pub name: Option<String>,
    /// `public`, `community`, `shared` or `private`.
    pub visibility: Option<String>,
    /// Whether the image is hidden from listings (`os_hidden`).
    pub os_hidden: bool,
    /// The upload status (`active`, `queued`, …).
    pub status: Option<String>,
    /// Registration time as Glance prints it (`2024-05-01T10:00:00Z`).
    pub created_at: Option<String>,
    /// Last update time.
    pub updated_at: Option<String>,
    /// Size of the stored image data in bytes (`None` when no data was uploaded).
    pub size: Option<u64>,
    /// Virtual size in bytes.
    pub virtual_size: Option<u64>,
    /// Minimum disk in GiB (absent means 0).
    pub min_disk: Option<u64>,
    /// Minimum RAM in MiB (absent means 0).
    pub min_ram: Option<u64>,
    /// The hash algorithm Glance used (`os_hash_algo`).
    pub os_hash_algo: Option<String>,
    /// The image tags.
    pub tags: Vec<String>,
    /// Every other attribute with a string (or scalar) value: `architecture`, `os_distro`,
    /// `image_build_date`, …; a map from key to text with the methods of a `BTreeMap<String,
    /// String>` (`get`, `insert`, `remove`, `iter` in key order, …).
    pub properties: Properties,
}

impl Image {
    /// The value of an additional property by its Glance key (`architecture`, `os_distro`,
    /// `image_source`, …); also answers `name`, `visibility`, `status`, `created_at`,
    /// `updated_at` and `os_hash_algo`.
    #[inline]
    pub fn property(&self, key: &str) -> Option<&str> {
        match key {
            "name" => self.name.as_deref(),
            "visibility" => self.visibility.as_deref(),
            "status" => self.status.as_deref(),
            "created_at" => self.created_at.as_deref(),
            "updated_at" => self.updated_at.as_deref(),
            "os_hash_algo" => self.os_hash_algo.as_deref(),
            _ => self.properties.get(key),
        }
    }

    /// Whether the image is `public` or `community` (the images the official suite checks).
    pub fn is_public_or_community(&self) -> bool {
        matches!(self.visibility.as_deref(), Some("public" | "community"))
    }

    /// The value of a property that has a slot: [`Image::property`] without matching the key.
    #[inline]
    pub(crate) fn known(&self, key: Known) -> Option<&str> {
        self.properties.slot(key as usize)
    }

    /// The byte length of the value of a property that has a slot (`None` when it is absent),
    /// without reading the value: the checks that only ask whether it is empty need not wait
    /// for its memory.
    #[inline]
    pub(crate) fn known_len(&self, key: Known) -> Option<usize> {
        self.properties.slot_len(key as usize)
    }

    /// Reads a byte of each piece of memory that the checks read of most images (not the id,
    /// which only a few findings quote), so that a pass over many images can first ask for all
    /// of a block of them, then check them: memory is slow to answer, and these pieces lie
    /// apart, behind pointers, where the processor does not look ahead on its own. The slotted
    /// values come first in the text ([`Properties::finish`]), in its first few cache lines.
    #[inline]
    pub(crate) fn touch(&self) {
        let first = |s: Option<&str>| s.and_then(|s| s.as_bytes().first().copied());
        // The name is hashed and the registration time parsed whole: their last bytes may lie
        // in the next cache line.
        let ends = |s: Option<&str>| s.map(|s| (s.bytes().next(), s.bytes().next_back()));
        let text = self.properties.text.as_bytes();
        std::hint::black_box((
            ends(self.name.as_deref()),
            first(self.visibility.as_deref()),
            ends(self.created_at.as_deref()),
            first(self.os_hash_algo.as_deref()),
            [0, 64, 128, 192].map(|i| text.get(i).copied()),
        ));
    }
}

/// The properties that have a slot ([`SLOT_KEYS`]), for the checks of this crate to read
/// without matching keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Known {
    Architecture = 0,
    HotfixHours = 1,
    HwDiskBus = 2,
    HwRngModel = 4,
    HypervisorType = 5,
    ImageBuildDate = 6,
    ImageDescription = 7,
    ImageOriginalUser = 8,
    ImageSource = 9,
    LicenseIncluded = 10,
    LicenseRequired = 11,
    OsDistro = 12,
    OsPurpose = 13,
    OsVersion = 15,
    ProvidedUntil = 16,
    ReplaceFrequency = 17,
    UuidValidity = 18,
}

impl Known {
    /// The Glance key.
    pub(crate) fn key(self) -> &'static str {
        SLOT_KEYS[self as usize]
    }
}

/// The keys that have a slot of their own: those the checks of this crate read, sorted.
const SLOT_KEYS: [&str; 19] = [
    "architecture",
    "hotfix_hours",
    "hw_disk_bus",
    "hw_qemu_guest_agent",
    "hw_rng_model",
    "hypervisor_type",
    "image_build_date",
    "image_description",
    "image_original_user",
    "image_source",
    "license_included",
    "license_required",
    "os_distro",
    "os_purpose",
    "os_secure_boot",
    "os_version",
    "provided_until",
    "replace_frequency",
    "uuid_validity",
];

/// The slot of `key`, if it has one (the position in [`SLOT_KEYS`]).
#[inline]
fn slot_of(key: &str) -> Option<usize> {
    Some(match key {
        "architecture" => 0,
        "hotfix_hours" => 1,
        "hw_disk_bus" => 2,
        "hw_qemu_guest_agent" => 3,
        "hw_rng_model" => 4,
        "hypervisor_type" => 5,
        "image_build_date" => 6,
        "image_description" => 7,
        "image_original_user" => 8,
        "image_source" => 9,
        "license_included" => 10,
        "license_required" => 11,
        "os_distro" => 12,
        "os_purpose" => 13,
        "os_secure_boot" => 14,
        "os_version" => 15,
        "provided_until" => 16,
        "replace_frequency" => 17,
        "uuid_validity" => 18,
        _ => return None,
    })
}

/// The value of a slotted key: a range of the image's text buffer, or [`Slot::ABSENT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    start: u32,
    end: u32,
}

impl Slot {
    /// No value (no text starts at `u32::MAX`: [`Properties::append`] stops below).
    const ABSENT: Slot = Slot {
        start: u32::MAX,
        end: 0,
    };

    fn is_absent(self) -> bool {
        self == Slot::ABSENT
    }
}

impl Default for Slot {
    fn default() -> Self {
        Slot::ABSENT
    }
}

/// Another property: `text[start..split]` is its key, `text[split..end]` its value.
#[derive(Clone, Copy, Debug)]
struct Entry {
    start: u32,
    split: u32,
    end: u32,
}

/// The properties of one image are limited to 4 GiB of text.
#[derive(Debug)]
struct TooLarge;

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the properties of one image exceed 4 GiB of text")
    }
}

/// The additional properties of an [`Image`]: a map from Glance key to text, in key order.
///
/// It has the methods of a `BTreeMap<String, String>` that the checks and their tests use
/// (`get`, `contains_key`, `insert`, `remove`, `len`, `is_empty`, `iter`), and it collects
/// from `(key, value)` pairs. Looking up one of the keys the checks read is constant time.
///
/// ```
/// use scs_validators::input::Image;
/// let mut image = Image::default();
/// image.properties.insert("os_distro".into(), "debian".into());
/// image.properties.insert("hw_scsi_model".into(), "virtio-scsi".into());
/// assert_eq!(image.properties.get("os_distro"), Some("debian"));
/// assert_eq!(image.property("hw_scsi_model"), Some("virtio-scsi"));
/// let keys: Vec<&str> = image.properties.iter().map(|(k, _)| k).collect();
/// assert_eq!(keys, ["hw_scsi_model", "os_distro"]);
/// assert_eq!(image.properties.remove("os_distro").as_deref(), Some("debian"));
/// assert_eq!(image.properties.len(), 1);
/// ```
#[derive(Clone, Default)]
pub struct Properties {
    slots: [Slot; SLOT_KEYS.len()],
    /// The other keys and values, and slotted values too long to store in place; text of
    /// replaced or removed entries stays until the map is dropped.
    text: String,
    /// The other properties, sorted by key, each key once (after parsing, always).
    others: Vec<Entry>,
}

impl Properties {
    /// An empty map.
    pub fn new() -> Self {
        Properties::default()
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&str> {
        match slot_of(key) {
            Some(i) => self.slot(i),
            None => self.find(key).ok().map(|i| self.value(self.others[i])),
        }
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`; returns the previous value.
    ///
    /// # Panics
    ///
    /// When the properties of this image would exceed 4 GiB of text.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        let old = self.get(&key).map(str::to_owned);
        if old.is_some() {
            self.compact_if_wasteful();
        }
        match slot_of(&key) {
            Some(i) => self.set_slot(i, &value),
            None => {
                let entry = self.append_entry(&key, &value);
                match self.find(&key) {
                    Ok(i) => entry.map(|e| self.others[i] = e),
                    Err(i) => entry.map(|e| self.others.insert(i, e)),
                }
            }
        }
        .unwrap_or_else(|e| panic!("{e}"));
        old
    }

    /// Removes `key`; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let old = self.get(key).map(str::to_owned);
        match slot_of(key) {
            Some(i) => self.slots[i] = Slot::ABSENT,
            None => {
                if let Ok(i) = self.find(key) {
                    self.others.remove(i);
                }
            }
        }
        self.compact_if_wasteful();
        old
    }

    /// Drops the text of replaced and removed values once it outweighs the rest.
    fn compact_if_wasteful(&mut self) {
        let live: usize = self
            .slots
            .iter()
            .filter(|s| !s.is_absent())
            .map(|s| (s.end - s.start) as usize)
            .chain(self.others.iter().map(|e| (e.end - e.start) as usize))
            .sum();
        if self.text.len() <= 2 * live + 256 {
            return;
        }
        let old = std::mem::replace(&mut self.text, String::with_capacity(live));
        let piece = |start: u32, end: u32| old.get(start as usize..end as usize).unwrap_or("");
        for i in 0..self.slots.len() {
            let slot = self.slots[i];
            if !slot.is_absent() {
                // The live text was below 4 GiB already.
                if let Ok((start, end)) = self.append(piece(slot.start, slot.end)) {
                    self.slots[i] = Slot { start, end };
                }
            }
        }
        for i in 0..self.others.len() {
            let e = self.others[i];
            if let Ok(entry) = self.append_entry(piece(e.start, e.split), piece(e.split, e.end)) {
                self.others[i] = entry;
            }
        }
    }

    /// The number of properties.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| !s.is_absent()).count() + self.others.len()
    }

    /// Whether there are no properties.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The properties in key order.
    pub fn iter(&self) -> PropertiesIter<'_> {
        PropertiesIter {
            map: self,
            slot: 0,
            other: 0,
        }
    }

    /// The byte length of the value in slot `i` (`None` when absent).
    #[inline]
    fn slot_len(&self, i: usize) -> Option<usize> {
        let Slot { start, end } = self.slots[i];
        // An absent slot ends before it starts.
        end.checked_sub(start).map(|len| len as usize)
    }

    #[inline]
    fn slot(&self, i: usize) -> Option<&str> {
        let Slot { start, end } = self.slots[i];
        // An absent slot's range is empty and starts beyond the text.
        self.text.get(start as usize..end as usize)
    }

    fn key(&self, e: Entry) -> &str {
        self.text
            .get(e.start as usize..e.split as usize)
            .unwrap_or("")
    }

    fn value(&self, e: Entry) -> &str {
        self.text
            .get(e.split as usize..e.end as usize)
            .unwrap_or("")
    }

    /// Binary search of the other properties (sorted once parsing is done).
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.others.binary_search_by(|e| self.key(*e).cmp(key))
    }

    /// Appends text to the buffer; returns its range, which ends below `u32::MAX`.
    fn append(&mut self, s: &str) -> Result<(u32, u32), TooLarge> {
        let start = u32::try_from(self.text.len()).map_err(|_| TooLarge)?;
        let end = u32::try_from(self.text.len() + s.len())
            .ok()
            .filter(|&end| end < u32::MAX)
            .ok_or(TooLarge)?;
        self.text.push_str(s);
        Ok((start, end))
    }

    fn append_entry(&mut self, key: &str, value: &str) -> Result<Entry, TooLarge> {
        let (start, split) = self.append(key)?;
        let (_, end) = self.append(value)?;
        Ok(Entry { start, split, end })
    }

    fn set_slot(&mut self, i: usize, value: &str) -> Result<(), TooLarge> {
        let (start, end) = self.append(value)?;
        self.slots[i] = Slot { start, end };
        Ok(())
    }

    /// While parsing: sets `key` without keeping the other properties sorted; [`Self::finish`]
    /// sorts them (the later of two equal keys wins).
    fn push(&mut self, key: &str, value: &str) -> Result<(), TooLarge> {
        match slot_of(key) {
            Some(i) => self.set_slot(i, value),
            None => self.push_other(key, value),
        }
    }

    /// [`Self::push`] for a key without a slot.
    fn push_other(&mut self, key: &str, value: &str) -> Result<(), TooLarge> {
        let entry = self.append_entry(key, value)?;
        self.others.push(entry);
        Ok(())
    }

    /// Starts parsing into this (empty) map with the buffers of `scratch`.
    fn begin(&mut self, scratch: &mut Scratch) {
        self.text = std::mem::take(&mut scratch.text);
        self.others = std::mem::take(&mut scratch.others);
        self.text.clear();
        self.others.clear();
    }

    /// Empties the map for parsing into it again, keeping its buffers.
    fn clear(&mut self) {
        self.slots = [Slot::ABSENT; SLOT_KEYS.len()];
        self.text.clear();
        self.others.clear();
    }

    /// Ends parsing: sorts the other properties by key, keeps only the last of equal keys,
    /// and trades the buffers, which have room for the next image, for copies of the right
    /// size (so that a long list is neither over-allocated nor reallocated image by image).
    fn finish(&mut self, scratch: &mut Scratch) {
        self.sort_others(scratch);
        let mut text = String::new();
        if !self.slots_first(&mut text) {
            text = self.text.as_str().to_owned();
        }
        let others = self.others.clone();
        scratch.text = std::mem::replace(&mut self.text, text);
        scratch.others = std::mem::replace(&mut self.others, others);
    }

    /// [`Self::finish`] for a map parsed into its own buffers (after [`Self::clear`]), which it
    /// keeps: it allocates nothing once the buffers of `scratch` are large enough.
    fn finish_in_place(&mut self, scratch: &mut Scratch) {
        self.sort_others(scratch);
        if self.slots_first(&mut scratch.text) {
            std::mem::swap(&mut self.text, &mut scratch.text);
        }
    }

    /// Sorts the other properties by key and keeps only the last of equal keys.
    fn sort_others(&mut self, scratch: &mut Scratch) {
        if self.others.is_empty() {
            return;
        }
        let text = &self.text;
        let key = |e: &Entry| text.get(e.start as usize..e.split as usize).unwrap_or("");
        // Sort by the first eight bytes of the key, then by the key, then with the later of
        // equal keys (larger `start`) first, which `dedup` keeps.
        scratch.order.clear();
        scratch
            .order
            .extend(self.others.iter().map(|e| (prefix(key(e)), *e)));
        scratch.order.sort_unstable_by(|(pa, a), (pb, b)| {
            pa.cmp(pb)
                .then_with(|| key(a).cmp(key(b)))
                .then(b.start.cmp(&a.start))
        });
        scratch
            .order
            .dedup_by(|(pa, a), (pb, b)| pa == pb && key(a) == key(b));
        self.others.clear();
        self.others.extend(scratch.order.iter().map(|(_, e)| *e));
    }

    /// Writes into `out` (emptied first) the text with the slotted values first, side by side,
    /// then the whole text as it was, where the other properties now point: the checks read
    /// the slots of many images in a row and find them in a cache line or two of each. `false`
    /// (and nothing changed) when there is nothing to gain (no other properties) or the text
    /// would grow too large.
    fn slots_first(&mut self, out: &mut String) -> bool {
        if self.others.is_empty() {
            return false;
        }
        let slotted: usize = self
            .slots
            .iter()
            .filter(|s| !s.is_absent())
            .map(|s| (s.end - s.start) as usize)
            .sum();
        let Ok(shift) = u32::try_from(slotted) else {
            return false;
        };
        if !u32::try_from(slotted + self.text.len()).is_ok_and(|len| len < u32::MAX) {
            return false;
        }
        out.clear();
        out.reserve_exact(slotted + self.text.len());
        for slot in &mut self.slots {
            if let Some(value) = self.text.get(slot.start as usize..slot.end as usize) {
                // Below `shift`, which is a `u32`.
                let start = out.len() as u32;
                out.push_str(value);
                *slot = Slot {
                    start,
                    end: out.len() as u32,
                };
            }
        }
        out.push_str(&self.text);
        for e in &mut self.others {
            e.start += shift;
            e.split += shift;
            e.end += shift;
        }
        true
    }

    /// Adds the properties of `nested` whose keys this map lacks.
    fn merge_missing(&mut self, nested: &Properties) -> Result<(), TooLarge> {
        let mut added = false;
        for (k, v) in nested.iter() {
            if !self.contains_key(k) {
                // Insert in order: `contains_key` and `get` rely on it.
                if slot_of(k).is_some() {
                    self.push(k, v)?;
                } else {
                    let entry = self.append_entry(k, v)?;
                    match self.find(k) {
                        Ok(i) => self.others[i] = entry,
                        Err(i) => self.others.insert(i, entry),
                    }
                    added = true;
                }
            }
        }
        if added {
            self.text.shrink_to_fit();
        }
        Ok(())
    }
}

/// The first eight bytes of `key`, zero-padded, as a number that sorts as the key does.
fn prefix(key: &str) -> u64 {
    let mut bytes = [0; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Buffers that parsing reuses from one image to the next.
#[derive(Default)]
struct Scratch {
    /// Keep only the properties the checks read ([`LeanImageList`]).
    lean: bool,
    text: String,
    others: Vec<Entry>,
    order: Vec<(u64, Entry)>,
    /// Strings of reused images that the images read since had no use for
    /// ([`LeanImageListReader::forget_images`]), for the next that need one.
    strings: Vec<String>,
    /// The keys of the last image the quick reader read, in order, each with its kind: the
    /// images of a list mostly have the same keys in the same order.
    keys: Vec<(String, Key<()>)>,
}

/// The properties of an image in key order: see [`Properties::iter`].
#[derive(Clone, Debug)]
pub struct PropertiesIter<'a> {
    map: &'a Properties,
    slot: usize,
    other: usize,
}

impl<'a> Iterator for PropertiesIter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let map = self.map;
        while self.slot < SLOT_KEYS.len() && map.slot(self.slot).is_none() {
            self.slot += 1;
        }
        let slotted = (self.slot < SLOT_KEYS.len()).then(|| SLOT_KEYS[self.slot]);
        let other = map.others.get(self.other).map(|e| map.key(*e));
        let take_slot = match (slotted, other) {
            (None, None) => return None,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(s), Some(o)) => s.cmp(o) != Ordering::Greater,
        };
        if take_slot {
            let i = self.slot;
            self.slot += 1;
            Some((SLOT_KEYS[i], map.slot(i).unwrap_or("")))
        } else {
            let e = map.others[self.other];
            self.other += 1;
            Some((map.key(e), map.value(e)))
        }
    }
}

impl<'a> IntoIterator for &'a Properties {
    type Item = (&'a str, &'a str);
    type IntoIter = PropertiesIter<'a>;

    fn into_iter(self) -> PropertiesIter<'a> {
        self.iter()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Extend<(K, V)> for Properties {
    /// Inserts each pair (the later of two equal keys wins).
    ///
    /// # Panics
    ///
    /// When the properties of this image would exceed 4 GiB of text.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        for (k, v) in pairs {
            self.insert(k.as_ref().to_owned(), v.as_ref().to_owned());
        }
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Properties {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut out = Properties::new();
        out.extend(pairs);
        out
    }
}

impl PartialEq for Properties {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Properties {}

impl fmt::Debug for Properties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Properties {
    /// A JSON object in key order, as a `BTreeMap<String, String>` serializes.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ImageSeed(&mut Scratch::default()).deserialize(deserializer)
    }
}

/// Reads one image with the buffers of a list.
struct ImageSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for ImageSeed<'_> {
    type Value = Image;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Image, D::Error> {
        deserializer.deserialize_map(ImageVisitor(self.0))
    }
}

/// Reads a list of images, reusing one set of buffers; `lean` as [`LeanImageList`] reads.
#[derive(Clone, Copy)]
struct ImagesSeed {
    lean: bool,
}

impl<'de> DeserializeSeed<'de> for ImagesSeed {
    type Value = Vec<Image>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Image>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ImagesSeed {
    type Value = Vec<Image>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of images")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Image>, A::Error> {
        let mut scratch = Scratch {
            lean: self.lean,
            ..Scratch::default()
        };
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(image) = seq.next_element_seed(ImageSeed(&mut scratch))? {
            out.push(image);
        }
        Ok(out)
    }
}

/// Text from the input: borrowed where the input allows, else copied.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s,
        }
    }
}

/// An object key of an image record, matched without copying it; `T` is what another
/// property's key carries (its text for serde, nothing for the quick reader).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key<T> {
    Id,
    /// `ID`, as `openstack image list -f json` prints it.
    CliId,
    Name,
    Visibility,
    Hidden,
    Status,
    CreatedAt,
    UpdatedAt,
    Size,
    VirtualSize,
    MinDisk,
    MinRam,
    HashAlgo,
    Tags,
    Nested,
    /// A property with a slot, by its index in [`SLOT_KEYS`].
    Slot(usize),
    /// Another property.
    Other(T),
}

impl<T> Key<T> {
    /// The key `s`; `text` gives what another property's key carries.
    fn of(s: &str, text: impl FnOnce() -> T) -> Self {
        match s {
            "id" => Key::Id,
            "ID" => Key::CliId,
            "name" | "Name" => Key::Name,
            "visibility" | "Visibility" => Key::Visibility,
            "os_hidden" | "is_hidden" => Key::Hidden,
            "status" | "Status" => Key::Status,
            "created_at" => Key::CreatedAt,
            "updated_at" => Key::UpdatedAt,
            "size" | "Size" => Key::Size,
            "virtual_size" => Key::VirtualSize,
            "min_disk" => Key::MinDisk,
            "min_ram" => Key::MinRam,
            "os_hash_algo" | "hash_algo" => Key::HashAlgo,
            "tags" | "Tags" => Key::Tags,
            "properties" => Key::Nested,
            _ => match slot_of(s) {
                Some(i) => Key::Slot(i),
                None => Key::Other(text()),
            },
        }
    }
}

impl<'de> Deserialize<'de> for Key<Text<'de>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<Text<'de>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an image attribute name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<Text<'de>>, E> {
                Ok(Key::of(v, || Text::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<Text<'de>>, E> {
                Ok(Key::of(v, || Text::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A property key (of a nested `properties` object), borrowed where the input allows.
struct PropertyKey<'de>(Text<'de>);

impl<'de> Deserialize<'de> for PropertyKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PropertyKey<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(PropertyKey(Text::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(PropertyKey(Text::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Reads one property value into `props`: a string, or a scalar kept as its text; `null`, lists
/// and objects are skipped. For [`Target::Skip`] the value is read all the same (and rejected
/// where it would be) but not kept.
struct PropertyValue<'p, 'k> {
    props: &'p mut Properties,
    target: Target<'k>,
}

/// Where a property value goes.
#[derive(Clone, Copy)]
enum Target<'k> {
    /// Into the slot of this index.
    Slot(usize),
    /// Among the other properties, under this key.
    Other(&'k str),
    /// Nowhere.
    Skip,
}

impl PropertyValue<'_, '_> {
    fn put<E: de::Error>(self, value: &str) -> Result<(), E> {
        match self.target {
            Target::Slot(i) => self.props.set_slot(i, value),
            Target::Other(key) => self.props.push_other(key, value),
            Target::Skip => Ok(()),
        }
        .map_err(E::custom)
    }

    fn put_display<E: de::Error>(self, value: impl fmt::Display) -> Result<(), E> {
        if matches!(self.target, Target::Skip) {
            return Ok(());
        }
        self.put(&value.to_string())
    }
}

impl<'de> DeserializeSeed<'de> for PropertyValue<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PropertyValue<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.put(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.put(if v { "true" } else { "false" })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.put_display(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.put_display(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.put_display(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// Reads the nested `properties` object of `openstack image show -f json` (`null` reads as
/// empty); `lean` as [`LeanImageList`] reads, keeping also the core attributes that newer
/// clients print there.
struct NestedProperties {
    lean: bool,
}

impl<'de> DeserializeSeed<'de> for NestedProperties {
    type Value = Properties;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Properties, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NestedProperties {
    type Value = Properties;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of image properties")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Properties, A::Error> {
        let mut out = Properties::new();
        while let Some(PropertyKey(key)) = map.next_key::<PropertyKey<'de>>()? {
            let key = key.as_str();
            let target = match slot_of(key) {
                Some(i) => Target::Slot(i),
                None if !self.lean
                    || matches!(
                        key,
                        "os_hidden" | "is_hidden" | "os_hash_algo" | "hash_algo"
                    ) =>
                {
                    Target::Other(key)
                }
                None => Target::Skip,
            };
            map.next_value_seed(PropertyValue {
                props: &mut out,
                target,
            })?;
        }
        out.finish(&mut Scratch::default());
        Ok(out)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Properties, E> {
        Ok(Properties::new())
    }
}

fn opt_u64<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<u64>, A::Error> {
    map.next_value::<Option<u64>>()
}

struct ImageVisitor<'s>(&'s mut Scratch);

impl<'de> Visitor<'de> for ImageVisitor<'_> {
    type Value = Image;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an image object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Image, A::Error> {
        let scratch = self.0;
        let mut image = Image::default();
        image.properties.begin(scratch);
        let mut id = None;
        let mut cli_list_keys = false;
        let mut nested = None;
        let mut hidden_seen = false;
        while let Some(key) = map.next_key::<Key<Text<'de>>>()? {
            match key {
                Key::Id => id = Some(map.next_value::<String>()?),
                Key::CliId => {
                    cli_list_keys = true;
                    id = Some(map.next_value::<String>()?);
                }
                Key::Name => image.name = map.next_value()?,
                Key::Visibility => image.visibility = map.next_value()?,
                Key::Hidden => {
                    hidden_seen = true;
                    image.os_hidden = map.next_value::<Option<bool>>()?.unwrap_or(false)
                }
                Key::Status => image.status = map.next_value()?,
                Key::CreatedAt => image.created_at = map.next_value()?,
                Key::UpdatedAt => image.updated_at = map.next_value()?,
                Key::Size => image.size = opt_u64(&mut map)?,
                Key::VirtualSize => image.virtual_size = opt_u64(&mut map)?,
                Key::MinDisk => image.min_disk = opt_u64(&mut map)?,
                Key::MinRam => image.min_ram = opt_u64(&mut map)?,
                Key::HashAlgo => image.os_hash_algo = map.next_value()?,
                Key::Tags => {
                    image.tags = map.next_value::<Option<Vec<String>>>()?.unwrap_or_default()
                }
                Key::Nested => {
                    nested = Some(map.next_value_seed(NestedProperties { lean: scratch.lean })?)
                }
                Key::Slot(i) => map.next_value_seed(PropertyValue {
                    props: &mut image.properties,
                    target: Target::Slot(i),
                })?,
                Key::Other(key) => map.next_value_seed(PropertyValue {
                    props: &mut image.properties,
                    target: if scratch.lean {
                        Target::Skip
                    } else {
                        Target::Other(key.as_str())
                    },
                })?,
            }
        }
        if cli_list_keys && nested.is_none() {
            return Err(de::Error::custom(
                "this looks like `openstack image list --long -f json`, which prints no image \
                 properties; use the Image API (`GET /v2/images`) or `openstack image show -f json`",
            ));
        }
        image.properties.finish(scratch);
        if let Some(nested) = nested {
            image
                .properties
                .merge_missing(&nested)
                .map_err(de::Error::custom)?;
            // Newer clients print these core attributes inside `properties`.
            for key in ["os_hidden", "is_hidden"] {
                if let Some(v) = image.properties.remove(key) {
                    if !hidden_seen {
                        image.os_hidden = v.eq_ignore_ascii_case("true");
                        hidden_seen = true;
                    }
                }
            }
            for key in ["os_hash_algo", "hash_algo"] {
                if let Some(v) = image.properties.remove(key) {
                    image.os_hash_algo.get_or_insert(v);
                }
            }
        }
        image.id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        Ok(image)
    }
}

/// A list of images: `{"images": [...]}` as the Image API returns it, or a bare JSON list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ImageList(pub Vec<Image>);

impl<'de> Deserialize<'de> for ImageList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_list(deserializer, ImagesSeed { lean: false }).map(ImageList)
    }
}

/// An [`ImageList`] for the checks: the same images, but each with only the properties the
/// checks of this crate read (those with a slot: `architecture`, `os_distro`,
/// `image_build_date`, …); every other property is read but not kept.
///
/// It reads the same shapes as [`ImageList`] and rejects the same documents with the same
/// errors: the values it leaves out are read all the same, only not copied. It is the faster
/// way to read a cloud's image list for the checks, whose results are the same on either
/// list.
///
/// ```
/// use scs_validators::input::{ImageList, LeanImageList};
/// let json = r#"[{"id": "a1", "os_distro": "ubuntu", "hw_scsi_model": "virtio-scsi"}]"#;
/// let lean: LeanImageList = serde_json::from_str(json)?;
/// assert_eq!(lean.0[0].property("os_distro"), Some("ubuntu"));
/// assert_eq!(lean.0[0].property("hw_scsi_model"), None);
/// let full: ImageList = serde_json::from_str(json)?;
/// assert_eq!(full.0[0].property("hw_scsi_model"), Some("virtio-scsi"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct LeanImageList(pub Vec<Image>);

impl LeanImageList {
    /// Reads the JSON `text` of an image list quickly, by hand, if it is in the common shape
    /// the Image API prints: a list of flat image objects (or an object with an `images` list)
    /// whose strings have no escape sequences and whose numbers are integers of up to 18
    /// digits. `None` when the text holds anything else (an escape, a float, a nested
    /// `properties` object, deeply nested values, the `openstack image list` shape, an error):
    /// read it with serde then, which gives the same list or says what is wrong.
    ///
    /// What it returns is what serde would return for the same text.
    ///
    /// ```
    /// use scs_validators::input::LeanImageList;
    /// let text = r#"{"images": [{"id": "a1", "name": "Debian 12", "min_disk": 3,
    ///     "os_distro": "debian", "locations": [], "owner_specified.openstack.md5": ""}]}"#;
    /// let quick = LeanImageList::read_common(text).expect("the common shape");
    /// assert_eq!(quick, serde_json::from_str::<LeanImageList>(text)?);
    /// assert_eq!(quick.0[0].property("os_distro"), Some("debian"));
    /// // An escape: left to serde.
    /// assert_eq!(LeanImageList::read_common(r#"[{"id": "a\u0031"}]"#), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn read_common(text: &str) -> Option<LeanImageList> {
        quick::read(text)
    }
}

/// [`LeanImageList::read_common`] for a text that comes in pieces (read from a file a block at
/// a time, say): feed it the pieces in order, then [`finish`](Self::finish). Given the same
/// text in any pieces, it returns what `read_common` returns for the whole text; the text
/// read so far is kept only until the images in it are read.
///
/// ```
/// use scs_validators::input::{LeanImageList, LeanImageListReader};
/// let text = r#"{"images": [{"id": "a1", "os_distro": "debian"}, {"id": "b2"}]}"#;
/// let mut reader = LeanImageListReader::new();
/// for piece in [&text[..20], &text[20..41], &text[41..]] {
///     assert!(reader.feed(piece));
/// }
/// assert_eq!(reader.finish(), LeanImageList::read_common(text));
/// ```
///
/// A caller that checks the images block by block need not hold them all: after each piece it
/// takes the images read so far ([`images`](Self::images)) and
/// [forgets](Self::forget_images) them, and the reader reuses their memory for the images it
/// reads next, which then cost next to no allocations.
///
/// ```
/// use scs_validators::input::{LeanImageList, LeanImageListReader};
/// let text = r#"[{"id": "a1", "name": "Debian 12", "tags": ["x"]}, {"id": "b2"},
///     {"id": "c3", "os_distro": "ubuntu"}]"#;
/// let mut reader = LeanImageListReader::new();
/// let mut read = Vec::new();
/// for piece in [&text[..30], &text[30..70], &text[70..]] {
///     assert!(reader.feed(piece));
///     // Check the images of this block here; a clone keeps them for the comparison below.
///     read.extend(reader.images().iter().cloned());
///     reader.forget_images();
///     assert!(reader.images().is_empty());
/// }
/// assert_eq!(read, LeanImageList::read_common(text).unwrap().0);
/// assert_eq!(read[1].name, None);
/// // The images forgotten are not in the list `finish` returns.
/// assert_eq!(reader.finish(), Some(LeanImageList(Vec::new())));
/// ```
pub struct LeanImageListReader(quick::Stream);

impl LeanImageListReader {
    /// A reader at the start of a text.
    pub fn new() -> Self {
        LeanImageListReader(quick::Stream::default())
    }

    /// Reads the next piece of the text; `false` once the reader has given up (the text is not
    /// in the common shape, see [`LeanImageList::read_common`]): read the whole text with serde
    /// then. Pieces may end anywhere between characters.
    pub fn feed(&mut self, piece: &str) -> bool {
        self.0.feed(piece)
    }

    /// The images read since the reader started or since [`forget_images`](Self::forget_images)
    /// was last called, in the order of the text; each is what `read_common` reads. Empty once
    /// the reader has given up.
    pub fn images(&self) -> &[Image] {
        self.0.images()
    }

    /// Forgets the images that [`images`](Self::images) returns: they are not in the list that
    /// [`finish`](Self::finish) returns, and the reader reads the images that come next into
    /// their memory (their strings, tag lists and property buffers) instead of allocating new.
    pub fn forget_images(&mut self) {
        self.0.forget_images();
    }

    /// The list, once the whole text is fed: the images not forgotten (all of them unless
    /// [`forget_images`](Self::forget_images) was called); `None` when the reader gave up or
    /// the text ends early.
    pub fn finish(self) -> Option<LeanImageList> {
        self.0.finish()
    }
}

impl Default for LeanImageListReader {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for LeanImageListReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LeanImageListReader")
            .finish_non_exhaustive()
    }
}

impl<'de> Deserialize<'de> for LeanImageList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_list(deserializer, ImagesSeed { lean: true }).map(LeanImageList)
    }
}

/// A list of images, or an object with an `images` list (its first `images` key).
fn deserialize_list<'de, D: Deserializer<'de>>(
    deserializer: D,
    seed: ImagesSeed,
) -> Result<Vec<Image>, D::Error> {
    struct V(ImagesSeed);
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Image>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of images, or an object with an `images` list")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<Image>, A::Error> {
            self.0.visit_seq(seq)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Image>, A::Error> {
            let mut found = None;
            while let Some(PropertyKey(key)) = map.next_key::<PropertyKey<'de>>()? {
                if key.as_str() == "images" && found.is_none() {
                    found = Some(map.next_value_seed(self.0)?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            found.ok_or_else(|| de::Error::missing_field("images"))
        }
    }
    deserializer.deserialize_any(V(seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glance_api_shape() {
        let json = r#"{"images": [{"id": "1", "name": "Debian 12", "visibility": "public",
            "os_hidden": false, "size": null, "min_disk": 0, "min_ram": 0,
            "os_hash_algo": "sha512", "architecture": "x86_64", "hw_disk_bus": "scsi",
            "os_secure_boot": true, "locations": [], "tags": [], "self": "/v2/images/1",
            "owner_specified.openstack.md5": ""}], "first": "/v2/images"}"#;
        let list: ImageList = serde_json::from_str(json).unwrap();
        let image = &list.0[0];
        assert_eq!(image.size, None);
        assert_eq!(image.property("architecture"), Some("x86_64"));
        assert_eq!(image.property("os_secure_boot"), Some("true"));
        assert_eq!(image.property("os_hash_algo"), Some("sha512"));
        assert_eq!(image.property("locations"), None);
        assert!(image.is_public_or_community());
    }

    #[test]
    fn cli_show_shape_with_nested_properties() {
        let json = r#"[{"id": "2", "name": "Ubuntu 24.04", "visibility": "community",
            "is_hidden": true, "hash_algo": "sha256",
            "properties": {"os_distro": "ubuntu", "image_source": "https://x/", "hw_qemu_guest_agent": null}}]"#;
        let list: ImageList = serde_json::from_str(json).unwrap();
        let image = &list.0[0];
        assert!(image.os_hidden);
        assert_eq!(image.os_hash_algo.as_deref(), Some("sha256"));
        assert_eq!(image.property("os_distro"), Some("ubuntu"));
        assert_eq!(image.property("hw_qemu_guest_agent"), None);
    }

    #[test]
    fn cli_list_shape_is_rejected_with_a_reason() {
        let json = r#"[{"ID": "3", "Name": "x", "Disk Format": "qcow2", "Status": "active"}]"#;
        let err = serde_json::from_str::<ImageList>(json)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("this looks like `openstack image list --long -f json`"),
            "{err}"
        );
        let err = serde_json::from_str::<ImageList>(r#"[{"name": "x"}]"#).unwrap_err();
        assert_eq!(err.to_string(), "missing field `id` at line 1 column 14");
    }

    #[test]
    fn slot_keys_are_sorted_and_matched() {
        assert!(SLOT_KEYS.windows(2).all(|w| w[0] < w[1]));
        for (i, key) in SLOT_KEYS.iter().enumerate() {
            assert_eq!(slot_of(key), Some(i), "{key}");
        }
        use Known::*;
        for known in [
            Architecture,
            HotfixHours,
            HwDiskBus,
            HwRngModel,
            HypervisorType,
            ImageBuildDate,
            ImageDescription,
            ImageOriginalUser,
            ImageSource,
            LicenseIncluded,
            LicenseRequired,
            OsDistro,
            OsPurpose,
            OsVersion,
            ProvidedUntil,
            ReplaceFrequency,
            UuidValidity,
        ] {
            assert_eq!(slot_of(known.key()), Some(known as usize));
            assert_eq!(
                format!("{known:?}").to_lowercase(),
                known.key().replace('_', "")
            );
        }
        assert_eq!(slot_of("hw_scsi_model"), None);
        assert_eq!(std::mem::size_of::<Slot>(), 8);
    }

    #[test]
    fn core_attributes_inside_nested_properties() {
        let json = r#"[{"id": "4", "name": "Ubuntu 24.04",
            "properties": {"os_hidden": true, "os_hash_algo": "sha512", "os_distro": "ubuntu"}},
            {"id": "5", "name": "x", "os_hidden": false, "properties": {"os_hidden": true}}]"#;
        let list: ImageList = serde_json::from_str(json).unwrap();
        assert!(list.0[0].os_hidden);
        assert_eq!(list.0[0].os_hash_algo.as_deref(), Some("sha512"));
        assert_eq!(list.0[0].property("os_distro"), Some("ubuntu"));
        assert_eq!(list.0[0].properties.get("os_hidden"), None);
        // a flat attribute wins over the nested one
        assert!(!list.0[1].os_hidden);
    }

    #[test]
    fn later_keys_win_and_flat_wins_over_nested() {
        let long = "https://example.com/a/very/long/source/url/image.qcow2";
        let json = format!(
            r#"{{"id": "1", "os_distro": "debian", "zz": "1", "aa": "x", "zz": "2",
                "os_distro": "ubuntu", "image_source": "{long}", "image_source": "private",
                "properties": {{"os_distro": "fedora", "os_version": "41", "zz": "3",
                "mm": 4.5, "kk": ["no"], "image_description": "{long}"}}}}"#
        );
        let image: Image = serde_json::from_str(&json).unwrap();
        let pairs: Vec<(&str, &str)> = image.properties.iter().collect();
        assert_eq!(
            pairs,
            [
                ("aa", "x"),
                ("image_description", long),
                ("image_source", "private"),
                ("mm", "4.5"),
                ("os_distro", "ubuntu"),
                ("os_version", "41"),
                ("zz", "2"),
            ]
        );
        assert_eq!(image.properties.len(), 7);
    }

    #[test]
    fn escaped_keys_and_values_from_a_reader() {
        let json = br#"{"id": "1", "os_\u0064istro": "deb\u00edan", "k\u00e9y": "v"}"#;
        let image: Image = serde_json::from_reader(&json[..]).unwrap();
        assert_eq!(image.property("os_distro"), Some("debían"));
        assert_eq!(image.property("kéy"), Some("v"));
        let same: Image = serde_json::from_slice(json).unwrap();
        assert_eq!(image, same);
    }

    #[test]
    fn the_map_api() {
        let mut p = Properties::new();
        assert!(p.is_empty());
        let long = "x".repeat(30);
        assert_eq!(p.insert("os_version".into(), long.clone()), None);
        assert_eq!(p.insert("b".into(), "1".into()), None);
        assert_eq!(p.insert("a".into(), "2".into()), None);
        assert_eq!(p.insert("b".into(), "3".into()).as_deref(), Some("1"));
        assert_eq!(
            p.insert("os_version".into(), "24.04".into()).as_deref(),
            Some(long.as_str())
        );
        assert_eq!(p.get("b"), Some("3"));
        assert!(p.contains_key("a"));
        assert_eq!(p.len(), 3);
        let q: Properties = [("os_version", "24.04"), ("a", "2"), ("b", "3")]
            .into_iter()
            .collect();
        assert_eq!(p, q);
        assert_eq!(
            format!("{p:?}"),
            r#"{"a": "2", "b": "3", "os_version": "24.04"}"#
        );
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"a":"2","b":"3","os_version":"24.04"}"#
        );
        assert_eq!(p.remove("a").as_deref(), Some("2"));
        assert_eq!(p.remove("os_version").as_deref(), Some("24.04"));
        assert_eq!(p.remove("zz"), None);
        assert_ne!(p, q);
        assert_eq!(p.iter().collect::<Vec<_>>(), [("b", "3")]);
    }

    proptest::proptest! {
        /// Any sequence of inserts and removes leaves the same map as a `BTreeMap` would.
        #[test]
        fn prop_behaves_like_a_btreemap(
            ops in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "architecture", "os_distro", "image_source", "uuid_validity", "a", "b",
                        "hw_scsi_model", "owner_specified.openstack.md5", "zz", "",
                    ]),
                    proptest::option::of("[a-zé/:.0-9]{0,40}"),
                ),
                0..60,
            )
        ) {
            let mut p = Properties::new();
            let mut model = std::collections::BTreeMap::new();
            for (key, value) in ops {
                match value {
                    Some(v) => proptest::prop_assert_eq!(
                        p.insert(key.to_owned(), v.clone()),
                        model.insert(key.to_owned(), v)
                    ),
                    None => proptest::prop_assert_eq!(p.remove(key), model.remove(key)),
                }
                let expected: Vec<(&str, &str)> =
                    model.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                proptest::prop_assert_eq!(p.iter().collect::<Vec<_>>(), expected);
                proptest::prop_assert_eq!(p.len(), model.len());
                proptest::prop_assert_eq!(p.get(key), model.get(key).map(String::as_str));
            }
            let rebuilt: Properties = model.iter().collect();
            proptest::prop_assert_eq!(rebuilt, p);
        }
    }

    #[test]
    fn replacing_values_does_not_grow_the_text_without_bound() {
        let mut p = Properties::new();
        let long = "v".repeat(100);
        for i in 0..10_000 {
            p.insert("image_source".into(), format!("{long}{i}"));
            p.insert("other".into(), format!("{long}{i}"));
        }
        assert!(p.text.len() < 2_000, "{}", p.text.len());
        assert_eq!(p.get("image_source"), Some(format!("{long}9999").as_str()));
        assert_eq!(p.get("other"), Some(format!("{long}9999").as_str()));
        assert_eq!(p.len(), 2);
    }
}
