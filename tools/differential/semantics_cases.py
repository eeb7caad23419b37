#!/usr/bin/env python3
"""Record the official scs-0100 testcase verdicts for single-flavor clouds.

This script runs the official SCS reference parser and testcases (the folder
given by --reference, i.e. `Tests/iaas/scs_0100_flavor_naming` of a checkout
of SovereignCloudStack/standards) to record their verdicts as facts for our
differential tests. The reference itself is not part of this project: it is
loaded at run time (see official_verdicts.py for how), nothing of it is copied.

For each generated case (name, vcpus, ram MiB, disk GiB) a one-flavor list is
handed to the official `compute_scs_flavors`, and its result to the official
`compute_scs_0100_syntax_check` and `compute_scs_0100_semantics_check`.
Output: JSON lines with

  name, vcpus, ram, disk   the case (integers outside -2**63..2**64-1 as
                           decimal strings)
  syntax, semantics        "PASS" (truthy result), "FAIL" (falsy result) or
                           "ABORT" (an exception escaped). If the shared
                           flavor list cannot be computed, both ABORT.
  group                    which family of cases this is (for humans)
  error                    only on ABORT: "<ExceptionType>: <message>"

Most names are valid or tolerated under the official parser; a small "control"
group holds invalid, non-SCS and aborting names to pin down how the two
testcases treat them.

`--emit-cases` prints the cases without evaluating them (no --reference needed).
"""

import argparse
import json
import os
import random
import sys

sys.dont_write_bytecode = True  # keep tools/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from official_verdicts import Reference, StubFlavor, describe_exception, json_int  # noqa: E402

GIB = 1024
RAM_DELTAS = [-53, -52, -51, -50, -1, 0, 1, 50, 51, 52, 53]


def fmt_gib(g):
    """0.5 -> '0.5', 4.0 -> '4'."""
    return str(int(g)) if g == int(g) else str(g)


class Cases:
    def __init__(self):
        self.items = []
        self._seen = set()

    def add(self, group, name, vcpus, ram, disk):
        key = (name, vcpus, ram, disk)
        if key in self._seen:
            return
        self._seen.add(key)
        self.items.append({"group": group, "name": name, "vcpus": vcpus, "ram": ram, "disk": disk})


