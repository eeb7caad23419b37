#!/usr/bin/env python3
"""Record the official scs-0102 testcase verdicts for generated image lists.

This script runs the official SCS scs-0102 module (the folder given by
--reference, i.e. `Tests/iaas/scs_0102_image_metadata` of a checkout of
SovereignCloudStack/standards) to record its verdicts as facts for our
differential test. The reference itself is not part of this project: it is
loaded from that folder at run time, nothing of it is copied.

Each case is a list of 1 to 6 Glance images (Image API v2 shape, as
`input::Image` reads them) and an instant `now`. The control cases vary one
thing at a time around an image that passes every testcase (missing, empty and
invalid values, the closed value sets, dates in many spellings, `min_disk`
against `size`, recency around the thresholds, `provided_until`, markers,
hidden images, replacements, duplicate names, `os_purpose` uniqueness, images
without a name); the random cases combine values drawn from the same pools.

The official runner hands its testcase functions the `public` and `community`
images of the Glance list (Glance itself leaves hidden images out unless asked
for them). This script hands them the `public` and `community` images of the
case, hidden ones included: that is what our `official` outcome predicts for a
list given to us, and it reaches the official code's branches for hidden
images. Each image becomes a stand-in for an openstacksdk image (`StubImage`
of tools/bench/official_image_metadata.py: the attributes the SDK knows by
name, every other key in `properties`).

The official functions measure time against `time.time()` as it was when their
module was imported (default arguments); the module is imported once per
distinct `now`, with `time.time()` answering that instant.

Output: JSON lines with

  group     "control" (hand-picked) or "random"
  now       the instant, RFC 3339 in UTC (`2025-01-01T00:00:00Z`, fractions of a
            second as `.5`)
  images    the case, in Glance API shape
  official  testcase id -> "PASS" (truthy result), "FAIL" (falsy result) or
            "ABORT" (an exception escaped), for all 20 scs-0102 testcases, as
            the official runner's harness maps them

`--emit-cases` prints the cases without evaluating them (no --reference needed).

Digits: Python's `\\d` and `str.isdecimal` follow the Unicode version of the
interpreter; the cases only use digits that every Unicode version since 6.0
knows, so the verdicts do not depend on the Python version.
"""

import argparse
import calendar
import importlib.util
import json
import logging
import os
import random
import sys
import time

sys.dont_write_bytecode = True  # keep tools/ free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))

TESTCASES = [
    ("scs-0102-prop-architecture", "compute_scs_0102_prop_architecture"),
    ("scs-0102-prop-hash_algo", "compute_scs_0102_prop_hash_algo"),
    ("scs-0102-prop-min_disk", "compute_scs_0102_prop_min_disk"),
    ("scs-0102-prop-min_ram", "compute_scs_0102_prop_min_ram"),
    ("scs-0102-prop-os_version", "compute_scs_0102_prop_os_version"),
    ("scs-0102-prop-os_distro", "compute_scs_0102_prop_os_distro"),
    ("scs-0102-prop-os_purpose", "compute_scs_0102_prop_os_purpose"),
    ("scs-0102-prop-hw_disk_bus", "compute_scs_0102_prop_hw_disk_bus"),
    ("scs-0102-prop-hypervisor_type", "compute_scs_0102_prop_hypervisor_type"),
    ("scs-0102-prop-hw_rng_model", "compute_scs_0102_prop_hw_rng_model"),
    ("scs-0102-prop-image_build_date", "compute_scs_0102_prop_image_build_date"),
    ("scs-0102-prop-image_original_user", "compute_scs_0102_prop_image_original_user"),
    ("scs-0102-prop-image_source", "compute_scs_0102_prop_image_source"),
    ("scs-0102-prop-image_description", "compute_scs_0102_prop_image_description"),
    ("scs-0102-prop-replace_frequency", "compute_scs_0102_prop_replace_frequency"),
    ("scs-0102-prop-provided_until", "compute_scs_0102_prop_provided_until"),
    ("scs-0102-prop-uuid_validity", "compute_scs_0102_prop_uuid_validity"),
    ("scs-0102-prop-hotfix_hours", "compute_scs_0102_prop_hotfix_hours"),
    ("scs-0102-image-recency", "compute_scs_0102_image_recency"),
    ("scs-0102-os_purpose-uniqueness", "compute_scs_0102_os_purpose_uniqueness"),
]

