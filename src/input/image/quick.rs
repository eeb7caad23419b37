//! A quick reader of image lists in the common shape, for [`LeanImageList::read_common`] and
//! [`LeanImageListReader`].
//!
//! It reads JSON text by hand, the way the serde reader of [`LeanImageList`] reads it, for the
//! shape the Image API prints: a list of flat image objects whose strings have no escapes and
//! whose numbers are small integers. Whatever else it meets (an escape, a float, a nested
//! `properties` object, the `openstack image list` shape, anything that is not JSON) it does
//! not try to read: it gives up, and the caller reads the text with serde, which gives the
//! same list or the error. What it does read, it reads into the very images serde would build
//! (a test and the `image_json` fuzz check compare the two).
//!
//! The text may come in pieces ([`Stream::feed`]): the reader reads one unit at a time (the
//! opening of the list, an image, a member of the object around it, …), and a unit that the
//! text so far ends in the middle of is read again, from its start, once more text is there.
//!
//! The images read may be forgotten ([`Stream::forget_images`]); they stay in the list as
//! spares, and the next images are read into them, overwriting every field and keeping the
//! buffers, so that a reader whose images are forgotten after each piece soon allocates next
//! to nothing.

use super::{Image, Key, LeanImageList, Scratch};

/// How deep values may nest inside an image before the reader gives up (serde_json stops at
/// 128 levels in all).
const MAX_DEPTH: usize = 64;

/// How much of a piece [`Stream::complete`] first tries to complete a cut unit with.
const PREFIX: usize = 1 << 12;

/// How many keys of an image [`Reader::key`] remembers.
const MAX_KEYS: usize = 128;

/// What a key of an image object is to the reader: a [`Key`] without the text.
type Kind = Key<()>;

/// Whether `a` and `b` are equal: for the short texts of keys, a few overlapping words each
/// instead of a call to `memcmp`.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let half = |s: &[u8], at: usize| {
        let mut w = [0; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_le_bytes(w)
    };
    match n {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => {
            // Whole words, then the last word, which may overlap the one before.
            (0..n / 8).all(|i| word(a, 8 * i) == word(b, 8 * i)) && word(a, n - 8) == word(b, n - 8)
        }
    }
}

/// Reads `text` as [`LeanImageList`] does, or gives up.
pub(super) fn read(text: &str) -> Option<LeanImageList> {
    let mut stream = Stream::default();
    stream.feed(text);
    stream.finish()
}

/// Where the reader is in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the first value.
    Start,
    /// Inside the object around the list, before its first member.
    ObjectStart,
    /// Before a member of the object around the list.
    Member,
    /// After a member of the object around the list.
    AfterMember,
    /// Before the `[` of the list (`wrapped` in an object).
    ListStart { wrapped: bool },
    /// Inside the list, before its first image.
    FirstImage { wrapped: bool },
    /// Before an image.
    Image { wrapped: bool },
    /// After an image.
    AfterImage { wrapped: bool },
    /// After the whole value: only whitespace may follow.
    End,
    /// The text is not in the common shape.
    GaveUp,
}

/// The reader of a text that comes in pieces.
pub(super) struct Stream {
    state: State,
    /// The text not read yet (and some that was).
    pending: String,
    /// How much of `pending` is read.
    at: usize,
    /// Whether the object around the list had its `images` member.
    found: bool,
    /// The images read and not forgotten (`..live`), then spares to read the next ones into.
    images: Vec<Image>,
    live: usize,
    scratch: Scratch,
}

impl Default for Stream {
    fn default() -> Self {
        Stream {
            state: State::Start,
            pending: String::new(),
            at: 0,
            found: false,
            images: Vec::new(),
            live: 0,
            scratch: Scratch {
                lean: true,
                ..Scratch::default()
            },
        }
    }
}

/// What reading one unit came to.
enum Step {
    /// Read, up to here.
    Read(usize, State),
    /// The text so far ends inside the unit.
    Short,
    /// Not in the common shape.
    GiveUp,
}

impl Stream {
    /// Takes the next piece of the text; `false` once the reader has given up.
    pub(super) fn feed(&mut self, piece: &str) -> bool {
        if self.state == State::GaveUp {
            return false;
        }
        let read = if self.at >= self.pending.len() {
            // Nothing left over: read the piece where it lies, and keep its unread end.
            self.read_in_place(piece, 0)
        } else {
            // Drop what is read once it is most of the buffer.
            if self.at >= self.pending.len() / 2 {
                self.pending.drain(..self.at);
                self.at = 0;
            }
            self.complete(piece)
        };
        match read {
            Some(at) => {
                self.at = at;
                true
            }
            None => {
                self.state = State::GaveUp;
                self.pending = String::new();
                self.images = Vec::new();
                self.live = 0;
                self.scratch.strings = Vec::new();
                false
            }
        }
    }

    /// Reads `piece` from `at` on where it lies, and keeps its unread end in the buffer; `Some(0)`
    /// (where the buffer is read up to), or `None` when the reader gives up.
    fn read_in_place(&mut self, piece: &str, at: usize) -> Option<usize> {
        self.pending.clear();
        let at = self.read(piece, at)?;
        self.pending.push_str(piece.get(at..)?);
        Some(0)
    }