def build_cases(seed, target):
    rng = random.Random(seed)
    c = Cases()

    # 1. RAM tolerance edges: every half GiB from 0.5 to 64
    for half in range(1, 129):
        g = half / 2
        for d in RAM_DELTAS:
            c.add("ram-edge", f"SCS-2V-{fmt_gib(g)}", 2, int(GIB * g) + d, 0)
    # larger sizes and odd spellings of the same RAM amount
    for g in [96, 128, 192, 256, 384, 512, 768, 1024, 2048, 4096, 10.5, 12.5, 63.5, 100.5]:
        for d in RAM_DELTAS:
            c.add("ram-edge-large", f"SCS-4C-{fmt_gib(g)}", 4, int(GIB * g) + d, 0)
    for spelled, g in [(".5", 0.5), ("00.5", 0.5), ("0.50", 0.5), ("4.", 4), ("4.0", 4), ("04", 4),
                       ("0.500000000000000001", 0.5), ("1.5", 1.5), ("3.5", 3.5)]:
        for d in [-52, -51, 0, 51, 52]:
            c.add("ram-spelling", f"SCS-1L-{spelled}", 1, int(GIB * g) + d, 0)
            c.add("ram-spelling-v1", f"SCS-1L:{spelled}", 1, int(GIB * g) + d, 0)
    for ram in [0, 1, -1, 2**31, 2**63 - 1]:
        c.add("ram-extreme", "SCS-2C-4", 2, ram, 0)

    # 2. vCPU count around the claim
    for cnt in [1, 2, 3, 4, 8, 16, 32, 64, 128, 255, 256]:
        for letter in "LVTC":
            for vcpus in sorted({0, cnt - 1, cnt, cnt + 1, 2 * cnt}):
                c.add("vcpus", f"SCS-{cnt}{letter}-4", vcpus, 4096, 0)
    for spelled, cnt in [("02", 2), ("007", 7), ("4294967295", 4294967295), ("4294967296", 4294967296),
                         ("99999999999999999999", 99999999999999999999)]:
        for vcpus in [cnt - 1, cnt, cnt + 1, 2**63 - 1]:
            c.add("vcpus-odd", f"SCS-{spelled}C-4", vcpus, 4096, 0)
    for vcpus in [-1, 0]:
        c.add("vcpus-extreme", "SCS-1V-1", vcpus, 1024, 0)

    # 3. disk size around the claim, several disk spellings
    for size in [1, 5, 10, 20, 50, 100, 200, 500, 1000]:
        for shape in ["{s}", "{s}n", "{s}s", "3x{s}", "1x{s}", "x{s}", "0{s}", "2x{s}p"]:
            disk_part = "-" + shape.format(s=size)
            for disk in sorted({0, size - 1, size, size + 1, 10 * size}):
                c.add("disk", f"SCS-2C-4{disk_part}", 2, 4096, disk)
        for disk in [size - 1, size, size + 1]:
            c.add("disk-v1", f"SCS-2C:4:{size}n", 2, 4096, disk)
    c.add("disk-odd", "SCS-2C-4-4294967296", 2, 4096, 4294967295)
    c.add("disk-odd", "SCS-2C-4-4294967296", 2, 4096, 4294967296)
    c.add("disk-odd", "SCS-2C-4-99999999999999999999n", 2, 4096, 2**63 - 1)
    # no disk part: any disk is fine
    for disk in [0, 1, 20, 1000]:
        c.add("no-disk", "SCS-2C-4", 2, 4096, disk)
        c.add("no-disk", "SCS-2C-4_kvm_hwv_z3h_GNa-64-24_ib", 2, 4096, disk)
        c.add("no-disk-v1", "SCS-2C:4-kvm-hwv-z3h-GNa:64:24-ib", 2, 4096, disk)

    # 4. disk part without a size (the reference compares against None)
    sizeless = ["-", "-n", "-h", "-s", "-p", "-3x", "-3xn", "-x", "-xs", "-1x", "-2x"]
    for part in sizeless:
        for disk in [0, 10, 100]:
            c.add("disk-sizeless", f"SCS-2C-4{part}", 2, 4096, disk)
            c.add("disk-sizeless", f"SCS-2C-4{part}_bms_hwv_z3_ib", 2, 4096, disk)
            c.add("disk-sizeless-v1", "SCS-2C:4:" + part[1:], 2, 4096, disk)
        # an overpromise elsewhere does not change the outcome
        c.add("disk-sizeless", f"SCS-2C-4{part}", 1, 1024, 0)

    # 5. spec examples (13.1 semantics table and friends)
    for name, vcpus, ram, disk in [
        ("SCS-2C-4", 2, 4096, 0), ("SCS-2C-4", 1, 4096, 0), ("SCS-2C-4", 4, 4096, 0),
        ("SCS-2C-4", 2, 4045, 0), ("SCS-2C-4", 2, 4044, 0), ("SCS-2C-4", 2, 4148, 0),
        ("SCS-1V-0.5", 1, 461, 0), ("SCS-1V-0.5", 1, 460, 0), ("SCS-2C-10.5", 2, 10752, 0),
        ("SCS-2C-4-10", 2, 4096, 9), ("SCS-2C-4-10", 2, 4096, 20), ("SCS-2C-4-3x10", 2, 4096, 10),
        ("SCS-2C-4-", 2, 4096, 20), ("SCS-2C-4-n", 2, 4096, 20), ("SCS-2C-4", 2, 4096, 20),
        ("SCS-16T-64-200s_GNa-72-24_ib", 16, 65536, 200), ("SCS-8Ti-32-50p_i1", 8, 32768, 50),
        ("SCS-1L-1u-5", 1, 1024, 5), ("SCS-4C-16-2x200p_a1", 4, 16384, 200),
        ("SCS-16V-64-500s_GNa-14-6h", 16, 65536, 500), ("SCS-2C:4:10n", 2, 4096, 10),
        ("SCS-2C:4:10n", 2, 4096, 9), ("SCS-1V:0.5", 1, 512, 0), ("SCS-2C:4:", 2, 4096, 10),
        ("SCS-2C-4_GNah-64", 2, 4096, 0), ("SCS-2C-4_GN-64", 2, 4096, 0),
        ("SCS-2C-" + "9" * 307, 2, 4096, 0), ("SCS-2C-" + "9" * 307, 2, 2**63 - 1, 0),
    ]:
        c.add("spec", name, vcpus, ram, disk)

    # 6. controls: invalid, non-SCS and aborting names
    for name in ["SCS-2C-4_GNa_ib", "SCS-2C-4-0", "SCS-2C-1.25", "SCS-2C-4ou", "SCS-2C-4_", "SCS-2C:4:1.5n",
                 "scs-2C-4", " SCS-2C-4", "", "SCS-", "SCS-2C-" + "9" * 308, "SCS-2C-" + "9" * 400,
                 "SCS-2C:" + "9" * 308, "SCS-" + "1" * 4301 + "C-4"]:
        for vcpus, ram, disk in [(2, 4096, 0), (1, 1024, 0), (0, 0, 0)]:
            c.add("control", name, vcpus, ram, disk)

    # 7. random valid names with values around the claim, up to the target
    letters = "LVTC"
    rams = [0.5, 1, 1.5, 2, 3.5, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 10.5, 7.5]
    disks = ["", "-5", "-10", "-20n", "-50s", "-100p", "-200", "-3x10s", "-2x100", "-", "-n", "-3x"]
    exts = ["", "_kvm", "_bms_hwv", "_z3h", "_i2", "_a1", "_GNa-64-24h", "_gNl-58-24", "_ib", "_chy_z4_GA3-304-192h_ib"]
    while len(c.items) < target:
        cnt = rng.choice([1, 2, 4, 8, 16, 32, 64])
        g = rng.choice(rams)
        disk_part = rng.choice(disks)
        name = f"SCS-{cnt}{rng.choice(letters)}{rng.choice(['', 'i'])}-{fmt_gib(g)}{rng.choice(['', 'u', 'o', 'uo'])}" \
               f"{disk_part}{rng.choice(exts)}"
        v1 = rng.random() < 0.2
        if v1:
            name = "SCS-" + name[4:].replace("-", ":").replace("_", "-")
        digits = "".join(ch for ch in disk_part.split("x")[-1] if ch.isdigit())
        size = int(digits) if digits else 0
        c.add("random-v1" if v1 else "random", name,
              cnt + rng.choice([-1, 0, 0, 0, 1, 3]),
              int(GIB * g) + rng.choice(RAM_DELTAS + [0, 0, 0, 512]),
              max(size + rng.choice([-1, 0, 0, 0, 1, 10]), 0))
    return c.items