GIB = 1024 ** 3
U64_MAX = 2 ** 64 - 1
ABSENT = object()  # a key left out of the image

# The instants the cases are evaluated at.
NOW = "2025-01-01T00:00:00Z"
NOWS = [NOW, "2025-07-01T12:34:56Z", "2024-02-29T00:00:00Z", "2025-01-01T00:00:00.5Z"]

# An image that passes all 20 testcases at every instant of NOWS (built before the first);
# `hypervisor_type`, `hw_rng_model` and `hotfix_hours` may be absent.
GOOD = {
    "created_at": "2024-02-20T08:00:00Z",
    "size": 612368384,
    "min_disk": 8,
    "min_ram": 512,
    "os_hash_algo": "sha512",
    "architecture": "x86_64",
    "os_distro": "ubuntu",
    "os_version": "24.04",
    "os_purpose": "custom",
    "hw_disk_bus": "scsi",
    "image_build_date": "2024-02-19",
    "image_original_user": "ubuntu",
    "image_source": "https://x",
    "image_description": "d",
    "replace_frequency": "never",
    "provided_until": "none",
    "uuid_validity": "last-3",
}


def image(i, name="Ubuntu 24.04", visibility="public", hidden=False, **over):
    """Image `i`: GOOD with the keys of `over` replaced (ABSENT leaves a key out)."""
    d = {"id": f"i{i}", "name": name, "visibility": visibility}
    if hidden:
        d["os_hidden"] = True
    for key, value in GOOD.items():
        value = over.pop(key, value)
        if value is not ABSENT:
            d[key] = value
    for key, value in over.items():
        if value is not ABSENT:
            d[key] = value
    return d


def parse_now(text):
    """Unix seconds of an RFC 3339 instant of NOWS (with an optional fraction), as a float."""
    whole, _, rest = text.rstrip("Z").partition(".")
    seconds = calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S"))
    return seconds + (int(rest.ljust(9, "0")) / 1e9 if rest else 0.0)


def stamp(seconds, fmt="%Y-%m-%d %H:%M:%S"):
    return time.strftime(fmt, time.gmtime(seconds))


# ---------------------------------------------------------------------------------------------
# Value pools

DATES = [
    "2024-02-19", "2024-2-5", "2024-02-05 10:00", "2024-02-05 10:00:00",
    "2024-02-05T10:00:00Z", "2024-02-05t10:00:00z", "2024-02-05  10:00", "2024-02-05\t10:00",
    "2024-02-05 1:2", "2024-02-05 10:00:60", "2024-02-05 10:00:61", "2023-12-31 23:59:61",
    "2024-02-05T10:00:00", "2024-02-05T10:00:00+00:00", "2024-02-05 10:00:00.5",
    " 2024-02-05", "2024-02-05 ", "20240205", "2024-02-30", "2024-02-29", "2023-02-29",
    "2024-02-05 24:00", "1970-01-01", "1970-01-01 00:00", "1970-01-01 00:00:01", "1969-12-31",
    "0001-01-01", "0000-01-01", "9999-12-31", "2024-02- 5", "2024-02-05 10",
    "\uff12\uff10\uff12\uff14-02-05", "\u0662\u0660\u0662\u0664-\u0660\u0662-\u0660\u0665",
    "24-02-05", "2024/02/05", "2024-00-10", "2024-13-01", "2024-02-05 9:05", "2024-W06",
    "2024-02-20", "2024-02-20 08:00", "2024-02-20 08:00:01", "2024-02-20 08:00:00",
    "2024-02-21", "2030-01-01", "2024-02-05 10:60", "2024-02-05\u200310:00",
    "2024-02-05\x1c10:00", "2024-02-05\xa010:00", "2024-02-05 10:00:00Z", "",
]

