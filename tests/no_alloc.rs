//! Parsing a valid name allocates nothing: a counting allocator proves it.
//!
//! This test binary installs its own global allocator, which needs `unsafe`; the library
//! itself forbids unsafe code.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;

use scs_validators::flavor_name::{classify, Compliance, FlavorName};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// thread-local `Cell`, which does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (out, ALLOCATIONS.with(Cell::get) - before)
}

const NAMES: &[&str] = &[
    "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
    "SCS-2C-4-10n",
    "SCS-1V-0.5",
    "SCS-2C-4-_bms_z3h_GNa-64_ib",
    "SCS-16V-64-500s_GNa-14-6h",
    "SCS-02C-4.0-1x010",
];

#[test]
fn parsing_valid_names_allocates_nothing() {
    for name in NAMES {
        let (parsed, n) = allocations(|| FlavorName::parse(name));
        assert!(parsed.is_ok(), "{name}");
        assert_eq!(n, 0, "FlavorName::parse({name:?}) allocated {n} times");
        let (valid, n) = allocations(|| FlavorName::is_valid(name));
        assert!(valid);
        assert_eq!(n, 0, "is_valid({name:?}) allocated");
        let (c, n) = allocations(|| classify(name));
        assert!(matches!(c, Compliance::Valid(_)));
        assert_eq!(n, 0, "classify({name:?}) allocated");
    }
    // is_valid allocates nothing on invalid names either.
    for name in ["SCS-2iT-4", "SCS-99999999999C-4", "SCS-2C-4_GNx"] {
        let (valid, n) = allocations(|| FlavorName::is_valid(name));
        assert!(!valid);
        assert_eq!(n, 0, "is_valid({name:?}) allocated");
    }
}

#[test]
fn display_and_extra_specs_write_into_a_reused_buffer() {
    let name: FlavorName = NAMES[0].parse().unwrap();
    let mut buf = String::with_capacity(1024);
    let ((), n) = allocations(|| {
        buf.clear();
        write!(buf, "{name}").unwrap();
        for (k, v) in name.extra_specs().iter() {
            write!(buf, "{k}={v}").unwrap();
        }
        write!(buf, "{}", name.v1()).unwrap();
    });
    assert_eq!(n, 0, "display and extra specs allocated {n} times");
    assert!(buf.ends_with("SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib"));
    // The counter works: a String allocates.
    let (_s, n) = allocations(|| name.to_string());
    assert!(n >= 1);
}