def run_case(ref, case):
    out = dict(case)
    flavor = StubFlavor(case["name"], case["vcpus"], case["ram"], case["disk"])
    pairs, exc, _records = ref.scs_flavors(flavor)
    if exc is not None:
        out["syntax"] = out["semantics"] = "ABORT"
        out["error"] = describe_exception(exc)
        return out
    errors = []
    for key, func in (("syntax", ref.check.compute_scs_0100_syntax_check),
                      ("semantics", ref.check.compute_scs_0100_semantics_check)):
        try:
            out[key] = "PASS" if func(pairs) else "FAIL"
        except Exception as e:  # noqa: BLE001 - any escape is an ABORT
            out[key] = "ABORT"
            errors.append(f"{key}: {describe_exception(e)}")
    if errors:
        out["error"] = "; ".join(errors)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="official scs-0100 testcase verdicts for one-flavor clouds")
    ap.add_argument("--reference", help="folder containing the official flavor_names.py and flavor_names_check.py")
    ap.add_argument("--seed", type=int, default=103)
    ap.add_argument("--count", type=int, default=3000,
                    help="number of cases; random cases fill up to it after the ~2450 fixed ones")
    ap.add_argument("--emit-cases", action="store_true", help="only print the cases")
    args = ap.parse_args(argv)
    cases = build_cases(args.seed, args.count)
    if not args.emit_cases and not args.reference:
        ap.error("--reference is required unless --emit-cases is given")
    ref = None if args.emit_cases else Reference(args.reference)
    order = ["name", "vcpus", "ram", "disk", "syntax", "semantics", "group", "error"]
    for case in cases:
        rec = case if ref is None else run_case(ref, case)
        rec = {k: rec[k] for k in order if k in rec}
        for key in ("vcpus", "ram", "disk"):
            rec[key] = json_int(rec[key])
        sys.stdout.write(json.dumps(rec, ensure_ascii=True, separators=(",", ":")))
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