CREATED = [
    "2024-02-20T08:00:00Z", "2024-02-20t08:00:00z", "2024-02-20T08:00:00",
    "2024-02-20 08:00:00", "2024-02-20", "2024-02-20T08:00:00.000Z", "2030-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z", "2024-2-20T8:0:0Z", "", "x", ABSENT, None,
]

POOLS = {
    "architecture": [ABSENT, None, "", "x86_64", "aarch64", "risc-v", "riscv64", "X86_64",
                     "i686", "x86_64 ", "amd64"],
    "os_hash_algo": [ABSENT, None, "", "sha256", "sha512", "SHA512", "md5", "sha384"],
    "min_ram": [ABSENT, 0, 1, 63, 64, 512],
    "os_version": [ABSENT, "", " ", "Noble", "24.04", "0"],
    "os_distro": [ABSENT, "", " ", "Ubuntu", "ubuntu", "0"],
    "os_purpose": [ABSENT, "", "generic", "oldgeneric", "minimal", "k8snode", "gpu", "network",
                   "custom", "Generic", "other", "generic "],
    "hw_disk_bus": [ABSENT, "", "virtio", "scsi", "ide", "SCSI", "sata"],
    "hypervisor_type": [ABSENT, "", "qemu", "kvm", "xen", "hyper-v", "esxi", "hyperv",
                        "vmware", "lxc", "KVM"],
    "hw_rng_model": [ABSENT, "", "virtio", "VIRTIO", "none"],
    "image_original_user": [ABSENT, "", "none", "ubuntu", " "],
    "image_source": [ABSENT, "", "private", "Private", "https://", "HTTPS://x", "s3://x",
                     "ftp://x", "ftps://x", "http://x", "file:///x", "x://https://", "https:/x",
                     " https://x", "https://x y", "://x", "sftp://x"],
    "image_description": [ABSENT, "", " ", "d", "https://ubuntu.com/cloud"],
    "replace_frequency": [ABSENT, "", "never", "critical_bug", "yearly", "quarterly",
                          "monthly", "weekly", "daily", "Monthly", "biweekly", "none"],
    "provided_until": [ABSENT, "", "none", "notice", "foo", "2030-01-01", "2020-01-01",
                       "2024-12-31", "2025-01-01", "2025-01-02", "None", "2024-06-30 12:00"],
    "uuid_validity": [ABSENT, "", "none", "notice", "forever", "last-0", "last-3", "last-",
                      "last-\u0663", "last--1", "last-3 ", "NONE", "Forever", "2030-01-01",
                      "2030-01-01T00:00:00Z", "2030-13-01", "last-\uff13", "last-1.5",
                      "1970-01-01", "Last-3"],
    "hotfix_hours": [ABSENT, "", "0", "48", "\u0664\u0668", "-1", "4.5", "+48", " 48", "48 ",
                     "\uff14\uff18", "x", "\u00b2"],
}


# ---------------------------------------------------------------------------------------------
# Control cases