    /// Reads on after a unit the text before `piece` ended in the middle of. Such a unit is
    /// mostly an image of a few KiB: when the part in the buffer is short, the first
    /// [`PREFIX`] bytes of `piece` are appended, which mostly complete it, and the rest of
    /// `piece` is read where it lies; otherwise (or when they do not complete it) the whole
    /// piece is appended, and the unit read from its start at most twice per piece. Where the
    /// buffer is read up to, or `None` when the reader gives up.
    fn complete(&mut self, piece: &str) -> Option<usize> {
        let mut taken = 0;
        loop {
            let mut want = if taken == 0 && self.pending.len() - self.at < PREFIX {
                PREFIX.min(piece.len())
            } else {
                piece.len()
            };
            while !piece.is_char_boundary(want) {
                want += 1;
            }
            self.pending.push_str(&piece[taken..want]);
            taken = want;
            let pending = std::mem::take(&mut self.pending);
            let read = self.read(&pending, self.at);
            self.pending = pending;
            let at = read?;
            // Where `piece` starts in the buffer.
            let boundary = self.pending.len() - taken;
            if at >= boundary {
                return self.read_in_place(piece, at - boundary);
            }
            self.at = at;
            if taken == piece.len() {
                return Some(at);
            }
        }
    }

    /// Reads the units of `text` from `at` on, up to one that `text` ends in the middle of;
    /// where that one starts, or `None` when the reader gives up.
    fn read(&mut self, text: &str, mut at: usize) -> Option<usize> {
        loop {
            match self.step(text, at) {
                Step::Read(next, state) => {
                    at = next;
                    self.state = state;
                }
                Step::Short => return Some(at),
                Step::GiveUp => return None,
            }
        }
    }

    /// The images read and not forgotten.
    pub(super) fn images(&self) -> &[Image] {
        &self.images[..self.live]
    }

    /// Forgets the images read; the next are read into them.
    pub(super) fn forget_images(&mut self) {
        self.live = 0;
    }