def control_cases():
    cases = []

    def add(images, now=NOW):
        cases.append((now, images))

    # Nothing, one good image, out-of-scope images, at every instant.
    for now in NOWS:
        add([], now)
        add([image(0)], now)
    add([image(0, visibility="community")])
    bad = {key: "" for key in POOLS if key not in ("min_ram",)}
    add([image(0, visibility="private", size=None, created_at=None, **bad)])
    add([image(0, visibility="shared", name=None, size=None, **bad)])
    add([image(0, visibility=None, name=None, replace_frequency="daily",
               provided_until=ABSENT, image_build_date="2000-01-01")])

    # Every value of every pool. Each property testcase reads one property, so one image can
    # carry a value of each pool at once (row k takes value k of each pool, round 2 pairs them
    # differently); every fourth row follows a good image.
    rows = max(len(pool) for pool in POOLS.values())
    for step in (1, 3):
        for k in range(rows):
            over = {key: pool[(k * step + step - 1) % len(pool)] for key, pool in POOLS.items()}
            add(([image(0, name="Debian 12")] if k % 4 == 0 else []) + [image(1, **over)])

    # min_disk against size (bytes): the official suite multiplies GiB by 2^30.
    for min_disk in [ABSENT, 0, 1, 8, 2 ** 34]:
        for size in [None, 0, GIB, GIB + 1, U64_MAX]:
            add([image(0, min_disk=min_disk, size=size)])

    # Every spelling of a date as image_build_date, uuid_validity and provided_until (of an
    # image that is outdated unless its build date is recent).
    third = len(DATES) // 3
    for k, date in enumerate(DATES):
        add([image(0, image_build_date=date, uuid_validity=DATES[(k + third) % len(DATES)],
                   replace_frequency="monthly",
                   provided_until=DATES[(k + 2 * third) % len(DATES)])])
    for created in CREATED:
        for date in [ABSENT, "2024-02-19"]:
            add([image(0, created_at=created, image_build_date=date)])
    for now in NOWS[1:]:
        for date in ["2025-01-01 00:00:01", "2025-07-01 12:34:56", "2024-02-29",
                     "2024-02-29 00:00:01"]:
            add([image(0, created_at="2026-01-01T00:00:00Z", image_build_date=date)], now)
            created = date.replace(" ", "T") + ("Z" if " " in date else "T00:00:00Z")
            add([image(0, created_at=created, image_build_date=ABSENT)], now)

    cases += [(now, images) for now, images in recency_cases()]
    cases += [(NOW, images) for images in uniqueness_cases()]
    cases += [(NOW, images) for images in nameless_cases()]
    return cases


def recency_cases():
    """Thresholds, provided_until, markers, hidden images, replacements, duplicates."""
    out = []
    periods = {"yearly": 365 * 86400, "quarterly": 92 * 86400, "monthly": 31 * 86400,
               "weekly": 7 * 25 * 3600, "daily": 25 * 3600}
    # Around 1.1 periods after the build date, built at a whole second (image_build_date with
    # seconds, or created_at without a build date); "now" also at half a second.
    for now in [NOW, "2025-01-01T00:00:00.5Z"]:
        t = int(parse_now(now))
        for freq, secs in periods.items():
            limit = int(1.1 * secs)
            for delta in [-1, 0]:
                built = t - limit + delta
                out.append((now, [image(0, replace_frequency=freq, provided_until="2030-01-01",
                                        image_build_date=stamp(built))]))
                out.append((now, [image(0, replace_frequency=freq, provided_until="2030-01-01",
                                        image_build_date=ABSENT,
                                        created_at=stamp(built, "%Y-%m-%dT%H:%M:%SZ"))]))
    # Build dates without a time of day (00:00 UTC), a day either side of the limit.
    t = int(parse_now(NOWS[1]))
    for freq, secs in periods.items():
        for days in [0, 1]:
            built = stamp(t - int(1.1 * secs) + days * 86400, "%Y-%m-%d")
            out.append((NOWS[1], [image(0, replace_frequency=freq, provided_until="2030-01-01",
                                        image_build_date=built)]))

    old = dict(replace_frequency="monthly", image_build_date="2024-10-01")
    fresh = dict(replace_frequency="monthly", image_build_date="2024-12-20")
    # provided_until of an outdated image, around the instant 00:00 UTC of its date.
    for until in POOLS["provided_until"]:
        out.append((NOW, [image(0, provided_until=until, **old)]))
    for now in ["2025-01-01T00:00:00Z", "2025-01-01T00:00:00.5Z"]:
        for until in ["2025-01-01", "2024-12-31 23:59:59", "2025-01-01 00:00:01"]:
            out.append((now, [image(0, provided_until=until, replace_frequency="daily",
                                    image_build_date="2020-01-01")]))
    # An outdated image without provided_until, and one without a build date at all.
    out.append((NOW, [image(0, provided_until=ABSENT, **old)]))
    out.append((NOW, [image(0, provided_until=ABSENT, **fresh)]))
    out.append((NOW, [image(0, provided_until="2030-01-01", replace_frequency="yearly",
                            image_build_date=ABSENT, created_at=None)]))
    out.append((NOW, [image(0, provided_until="2030-01-01", replace_frequency="never",
                            image_build_date=ABSENT, created_at=None)]))
    out.append((NOW, [image(0, provided_until="2030-01-01", replace_frequency="yearly",
                            image_build_date=ABSENT, created_at="2024-02-20 08:00:00")]))
    # Markers at the end of the name, with and without a fresh replacement.
    until = dict(provided_until="2030-01-01")
    markers = ["old", "prev", "OLD", "(old)", "20241001", "2024-10-01", "2024105", "202415",
               "19700101", "2024-1-5", "2024-10-01 ", "", "v2", "old ", "2024-13-01",
               "\u0662\u0660\u0662\u0664\u0661\u0660\u0660\u0661"]
    for n, marker in enumerate(markers):
        name = f"Ubuntu 24.04 {marker}"
        out.append((NOW, [image(0, name=name, **until, **old)]))
        if n % 2 == 0:
            out.append((NOW, [image(0, name=name, **until, **old), image(1, **fresh)]))
    # Hidden outdated images; the replacement is looked up under the name minus its last word.
    for hidden_name in ["Ubuntu 24.04", "Ubuntu 24.04 old", "Ubuntu", None, ""]:
        out.append((NOW, [image(0, name=hidden_name, hidden=True, **until, **old)]))
        out.append((NOW, [image(0, name=hidden_name, hidden=True, **until, **old),
                          image(1, name="Ubuntu 24.04", **fresh)]))
        out.append((NOW, [image(0, name=hidden_name, hidden=True, **until, **old),
                          image(1, name="Ubuntu", **fresh)]))
    # Replacements: fresh, outdated, hidden, community, private, without provided_until,
    # with an invalid one, under names with odd spacing.
    rep = "Ubuntu 24.04"
    for extra in [dict(), dict(hidden=True), dict(visibility="community"),
                  dict(visibility="private"), dict(visibility="shared")]:
        out.append((NOW, [image(0, name=rep + " old", **until, **old),
                          image(1, name=rep, **fresh, **extra)]))
    for variant in [dict(**until, **old), dict(provided_until=ABSENT, **old),
                    dict(provided_until="foo", **old), dict(provided_until="none", **old),
                    dict(provided_until="2030-01-01", replace_frequency="bogus",
                         image_build_date="2020-01-01")]:
        out.append((NOW, [image(0, name=rep + " 20241001", **until, **old),
                          image(1, name=rep, **variant)]))
    for old_name, new_name in [("Ubuntu  24.04", "Ubuntu"), ("Ubuntu 24.04 ", "Ubuntu 24.04"),
                               ("Ubuntu\t24.04", "Ubuntu"), ("Ubuntu\t 24.04", "Ubuntu"),
                               ("Ubuntu 24.04", "Ubuntu"), ("Ubuntu 24.04", "Ubuntu "),
                               ("Ubuntu\u00a024.04 old", "Ubuntu\u00a024.04"),
                               ("Ubuntu 24.04\u00a0 old", "Ubuntu 24.04"),
                               (" old", ""), ("old", ""),
                               ("Ubuntu 24.04 old old", "Ubuntu 24.04 old")]:
        out.append((NOW, [image(0, name=old_name, **until, **old),
                          image(1, name=new_name, **fresh)]))
    # Duplicate names: the last image of a name is the one looked up.
    for first, second in [(fresh, old), (old, fresh), (fresh, fresh), (old, old)]:
        out.append((NOW, [image(0, name=rep + " prev", **until, **old),
                          image(1, name=rep, **until, **first),
                          image(2, name=rep, **until, **second)]))
    out.append((NOW, [image(0, name=rep, **until, **old), image(1, name=rep, **until, **fresh)]))
    # A chain: the replacement of a replacement is not looked at.
    out.append((NOW, [image(0, name="Ubuntu 24.04 a b", **until, **old),
                      image(1, name="Ubuntu 24.04 a", **until, **old),
                      image(2, name="Ubuntu 24.04", **fresh)]))
    # Several offenders: an invalid provided_until and a crash in one list.
    out.append((NOW, [image(0, name="A x", provided_until="foo", **old),
                      image(1, name="B x", provided_until=ABSENT, **old)]))
    out.append((NOW, [image(0, name="A x", provided_until=ABSENT, **old),
                      image(1, name="B x", provided_until="foo", **old)]))
    return out