    /// The images not forgotten, once the whole text is fed; `None` when the reader gave up
    /// or the text ends early.
    pub(super) fn finish(mut self) -> Option<LeanImageList> {
        if self.state != State::End {
            return None;
        }
        let rest = self.pending.get(self.at..)?;
        if rest
            .bytes()
            .any(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        {
            return None;
        }
        self.images.truncate(self.live);
        self.images.shrink_to_fit();
        Some(LeanImageList(self.images))
    }

    /// Reads the unit of `text` at `at`.
    fn step(&mut self, text: &str, at: usize) -> Step {
        let scratch = std::mem::take(&mut self.scratch);
        let mut r = Reader {
            text,
            bytes: text.as_bytes(),
            at,
            scratch,
        };
        let read = Self::unit(
            &mut r,
            self.state,
            &mut self.found,
            &mut self.images,
            &mut self.live,
        );
        let (at, len) = (r.at, r.bytes.len());
        self.scratch = r.scratch;
        match read {
            Some(state) => Step::Read(at, state),
            // A unit that runs into the end of the text so far may be whole with more text.
            None if at >= len => Step::Short,
            None => Step::GiveUp,
        }
    }

    /// Reads one unit in `state`; the state after it. An image goes to `images[*live]`, a spare
    /// it is read into, or at the end.
    fn unit(
        r: &mut Reader<'_>,
        state: State,
        found: &mut bool,
        images: &mut Vec<Image>,
        live: &mut usize,
    ) -> Option<State> {
        Some(match state {
            State::Start => {
                r.space();
                match r.peek()? {
                    b'[' => State::ListStart { wrapped: false },
                    b'{' => {
                        r.at += 1;
                        State::ObjectStart
                    }
                    _ => return None,
                }
            }
            State::ObjectStart => {
                if r.empty(b'}')? {
                    // No `images` member.
                    return None;
                }
                State::Member
            }
            State::Member => {
                r.space();
                let key = r.string()?;
                r.expect(b':')?;
                if key == "images" && !*found {
                    *found = true;
                    State::ListStart { wrapped: true }
                } else {
                    r.skip(0)?;
                    State::AfterMember
                }
            }
            State::AfterMember => {
                if r.next(b'}')? {
                    State::Member
                } else if *found {
                    State::End
                } else {
                    return None;
                }
            }
            State::ListStart { wrapped } => {
                r.expect(b'[')?;
                State::FirstImage { wrapped }
            }
            State::FirstImage { wrapped } => {
                if r.empty(b']')? {
                    Self::after_list(wrapped)
                } else {
                    State::Image { wrapped }
                }
            }
            State::Image { wrapped } => {
                match images.get_mut(*live) {
                    Some(spare) => r.image(spare, false)?,
                    None => {
                        let mut image = Image::default();
                        r.image(&mut image, true)?;
                        images.push(image);
                    }
                }
                *live += 1;
                State::AfterImage { wrapped }
            }
            State::AfterImage { wrapped } => {
                if r.next(b']')? {
                    State::Image { wrapped }
                } else {
                    Self::after_list(wrapped)
                }
            }
            State::End => {
                r.space();
                // Anything but whitespace after the value.
                r.peek()?;
                return None;
            }
            State::GaveUp => return None,
        })
    }

    fn after_list(wrapped: bool) -> State {
        if wrapped {
            State::AfterMember
        } else {
            State::End
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    scratch: Scratch,
}

/// A JSON scalar the reader takes as it is.
enum Scalar<'a> {
    Null,
    Bool(bool),
    /// A string without escapes.
    Str(&'a str),
    /// A non-negative integer without leading zeros, as written.
    Unsigned(&'a str, u64),
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// JSON whitespace.
    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// Whitespace, then `c`.
    fn expect(&mut self, c: u8) -> Option<()> {
        self.space();
        (self.peek()? == c).then(|| self.at += 1)
    }

    /// Whitespace, then `,` (`Some(true)`) or `end` (`Some(false)`).
    fn next(&mut self, end: u8) -> Option<bool> {
        self.space();
        let c = self.peek()?;
        self.at += 1;
        match c {
            b',' => Some(true),
            c if c == end => Some(false),
            _ => None,
        }
    }

    /// Whitespace, then `end` (the container is empty: `Some(true)`) or not.
    fn empty(&mut self, end: u8) -> Option<bool> {
        self.space();
        let empty = self.peek()? == end;
        if empty {
            self.at += 1;
        }
        Some(empty)
    }

    /// A string without escapes or control characters, at its opening quote.
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // The high bit of each byte of `x` that is zero (exact up to the first one).
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        if self.peek()? != b'"' {
            return None;
        }
        self.at += 1;
        let start = self.at;
        let bytes = self.bytes;
        let mut at = start;
        // Eight bytes at a time up to a quote, a backslash or a control character.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let v = u64::from_le_bytes(word);
            let stops = zero(v ^ (ONES * u64::from(b'"')))
                | zero(v ^ (ONES * u64::from(b'\\')))
                | (v.wrapping_sub(ONES * 0x20) & !v & HIGH);
            if stops != 0 {
                at += (stops.trailing_zeros() / 8) as usize;
                break;
            }
            at += 8;
        }
        // Byte by byte near the end of the text (and at the stop found).
        loop {
            let Some(&c) = bytes.get(at) else {
                // The text so far ends inside the string.
                self.at = at;
                return None;
            };
            match c {
                b'"' => {
                    let s = self.text.get(start..at)?;
                    self.at = at + 1;
                    return Some(s);
                }
                b'\\' => return None,
                c if c < 0x20 => return None,
                _ => at += 1,
            }
        }
    }

    /// `-?(0|[1-9][0-9]{0,17})`, not followed by a fraction or an exponent: an integer that
    /// serde_json reads as such; `Some(None)` for a negative one.
    fn integer(&mut self) -> Option<(&'a str, Option<u64>)> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let digits = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        let n = self.at - digits;
        let lead = self.bytes.get(digits).copied()?;
        if n == 0 || n > 18 || (lead == b'0' && n > 1) {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        let written = self.text.get(start..self.at)?;
        let value = self.text.get(digits..self.at)?.parse::<u64>().ok()?;
        Some((written, (!negative).then_some(value)))
    }

    /// Exactly `word`.
    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.at + word.len();
        let Some(found) = self.bytes.get(self.at..end) else {
            // The text so far ends inside the word, or at least before its end.
            self.at = self.bytes.len();
            return None;
        };
        (found == word.as_bytes()).then(|| self.at = end)
    }

    /// Whitespace, then a scalar; `None` for anything else (a list or object too).
    /// The key of member `member` of an image object, read as [`Reader::string`] reads it,
    /// and its kind. The key of the same member of the image before is tried first: a list's
    /// images mostly have the same keys in the same order, and comparing the text with a key
    /// known to be a plain string reads it without looking for its end.
    fn key(&mut self, member: usize) -> Option<Kind> {
        if let Some((text, kind)) = self.scratch.keys.get(member) {
            let n = text.len();
            let start = self.at + 1;
            if self.bytes.get(self.at) == Some(&b'"')
                && self
                    .bytes
                    .get(start..start + n)
                    .is_some_and(|b| same(b, text.as_bytes()))
                && self.bytes.get(start + n) == Some(&b'"')
            {
                self.at = start + n + 1;
                return Some(*kind);
            }
        }
        let key = self.string()?;
        let kind = Kind::of(key, || ());
        let keys = &mut self.scratch.keys;
        let len = keys.len();
        match keys.get_mut(member) {
            Some((text, k)) => {
                refill(text, key);
                *k = kind;
            }
            None if member == len && member < MAX_KEYS => {
                keys.push((key.to_owned(), kind));
            }
            None => {}
        }
        Some(kind)
    }

    fn scalar(&mut self) -> Option<Scalar<'a>> {
        self.space();
        Some(match self.peek()? {
            b'"' => Scalar::Str(self.string()?),
            b'n' => {
                self.literal("null")?;
                Scalar::Null
            }
            b't' => {
                self.literal("true")?;
                Scalar::Bool(true)
            }
            b'f' => {
                self.literal("false")?;
                Scalar::Bool(false)
            }
            b'-' | b'0'..=b'9' => match self.integer()? {
                (written, Some(value)) => Scalar::Unsigned(written, value),
                (_, None) => return None,
            },
            _ => return None,
        })
    }

    /// Whitespace, then any value it can read, which it leaves unread.
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'[' => {
                self.at += 1;
                if !self.empty(b']')? {
                    loop {
                        self.skip(depth + 1)?;
                        if !self.next(b']')? {
                            break;
                        }
                    }
                }
            }
            b'{' => {
                self.at += 1;
                if !self.empty(b'}')? {
                    loop {
                        self.space();
                        self.string()?;
                        self.expect(b':')?;
                        self.skip(depth + 1)?;
                        if !self.next(b'}')? {
                            break;
                        }
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                self.integer()?;
            }
            _ => {
                self.scalar()?;
            }
        }
        Some(())
    }

    /// Whitespace, then `null` (`None`) or a string, into `field`.
    fn optional_string(&mut self, field: &mut Option<String>) -> Option<()> {
        let value = match self.scalar()? {
            Scalar::Null => None,
            Scalar::Str(s) => Some(s),
            _ => return None,
        };
        let spare = &mut self.scratch.strings;
        match (field.as_mut(), value) {
            (Some(text), Some(value)) => refill(text, value),
            (None, Some(value)) => *field = Some(reuse(spare, value)),
            (Some(_), None) => spare.extend(field.take()),
            (None, None) => {}
        }
        Some(())
    }

    /// Whitespace, then `null` (`None`) or an unsigned integer.
    fn optional_u64(&mut self) -> Option<Option<u64>> {
        match self.scalar()? {
            Scalar::Null => Some(None),
            Scalar::Unsigned(_, value) => Some(Some(value)),
            _ => None,
        }
    }

    /// Whitespace, then `null` (no tags) or a list of strings, into `tags`, whose strings it
    /// overwrites.
    fn tags(&mut self, tags: &mut Vec<String>) -> Option<()> {
        self.space();
        let mut n = 0;
        if self.peek()? == b'n' {
            self.literal("null")?;
        } else {
            self.expect(b'[')?;
            if !self.empty(b']')? {
                loop {
                    self.space();
                    let tag = self.string()?;
                    match tags.get_mut(n) {
                        Some(text) => refill(text, tag),
                        None => tags.push(reuse(&mut self.scratch.strings, tag)),
                    }
                    n += 1;
                    if !self.next(b']')? {
                        break;
                    }
                }
            }
        }
        self.scratch.strings.extend(tags.drain(n..));
        Some(())
    }

    /// One image object, as the serde reader of a lean list reads it, into `image`: a new one
    /// (`fresh`), or one read before, whose every field it overwrites and whose buffers it
    /// reuses. When it returns `None` the image holds a part of the object.
    fn image(&mut self, image: &mut Image, fresh: bool) -> Option<()> {
        self.expect(b'{')?;
        if fresh {
            image.properties.begin(&mut self.scratch);
        } else {
            image.properties.clear();
        }
        image.os_hidden = false;
        image.size = None;
        image.virtual_size = None;
        image.min_disk = None;
        image.min_ram = None;
        // Which of the text fields the object sets: `TEXT_FIELDS`, then the tags.
        let mut seen = [false; TEXT_FIELDS + 1];
        let mut id = None;
        if !self.empty(b'}')? {
            let mut member = 0;
            loop {
                self.space();
                let kind = self.key(member)?;
                member += 1;
                self.expect(b':')?;
                match kind {
                    Kind::Id => match self.scalar()? {
                        Scalar::Str(s) => id = Some(s),
                        _ => return None,
                    },
                    // The `openstack image list` shape and nested properties: left to serde.
                    Kind::CliId | Kind::Nested => return None,
                    Kind::Name => self.text_field(image, 0, &mut seen)?,
                    Kind::Visibility => self.text_field(image, 1, &mut seen)?,
                    Kind::Status => self.text_field(image, 2, &mut seen)?,
                    Kind::CreatedAt => self.text_field(image, 3, &mut seen)?,
                    Kind::UpdatedAt => self.text_field(image, 4, &mut seen)?,
                    Kind::HashAlgo => self.text_field(image, 5, &mut seen)?,
                    Kind::Hidden => {
                        image.os_hidden = match self.scalar()? {
                            Scalar::Null => false,
                            Scalar::Bool(b) => b,
                            _ => return None,
                        }
                    }
                    Kind::Size => image.size = self.optional_u64()?,
                    Kind::VirtualSize => image.virtual_size = self.optional_u64()?,
                    Kind::MinDisk => image.min_disk = self.optional_u64()?,
                    Kind::MinRam => image.min_ram = self.optional_u64()?,
                    Kind::Tags => {
                        seen[TEXT_FIELDS] = true;
                        self.tags(&mut image.tags)?;
                    }
                    Kind::Slot(i) => {
                        self.space();
                        if let Some(b'[' | b'{') = self.peek() {
                            // Lists and objects replace nothing.
                            self.skip(1)?;
                        } else {
                            let value = match self.scalar()? {
                                Scalar::Null => None,
                                Scalar::Bool(true) => Some("true"),
                                Scalar::Bool(false) => Some("false"),
                                Scalar::Str(s) | Scalar::Unsigned(s, _) => Some(s),
                            };
                            if let Some(value) = value {
                                image.properties.set_slot(i, value).ok()?;
                            }
                        }
                    }
                    Kind::Other(()) => self.skip(1)?,
                }
                if !self.next(b'}')? {
                    break;
                }
            }
        }
        if fresh {
            image.properties.finish(&mut self.scratch);
        } else {
            image.properties.finish_in_place(&mut self.scratch);
        }
        // What the object does not set, the image had from an earlier one.
        let spare = &mut self.scratch.strings;
        for (k, _) in seen[..TEXT_FIELDS].iter().enumerate().filter(|(_, s)| !**s) {
            spare.extend(text_field(image, k).take());
        }
        if !seen[TEXT_FIELDS] {
            spare.append(&mut image.tags);
        }
        refill(&mut image.id, id?);
        Some(())
    }

    /// The value of the text field `k` of `image` ([`text_field`]), which `seen` notes.
    fn text_field(
        &mut self,
        image: &mut Image,
        k: usize,
        seen: &mut [bool; TEXT_FIELDS + 1],
    ) -> Option<()> {
        seen[k] = true;
        self.optional_string(text_field(image, k))
    }
}

/// How many optional text fields an image has ([`text_field`]).
const TEXT_FIELDS: usize = 6;

/// The optional text field `k` of `image`.
fn text_field(image: &mut Image, k: usize) -> &mut Option<String> {
    match k {
        0 => &mut image.name,
        1 => &mut image.visibility,
        2 => &mut image.status,
        3 => &mut image.created_at,
        4 => &mut image.updated_at,
        _ => &mut image.os_hash_algo,
    }
}

/// Overwrites `text` with `value`, in its buffer if it has room.
fn refill(text: &mut String, value: &str) {
    text.clear();
    text.push_str(value);
}

/// `value` in one of the `spare` strings, or in a new one.
fn reuse(spare: &mut Vec<String>, value: &str) -> String {
    match spare.pop() {
        Some(mut text) => {
            refill(&mut text, value);
            text
        }
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde(text: &str) -> Option<LeanImageList> {
        serde_json::from_str(text).ok()
    }

    /// Whatever the quick reader reads, serde reads alike.
    #[track_caller]
    fn agrees(text: &str) -> Option<LeanImageList> {
        let quick = read(text);
        if let Some(list) = &quick {
            assert_eq!(Some(list), serde(text).as_ref(), "{text}");
        }
        quick
    }

    #[test]
    fn common_shapes_are_read() {
        for text in [
            "[]",
            " {\"images\": []} ",
            r#"{"images": [{"id": "1"}], "schema": "/v2/schemas/images", "first": "/v2/images"}"#,
            r#"{"first": {"a": [1, -2, true, null, {}]}, "images": [{"id": "1"}], "images": 5}"#,
            r#"[{"id": "1", "name": "Ubuntu 24.04", "visibility": "public", "os_hidden": false,
                "status": "active", "created_at": "2025-01-01T00:00:00Z", "updated_at": null,
                "size": 612368384, "virtual_size": null, "min_disk": 8, "min_ram": 0,
                "os_hash_algo": "sha512", "tags": ["os:ubuntu", "managed_by_x"],
                "architecture": "x86_64", "os_distro": "ubuntu", "os_version": "24.04",
                "hw_qemu_guest_agent": true, "os_secure_boot": 1, "image_source": null,
                "hotfix_hours": [1], "uuid_validity": {"a": "b"}, "locations": [],
                "owner_specified.openstack.md5": "", "stores": "ceph", "protected": false,
                "k": -12, "deep": [[[[]]]]}]"#,
            // Later keys win; `null` and lists replace nothing.
            r#"[{"id": "1", "id": "2", "os_distro": "debian", "os_distro": null,
                "os_version": "12", "os_version": "13", "name": "a", "name": null,
                "tags": ["x"], "tags": null, "os_hidden": true, "os_hidden": null}]"#,
            // The capitalised keys of the command-line client.
            r#"[{"id": "1", "Name": "x", "Visibility": "public", "Status": "active",
                "Size": 5, "Tags": []}]"#,
            "[{\"id\": \"\u{e9}\u{1F600}\", \"os_distro\": \"d\u{e9}bian\"}]",
        ] {
            assert!(agrees(text).is_some(), "{text}");
        }
    }

    #[test]
    fn same_compares_whole_texts() {
        let texts = [
            "",
            "a",
            "id",
            "name",
            "os_hash",
            "os_hash_",
            "checksum",
            "os_hash_algo",
            "hw_qemu_guest_agent",
            "0123456789abcdef",
            "0123456789abcdeg",
            "x123456789abcdef",
            "0123456x89abcdef",
            "image_description",
            "image_descriptiom",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn pieces_of_any_size() {
        let text = r#" {"first": [1, {"a": "b"}], "images": [{"id": "1", "name": "x",
            "os_hidden": true, "tags": ["a", "b"], "size": 123, "os_distro": "d", "k": null},
            {"id": "2"}], "images": null, "next": "n"} "#;
        let whole = read(text).expect("the common shape");
        for size in 1..text.len() {
            let mut stream = Stream::default();
            for piece in text.as_bytes().chunks(size) {
                assert!(stream.feed(std::str::from_utf8(piece).unwrap()), "{size}");
            }
            assert_eq!(stream.finish().as_ref(), Some(&whole), "{size}");
        }
        // An early end, and text after the value.
        let mut stream = Stream::default();
        stream.feed(&text[..text.len() - 3]);
        assert_eq!(stream.finish(), None);
        let mut stream = Stream::default();
        stream.feed(text);
        assert!(!stream.feed("x"));
        assert_eq!(stream.finish(), None);
    }

    #[test]
    fn long_images_across_large_pieces() {
        // Images longer than the prefix a cut image is first completed with, and shorter ones,
        // in pieces larger and smaller than that prefix.
        let mut text = String::from("[");
        for i in 0..400 {
            if i > 0 {
                text.push_str(",\n");
            }
            let long = "v".repeat(if i % 10 == 0 { 3 * PREFIX + i } else { 100 + i });
            text.push_str(&format!(
                r#"{{"id": "i{i}", "name": "n{i}", "image_description": "{long}", "x": "{long}"}}"#
            ));
        }
        text.push(']');
        let whole = read(&text).expect("the common shape");
        assert_eq!(whole.0.len(), 400);
        for size in [
            PREFIX / 2,
            PREFIX - 1,
            PREFIX + 7,
            3 * PREFIX,
            5 * PREFIX + 3,
        ] {
            let mut stream = Stream::default();
            let mut read = Vec::new();
            for piece in text.as_bytes().chunks(size) {
                assert!(stream.feed(std::str::from_utf8(piece).unwrap()), "{size}");
                read.extend(stream.images().iter().cloned());
                stream.forget_images();
            }
            assert_eq!(stream.finish().map(|l| l.0.len()), Some(0), "{size}");
            assert_eq!(read, whole.0, "{size}");
        }
    }

    #[test]
    fn anything_else_is_left_to_serde() {
        for text in [
            "",
            "null",
            "{}",
            "[1]",
            "[{}]",
            "[{\"name\": \"x\"}]",
            r#"[{"id": "a\u0031"}]"#,
            r#"[{"id": "1", "x": "a\nb"}]"#,
            "[{\"id\": \"1\", \"x\": \"a\u{1}b\"}]",
            r#"[{"id": "1", "min_disk": 1.0}]"#,
            r#"[{"id": "1", "min_disk": -1}]"#,
            r#"[{"id": "1", "min_disk": 01}]"#,
            r#"[{"id": "1", "min_disk": 1e3}]"#,
            r#"[{"id": "1", "min_disk": 18446744073709551615}]"#,
            r#"[{"id": "1", "os_distro": -1}]"#,
            r#"[{"id": "1", "os_distro": 1.5}]"#,
            r#"[{"id": "1", "x": 1.5}]"#,
            r#"[{"id": "1", "name": 5}]"#,
            r#"[{"id": 5}]"#,
            r#"[{"id": null}]"#,
            r#"[{"ID": "1", "Name": "x"}]"#,
            r#"[{"id": "1", "properties": {"os_distro": "x"}}]"#,
            r#"[{"id": "1", "tags": [null]}]"#,
            r#"[{"id": "1", "os_hidden": "true"}]"#,
            r#"[{"id": "1",}]"#,
            r#"[{"id": "1"},]"#,
            r#"[{"id": "1"}] x"#,
            r#"[{"id": "1"}"#,
            r#"{"images": [{"id": "1"}]"#,
            r#"{"schema": "x"}"#,
            r#"[{"id": "1", "x": nul}]"#,
            r#"[{"id": "1", "x": [1, 2}]"#,
            "\u{feff}[]",
        ] {
            assert_eq!(agrees(text), None, "{text}");
        }
        let deep = format!(
            r#"[{{"id": "1", "x": {}{}}}]"#,
            "[".repeat(70),
            "]".repeat(70)
        );
        assert_eq!(agrees(&deep), None);
    }

    /// A JSON value of the kinds image lists hold, as text.
    fn value() -> impl Strategy<Value = String> {
        // Mostly what the quick reader reads, now and then what it leaves to serde.
        let scalar = prop_oneof![
            2 => Just("null".to_owned()),
            1 => Just("true".to_owned()),
            1 => Just("false".to_owned()),
            4 => (0u64..100_000).prop_map(|n| n.to_string()),
            1 => (-1000i64..0).prop_map(|n| n.to_string()),
            10 => "[a-zé0-9 :/._-]{0,12}".prop_map(|s| format!("\"{s}\"")),
            1 => prop_oneof![
                any::<u64>().prop_map(|n| n.to_string()),
                any::<i64>().prop_map(|n| n.to_string()),
                Just("-0".to_owned()),
                Just("1.5".to_owned()),
                Just("2e3".to_owned()),
                Just(r#""x\"y""#.to_owned()),
                Just(r#""\u00e9""#.to_owned()),
            ],
        ];
        scalar.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                proptest::collection::vec(("[a-z]{1,3}", inner), 0..4).prop_map(|v| {
                    let members: Vec<String> =
                        v.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
                    format!("{{{}}}", members.join(", "))
                }),
            ]
        })
    }

    /// A value for `key`: mostly of the type the image reader expects there.
    fn member(key: &'static str) -> BoxedStrategy<String> {
        let string = "[a-zé0-9 :/._-]{0,12}".prop_map(|s| format!("\"{s}\""));
        let typed = match key {
            "name" | "Name" | "visibility" | "status" | "created_at" | "updated_at"
            | "os_hash_algo" | "hash_algo" => prop_oneof![
                4 => string,
                1 => Just("null".to_owned())
            ]
            .boxed(),
            "os_hidden" | "is_hidden" => proptest::sample::select(vec!["true", "false", "null"])
                .prop_map(str::to_owned)
                .boxed(),
            "size" | "virtual_size" | "min_disk" | "min_ram" => prop_oneof![
                4 => (0u64..10_000_000_000).prop_map(|n| n.to_string()),
                1 => Just("null".to_owned())
            ]
            .boxed(),
            "tags" => prop_oneof![
                4 => proptest::collection::vec(string, 0..3)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                1 => Just("null".to_owned())
            ]
            .boxed(),
            _ => value().boxed(),
        };
        prop_oneof![8 => typed, 1 => value()].boxed()
    }

    /// An image object: keys from the core attributes, the slotted properties and others.
    fn image() -> impl Strategy<Value = String> {
        let key = proptest::sample::select(vec![
            "id",
            "name",
            "Name",
            "visibility",
            "os_hidden",
            "is_hidden",
            "status",
            "created_at",
            "updated_at",
            "size",
            "virtual_size",
            "min_disk",
            "min_ram",
            "os_hash_algo",
            "hash_algo",
            "tags",
            "architecture",
            "os_distro",
            "os_version",
            "image_source",
            "hw_qemu_guest_agent",
            "uuid_validity",
            "locations",
            "stores",
            "owner_specified.openstack.md5",
        ]);
        let id = "[a-f0-9]{1,8}".prop_map(|s| format!("\"id\": \"{s}\""));
        let members = proptest::collection::vec(
            key.prop_flat_map(|k| member(k).prop_map(move |v| format!("\"{k}\": {v}"))),
            0..10,
        );
        (id, members, any::<bool>()).prop_map(|(id, mut members, id_last)| {
            if id_last {
                members.push(id);
            } else {
                members.insert(0, id);
            }
            format!("{{{}}}", members.join(",\n "))
        })
    }

    /// Feeds `text` to a stream in pieces of the sizes `sizes` gives in turn (cut at character
    /// boundaries, at least one byte), after each piece taking the images read (clones) and
    /// forgetting them where `forget` says; the images taken, then those `finish` returns, or
    /// `None` when the stream gives up. A stream that gave up has no images.
    fn read_forgetting(
        text: &str,
        mut sizes: impl FnMut() -> usize,
        mut forget: impl FnMut() -> bool,
    ) -> Option<Vec<Image>> {
        let mut stream = Stream::default();
        let mut taken = Vec::new();
        let mut rest = text;
        let mut gave_up = false;
        while !rest.is_empty() {
            let mut n = sizes().clamp(1, rest.len());
            while !rest.is_char_boundary(n) {
                n += 1;
            }
            if !stream.feed(&rest[..n]) {
                gave_up = true;
                assert!(stream.images().is_empty(), "images after giving up");
            }
            rest = &rest[n..];
            if forget() {
                taken.extend(stream.images().iter().cloned());
                stream.forget_images();
                assert!(stream.images().is_empty(), "images after forgetting");
            }
        }
        let finished = stream.finish();
        if gave_up {
            assert_eq!(finished, None, "a stream that gave up finishes");
        }
        taken.extend(finished?.0);
        Some(taken)
    }

    /// `read_forgetting` reads what `read` reads, to the property.
    #[track_caller]
    fn same_images(forgetting: Option<Vec<Image>>, text: &str) {
        let whole = read(text).map(|list| list.0);
        assert_eq!(forgetting, whole, "{text}");
        for (a, b) in forgetting.iter().flatten().zip(whole.iter().flatten()) {
            assert!(a.properties.iter().eq(b.properties.iter()), "{text}");
            for key in super::super::SLOT_KEYS
                .iter()
                .chain(&["name", "os_hash_algo"])
            {
                assert_eq!(a.property(key), b.property(key), "{key}: {text}");
            }
        }
    }

    /// An image with every field, and images with few, in turn: what an image lacks, the one
    /// read into its memory before had.
    const FULL: &str = r#"{"id": "0123456789abcdef0123456789abcdef", "name": "Ubuntu 24.04 Noble",
        "visibility": "public", "os_hidden": true, "status": "active",
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z",
        "size": 612368384, "virtual_size": 2361393152, "min_disk": 8, "min_ram": 512,
        "os_hash_algo": "sha512", "tags": ["os:ubuntu", "managed_by_someone", "x"],
        "architecture": "x86_64", "os_distro": "ubuntu", "os_version": "24.04",
        "image_source": "https://cloud-images.ubuntu.com/noble/current/noble.img",
        "hw_disk_bus": "scsi", "uuid_validity": "last-3", "locations": [], "k": "v"}"#;

    #[test]
    fn forgetting_reads_the_same_images() {
        let texts = [
            format!("[{FULL}, {{\"id\": \"1\"}}, {FULL}, {{\"id\": \"2\", \"tags\": []}}]"),
            format!(
                "{{\"images\": [{FULL}, {{\"id\": \"3\", \"name\": null, \"tags\": null,
                    \"os_distro\": null, \"size\": null}}, {{\"id\": \"4\", \"tags\": [\"y\"],
                    \"name\": \"n\", \"name\": null, \"os_hidden\": null}}, {FULL}], \"n\": 1}}"
            ),
        ];
        for text in &texts {
            for size in [1, 2, 5, 13, 64, 300, 700, text.len()] {
                same_images(read_forgetting(text, || size, || true), text);
                let mut k = 0;
                let every_other = || {
                    k += 1;
                    k % 2 == 0
                };
                same_images(read_forgetting(text, || size, every_other), text);
            }
        }
    }

    #[test]
    fn forgotten_images_lend_their_buffers() {
        let mut stream = Stream::default();
        assert!(stream.feed(&format!("[{FULL}, ")));
        assert_eq!(stream.images().len(), 1);
        let full = stream.images()[0].clone();
        stream.forget_images();
        assert!(stream.feed(r#"{"id": "1", "name": "n", "tags": ["t"], "os_distro": "d"}"#));
        let image = &stream.images()[0];
        assert_eq!(image.id, "1");
        assert_eq!(image.name.as_deref(), Some("n"));
        assert_eq!(image.tags, ["t"]);
        assert_eq!(image.property("os_distro"), Some("d"));
        assert_eq!(image.visibility, None);
        assert!(!image.os_hidden && image.size.is_none() && image.min_ram.is_none());
        assert_eq!(image.properties.len(), 1);
        // The memory of the image before.
        assert!(image.id.capacity() >= full.id.len());
        assert!(image.name.as_ref().unwrap().capacity() >= full.name.unwrap().len());
        assert!(image.tags.capacity() >= 3);
        assert!(image.tags[0].capacity() >= "os:ubuntu".len());
        assert!(image.properties.text.capacity() >= full.properties.text.len());
        stream.forget_images();
        // The strings of the fields the last image lacked are lent to the next that has them.
        assert!(stream.feed(r#", {"id": "2", "visibility": "public", "created_at": "c"}]"#));
        let image = &stream.images()[0];
        assert_eq!(image.name, None);
        assert!(image.tags.is_empty() && image.properties.is_empty());
        assert!(image.visibility.as_ref().unwrap().capacity() >= "active".len());
        let last = image.clone();
        // `finish` returns the images not forgotten.
        assert_eq!(stream.finish(), Some(LeanImageList(vec![last])));
    }

    #[test]
    fn no_images_after_giving_up() {
        let mut stream = Stream::default();
        assert!(stream.feed(r#"[{"id": "1"}, {"id": "2"}, {"id": "3", "x": 1"#));
        assert_eq!(stream.images().len(), 2);
        assert!(!stream.feed(".5}]"));
        assert!(stream.images().is_empty());
        stream.forget_images();
        assert!(!stream.feed("[]"));
        assert!(stream.images().is_empty());
        assert_eq!(stream.finish(), None);
        // Also after forgetting: the spares go too.
        let mut stream = Stream::default();
        assert!(stream.feed(r#"[{"id": "1"}, "#));
        stream.forget_images();
        assert!(!stream.feed(r#"{"id": "a\u0031"}]"#));
        assert!(stream.images().is_empty());
        assert!(stream.images.is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// On generated lists, and on every cut of them, the quick reader reads what serde
        /// reads or gives up.
        #[test]
        fn quick_reads_as_serde_does(
            images in proptest::collection::vec(image(), 0..4),
            wrapped in any::<bool>(),
            cut in any::<proptest::sample::Index>(),
            pieces in proptest::collection::vec(any::<proptest::sample::Index>(), 1..8),
        ) {
            let list = format!("[{}]", images.join(", "));
            let text = if wrapped { format!("{{\"images\": {list}, \"next\": null}}") } else { list };
            let whole = agrees(&text);
            // In pieces, it reads the same.
            let mut stream = Stream::default();
            let mut rest = text.as_str();
            let mut k = 0;
            while !rest.is_empty() {
                let mut n = pieces[k % pieces.len()].index(rest.len()).max(1);
                while !rest.is_char_boundary(n) {
                    n += 1;
                }
                stream.feed(&rest[..n]);
                rest = &rest[n..];
                k += 1;
            }
            prop_assert_eq!(stream.finish(), whole);
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            agrees(&text[..at]);
        }
    }

    /// A list of generated images among copies of [`FULL`] and images of few fields.
    fn mixed_images() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(
            prop_oneof![
                3 => image(),
                1 => Just(FULL.to_owned()),
                1 => Just(r#"{"id": "z"}"#.to_owned()),
            ],
            0..6,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Fed in pieces of any sizes and forgetting the images after each piece (or after
        /// some), the stream hands out the images `read` reads, in order, or gives up where it
        /// does.
        #[test]
        fn forgetting_after_each_piece_reads_the_same(
            images in mixed_images(),
            wrapped in any::<bool>(),
            pieces in proptest::collection::vec(1usize..200, 1..8),
            forget in proptest::collection::vec(any::<bool>(), 1..5),
        ) {
            let list = format!("[{}]", images.join(", "));
            let text = if wrapped { format!("{{\"images\": {list}, \"next\": null}}") } else { list };
            let mut k = 0;
            let sizes = || {
                k += 1;
                pieces[k % pieces.len()]
            };
            same_images(read_forgetting(&text, sizes, || true), &text);
            let mut k = 0;
            let mut j = 0;
            let sizes = || {
                k += 1;
                pieces[k % pieces.len()]
            };
            let some = || {
                j += 1;
                forget[j % forget.len()]
            };
            same_images(read_forgetting(&text, sizes, some), &text);
        }
    }
}