def uniqueness_cases():
    out = []

    def gen(i, **over):
        over.setdefault("name", f"g{i}")
        over.setdefault("os_purpose", "generic")
        return image(i, **over)

    out.append([gen(0), gen(1)])
    out.append([gen(0), gen(1, visibility="community")])
    out.append([gen(0), gen(1, hidden=True)])
    out.append([gen(0), gen(1, visibility="private")])
    out.append([gen(0, architecture=ABSENT), gen(1, architecture="")])
    out.append([gen(0, architecture=ABSENT), gen(1, architecture="x86_64")])
    out.append([gen(0, architecture="aarch64"), gen(1)])
    out.append([gen(0, os_distro="Ubuntu"), gen(1)])
    out.append([gen(0, os_version=ABSENT), gen(1, os_version=ABSENT)])
    out.append([gen(0, os_version=""), gen(1, os_version="")])
    out.append([gen(0, os_distro=""), gen(1, os_distro="")])
    out.append([gen(0, os_purpose="oldgeneric"), gen(1)])
    out.append([gen(0, os_purpose="Generic"), gen(1)])
    out.append([gen(0, os_version="24.04 "), gen(1)])
    out.append([gen(0), gen(1), gen(2)])
    out.append([gen(0), gen(1), gen(2, os_distro="debian"), gen(3, os_distro="debian")])
    out.append([gen(0, name=None), gen(1)])
    out.append([gen(0, name=None), gen(1, name=None)])
    out.append([gen(0, name=None), gen(1, name=None, os_version="22.04")])
    out.append([gen(0, name=""), gen(1, name="")])
    return out


def nameless_cases():
    """Images without a name (null) or with an empty one, as offenders and bystanders."""
    out = []
    for name in [None, ""]:
        out.append([image(0, name=name)])
        out.append([image(0, name=name), image(1, name=name)])
        # Offending in every testcase at once (each pool's first two values: absent, empty).
        for n in (0, 1):
            over = {key: pool[n] for key, pool in POOLS.items()}
            out.append([image(0, name=name, min_disk=n, **over)])
            out.append([image(0, name="Debian 12"), image(1, name=name, min_disk=n, **over)])
        out.append([image(0, name=name, size=None)])
        out.append([image(0, name=name, min_disk=1, size=GIB + 1)])
        out.append([image(0, name=name, created_at=None)])
        out.append([image(0, name=name, image_build_date="2030-01-01")])
        out.append([image(0, name=name, replace_frequency="daily", provided_until="2030-01-01",
                          image_build_date="2020-01-01")])
        out.append([image(0, name=name, replace_frequency="daily", provided_until="foo",
                          image_build_date="2020-01-01")])
        out.append([image(0, name=name, replace_frequency="daily", provided_until="2030-01-01",
                          image_build_date="2020-01-01", hidden=True)])
        out.append([image(0, name=name, replace_frequency="daily", provided_until="2020-01-01",
                          image_build_date="2020-01-01")])
    return out


# ---------------------------------------------------------------------------------------------
# Random cases

NAMES = ["Ubuntu 24.04", "Ubuntu 24.04 old", "Ubuntu 24.04 20241001", "Ubuntu 24.04 prev",
         "Ubuntu 22.04", "Ubuntu", "Debian 12", "Debian 12 2024-10-01", "Debian", "", None,
         "Ubuntu  24.04", "Debian 12 x"]


def random_image(rng, i, now):
    """An image whose values are mostly good, each key replaced from its pool at times."""
    t = int(parse_now(now))
    over = {}
    for key, pool in POOLS.items():
        if rng.random() < 0.12:
            over[key] = rng.choice(pool)
    if rng.random() < 0.5:
        # A recent or an old build, by days before now.
        over["image_build_date"] = stamp(t - rng.choice([1, 5, 30, 35, 90, 105, 400, 3000]) * 86400
                                         - rng.randint(0, 86399))
        over.setdefault("replace_frequency", rng.choice(["monthly", "weekly", "yearly", "daily",
                                                         "quarterly", "never"]))
        over.setdefault("provided_until", rng.choice(["2030-01-01", "none", "2020-01-01",
                                                      "notice", "foo", ABSENT]))
        over["created_at"] = stamp(t - 86400 * rng.choice([0, 1, 400]), "%Y-%m-%dT%H:%M:%SZ")
    elif rng.random() < 0.2:
        over["image_build_date"] = rng.choice(DATES)
    if rng.random() < 0.1:
        over["created_at"] = rng.choice(CREATED)
    if rng.random() < 0.15:
        over["min_disk"] = rng.choice([ABSENT, 0, 1, 8])
        over["size"] = rng.choice([None, 0, GIB + 1, 8 * GIB])
    if rng.random() < 0.3:
        over["os_purpose"] = "generic"
    return image(
        i,
        name=rng.choice(NAMES),
        visibility=rng.choice(["public", "public", "public", "community", "private", "shared"]),
        hidden=rng.random() < 0.15,
        **over,
    )


def random_cases(rng, count):
    out = []
    for _ in range(count):
        now = rng.choice(NOWS)
        out.append((now, [random_image(rng, i, now) for i in range(rng.randint(1, 6))]))
    return out


# ---------------------------------------------------------------------------------------------
# Evaluation


def bench_module():
    """tools/bench/official_image_metadata.py: `StubImage` and `load_reference`."""
    path = os.path.join(HERE, "..", "bench", "official_image_metadata.py")
    spec = importlib.util.spec_from_file_location("bench_official_image_metadata", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(bench, ref, images):
    listed = [bench.StubImage(d) for d in images if d.get("visibility") in ("public", "community")]
    verdicts = {}
    for tc_id, fn_name in TESTCASES:
        try:
            verdicts[tc_id] = "PASS" if getattr(ref, fn_name)(listed) else "FAIL"
        except BaseException:  # noqa: BLE001 - the official harness reports any escape as ABORT
            verdicts[tc_id] = "ABORT"
    return verdicts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", help="folder Tests/iaas/scs_0102_image_metadata")
    parser.add_argument("--seed", type=int, default=102)
    parser.add_argument("--count", type=int, default=60, help="random cases")
    parser.add_argument("--emit-cases", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = [("control", now, images) for now, images in control_cases()]
    cases += [("random", now, images) for now, images in random_cases(rng, args.count)]
    dump = dict(ensure_ascii=False, separators=(",", ":"))
    if args.emit_cases:
        for group, now, images in cases:
            print(json.dumps({"group": group, "now": now, "images": images}, **dump))
        return
    if not args.reference:
        parser.error("--reference is required unless --emit-cases is given")
    logging.disable(logging.CRITICAL)
    bench = bench_module()
    modules = {}
    with open(os.devnull, "w", encoding="utf-8") as devnull:
        real_stderr, sys.stderr = sys.stderr, devnull  # the module prints some errors there
        try:
            for group, now, images in cases:
                if now not in modules:
                    modules[now] = bench.load_reference(args.reference, parse_now(now))
                official = evaluate(bench, modules[now], images)
                print(json.dumps({"group": group, "now": now, "images": images,
                                  "official": official}, **dump))
        finally:
            sys.stderr = real_stderr


if __name__ == "__main__":
    main()
