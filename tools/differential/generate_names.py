#!/usr/bin/env python3
"""Generate flavor names for the scs-0100 differential corpus.

The names produced here are fed to official_verdicts.py, which runs the
official SCS reference parser (path given by its --reference option) to record
its verdicts as facts for our differential tests. The reference itself is not
part of this project; this generator does not use it at all.

Output: JSON lines `{"name": ...}` on stdout, deterministic for a given --seed
and --count. Names are de-duplicated; order is generation order.

Groups (in output order):
  spec        names from tables 13.1 and 1.8 of shared/spec/iaas.md, plus the
              GPU name pieces of table 1.4.4
  edge        hand-picked edge cases (prefixes, whitespace, non-ASCII, numbers,
              disk shapes, GPU corner cases, huge numbers, 4300-digit strings)
  sweep       systematic sweeps of single components on fixed base names
  combo       random combinations from the v3 grammar (mostly valid pieces)
  mixed       random combinations with bad pieces and order/duplication faults
  mutation    one-character insert/delete/replace mutations of valid names
Many names also appear in v1 spelling (main separator ':' instead of '-',
extension separator '-' instead of '_', prefix stays 'SCS-').
"""

import argparse
import json
import random
import sys

PREFIX = "SCS-"

# ----------------------------------------------------------------------------
# component vocabularies (v3 spelling)

CPU_COUNTS_GOOD = ["1", "2", "4", "8", "16", "32", "64", "128", "3", "6", "12", "24", "48", "96", "256"]
CPU_COUNTS_ODD = [
    "01", "02", "007", "0016", "10", "255", "1000", "65535", "65536",
    "2147483647", "2147483648", "4294967295", "4294967296",
    "9223372036854775807", "9223372036854775808",
    "18446744073709551615", "18446744073709551616", "99999999999999999999",
]
CPU_COUNTS_BAD = ["0", "00", "", "-1", "1.5", "x", " 2", "2 "]
CPU_LETTERS_GOOD = ["L", "V", "T", "C"]
CPU_LETTERS_BAD = ["l", "v", "t", "c", "D", "X", "", "LV", "CC"]
INSEC_GOOD = ["", "i"]
INSEC_BAD = ["I", "ii", "u"]

RAM_GOOD = ["0.5", "1", "1.5", "2", "3.5", "4", "8", "16", "32", "64", "128", "256", "2.5", "7.5", "9.5", "12", "1024"]
RAM_ODD = [
    "4.0", "4.", ".5", "00.5", "10.5", "0.50", "0.500000000000000001", "04", "1.0", "512.5",
    "4294967295.5", "4294967296", "18446744073709551616", "9" * 30, "9" * 307, "1" + "0" * 307,
]
RAM_BAD = [
    "1.25", "0", "0.0", "00", "4.000000000000001", "1.2.3", ".", "", "..", "0.4", "1.1",
    "-1", "1e3", "inf", "nan", "4,5", "9" * 308, "9" * 309, "9" * 400, "1" + "0" * 308,
]
RAM_SFX_GOOD = ["", "u", "o", "uo"]
RAM_SFX_BAD = ["ou", "uu", "oo", "U", "O", "uou"]

DISK_GOOD = [
    "", "-", "-n", "-h", "-s", "-p", "-5", "-10", "-10n", "-10h", "-10s", "-10p", "-20", "-20s",
    "-50", "-50n", "-100", "-100p", "-200s", "-500s", "-1000", "-3x10s", "-2x200p", "-3x10", "-1x10",
    "-x10", "-3x", "-3xn", "-x", "-010", "-2x", "-xs",
]
DISK_BAD = [
    "-0", "-0x10", "-00", "-0n", "-1.5n", "-3x-", "-10N", "-10q", "-10ss", "-3x10x", "--", "-3x10sn",
    "-10 ", "- 10", "-10s-", "-x-", "-3xx10", "-3x0", "-s10", "-n10",
]
DISK_ODD = ["-4294967296", "-18446744073709551616", "-4294967296x1", "-99999999999999999999n", "-007x010p"]

HYPS_GOOD = ["kvm", "xen", "vmw", "hyv", "bms", "chy"]
HYPS_BAD = ["KVM", "kv", "qemu", "lxc", "", "kvmx", "hyp", "vmware", "bm"]
HWV_BAD = ["hw", "HWV", "hwvv", "hvw"]

ARCH_VENDORS = ["i", "z", "a", "r"]
ARCH_GENS = ["", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "00", "01"]
ARCH_PERF = ["", "h", "hh", "hhh", "hhhh"]
ARCH_GOOD_GENS = {"i": "0123456", "z": "0123456", "a": "012345", "r": "0"}
ARCH_VENDORS_BAD = ["x", "I", "Z", "A", "R", "zz", "arm"]

GPU_TYPES = ["G", "g"]
GPU_GENS = {
    "N": ["", "f", "k", "m", "p", "v", "t", "a", "l", "g", "b", "u"],
    "A": ["", "0.4", "0.5", "1", "1.1", "2", "2.1", "3", "3.1", "3.5", "4", "4.1", "5.1"],
    "I": ["", "0.9", "0.95", "1", "2", "3", "4"],
}
GPU_GENS_BAD = ["x", "5", "0.3", "3.10", "0.95", "h", "A", "aa", "6", "0.1", "1.0", "ä"]
GPU_CU = ["", "-1", "-8", "-64", "-72", "-108", "-064", "-0", "-4294967296"]
GPU_CU_PERF = ["", "h", "hh", "hhh"]
GPU_VRAM = ["", "-6", "-24", "-80", "-192", "-080", "-0"]
GPU_VRAM_PERF = ["", "h", "hh", "hhh"]

EXT_ORDER = ["hyp", "hwv", "arch", "gpu", "ib"]

MUTATION_ALPHABET = "".join(dict.fromkeys("0123456789.-_:xhLVTCiuonhspGgNAIkvmxenwybszar"))

# GPU pieces of the w1 table (spec 1.4.4)
GPU_PIECES = [
    "GNa-72-24", "GNa-84-48", "GNa-56-24", "GNa-28-12", "GNa-14-6", "GNa-56h-24h", "GNa-108h-80h",
    "GNa-54h-40h", "GNa-27h-20h", "GNa-15h-10h", "GNa-108-80h", "GNl-58-24", "GNl-142-48",
    "GNl-142h-48", "GNl-142hh-48", "GNl-22-16", "GNl-48-20", "GNl-60-24", "GNl-100-32", "GNl-110-48",
    "GNg-132-80h", "GNg-66-40h", "GNg-33-20h", "GNg-18-10h", "GNg-132-141h", "GNg-66-70h",
    "GNb-160-192h", "GNb-80-96h", "GNb-44-45h", "GNb-22-23h", "GNu-160-288h", "GNu-80-144h",
    "GNb-34-16", "GNb-70-24", "GNb-82-32", "GNb-110-72", "GNb-55-36", "GNb-188-96", "GNb-94-48",
    "GNb-47-24", "GA2-104-64h", "GA2-208-128h", "GA2-220-128h", "GA3-304-192h", "GA3-304-288h",
    "GA4-256-288h", "GA4-256h-288h", "GA3.1-96-48", "GA4.1-64-32", "GI3-56-48h", "GI3-128-128h",
    "GI4-128-16", "GI4-160-24", "GI4-160-32", "GI4-256-32", "GNl-80-16", "GNl-128-24", "GNb-84-24",
    "GNb-170-32", "GA3.1-96-24",
]

# Names quoted in spec tables 13.1 and 1.8 (typed in by hand from the spec digest).
SPEC_NAMES = [
    # 13.1 valid
    "SCS-2C-4-10n", "SCS-8Ti-32-50p_i1", "SCS-1L-1u-5", "SCS-16T-64-200s_GNa-72-24_ib",
    "SCS-4C-16-2x200p_a1", "SCS-1V-0.5", "SCS-16V-64-500s_GNa-14-6h", "SCS-2T-4-10n", "SCS-2V-4-10n",
    "SCS-2L-4-10n", "SCS-2Li-4-10n", "SCS-2C-3.5-10n", "SCS-2C-4u-10n", "SCS-2C-4o-10n",
    "SCS-2C-4uo-10n", "SCS-2C-4-10s", "SCS-2C-4-10s_bms_z3", "SCS-2C-4-3x10s", "SCS-2C-4-3x10s_bms_z3",
    "SCS-2C-4-10", "SCS-2C-4-10_bms_z3", "SCS-2C-4-n", "SCS-2C-4-", "SCS-2C-4-_bms_z3",
    "SCS-2C-4-_bms_z3h_GNa-64_ib", "SCS-2C-4-_ib", "SCS-2C-4", "SCS-2C-4_bms_z3", "SCS-2C-4-3x10",
    "SCS-2C-4-10n_bms", "SCS-2C-4-10n_bms_z3h", "SCS-2C-4-10_kvm_hwv", "SCS-2C-4-10_hwv",
    "SCS-2C-4-10_bms_hwv", "SCS-2C-4-10n_z", "SCS-2C-4-10n_z3", "SCS-2C-4-10n_z3h", "SCS-2C-4-10n_z3hh",
    "SCS-2C-4-10n_bms_z", "SCS-2C-4-10n_bms_z3", "SCS-2C-4-10n_bms_z3h", "SCS-2C-4-10n_bms_z3hh",
    "SCS-1C-1.5-8s", "SCS-1T-1-5n", "SCS-1V-1-5", "SCS-2V-4-20s", "SCS-2V-4-20p", "SCS-8T-16-50",
    "SCS-8T-16-50n", "SCS-8T-16-50n_i2", "SCS-8T-16-50n_z2", "SCS-4V-16-50", "SCS-8V-32-100",
    # 13.1 invalid
    "SCS-2-4-10n", "SCS-2iT-4-10n", "SCS-2C-4ou-10n", "SCS-2C-4-1.5n", "SCS-2C-4-10_hwv_xen",
    "SCS-2C-4-n_bms_3",
    # 13.1 v1 <-> v2 pairs
    "SCS-2C:4:10n", "SCS-8Ti:32:50p-i1", "SCS-1L:1u:5", "SCS-16T:64:200s-GNa:64-ib",
    "SCS-16T-64-200s_GNa-64_ib", "SCS-4C:16:2x200p-a1", "SCS-1V:0.5", "SCS-2C:4:",
    "SCS-2C:4:-bms-z3h-GNa:64-ib", "SCS-2C:4-bms-z3",
    # 13.1 canonicalisation
    "SCS-02C-4", "SCS-2C-4_z0", "SCS-2C-4-1x10", "SCS-2C-4.0", "SCS-2C-00.5", "SCS-2C-4_GNa-064",
    "SCS-2C-10.5",
    # 1.4.5 / 1.7.4 examples
    "SCS-2C-4-10n_bms_hwv_z3h_GNa-64-24h_ib", "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
    "SCS-16T:64:3x10s-bms-hwv-i3h-GNa:64-ib", "SCS-16T:64:3x10s-GNa:64-ib", "SCS-16T-64-3x10s_GNa-64_ib",
    # 1.8 quirks
    "SCS-2C-4_GNa_ib", "SCS-2C-4_GN_ib", "SCS-2C-4-_GNa_ib", "SCS-2C-4_GNah", "SCS-2C-4_GNah-64",
    "SCS-2C-4_GN-64", "SCS-2C-4_GNa-64hhh", "SCS-2C-4_GNa-64-24hh", "SCS-2C-4_GA5", "SCS-2C-4_GA0.3",
    "SCS-2C-4_GI0.95", "SCS-2C-4_GI5", "SCS-2C-4_GNx", "SCS-2C-4_GNa--24", "SCS-2C-4_r1",
    "SCS-2C-4_a6", "SCS-2C-4_z7", "SCS-2C-4_z0", "SCS-2C-4_z00", "SCS-2C-4_ih", "SCS-2C-4_z3hhhh",
    "SCS-2C-4-x10", "SCS-2C-4-3x", "SCS-2C-4-3xn", "SCS-2C-4-3xs", "SCS-2C-4-3x-", "SCS-2C-4-0",
    "SCS-2C-4-0x10", "SCS-2C-4-", "SCS-2C-4-n", "SCS-2C-.5", "SCS-2C-00.5", "SCS-2C-4.",
    "SCS-2C-4.0", "SCS-2C-1.25", "SCS-2C-0", "SCS-2C-", "SCS-2C-10.5", "SCS-02C-4", "SCS-2C-4-010",
    "SCS-2C-4_GNa-064", "SCS-99999999999999999999C-4", "SCS-2C-" + "9" * 308, "SCS-2C-4-3x10",
    "SCS-2C:4:10n", "SCS-2C-4_chy", "SCS-2C-4-n_bms_3", "scs-2c-4", "Scs-2C-4", " SCS-2C-4",
    "SCS-2c-4", "SCS-2C-4_KVM", "SCS-2C-4-10N", "SCS-2C-4 ", "SCS-2C-4\n", "SCS-2C-4\t", "SCS-2C-4_",
    "SCS-4C-16-2x200p_a", "SCS-2C-4-10n_GNa-64-24_ib",
    # 1.5 / 12 odds and ends
    "SCS-1D:1.5:8s", "SCS-1Vl:1:5", "SCS-1D-1.5-8s", "SCS-2C-4_i2", "SCS-2C-4_a2",
    "SCS-8C:16:50", "SCS-8T:16:50", "SCS-2C-4-3x-", "SCS-2C-4-3xs",
]


def to_v1(name):
    """v3/v2 spelling -> v1 spelling (prefix stays 'SCS-')."""
    if name.startswith(PREFIX):
        return PREFIX + name[len(PREFIX):].replace("-", ":").replace("_", "-")
    return name.replace("-", ":").replace("_", "-")


class Corpus:
    def __init__(self):
        self._seen = {}

    def add(self, name, group):
        if not isinstance(name, str):
            raise TypeError(name)
        if name not in self._seen:
            self._seen[name] = group

    def add_both(self, name, group):
        self.add(name, group)
        self.add(to_v1(name), group + "-v1")

    def __len__(self):
        return len(self._seen)

    def items(self):
        return self._seen.items()


def compose(cpu="2", letter="C", insec="", ram="4", ramsfx="", disk="", hyp=None, hwv=False,
            arch=None, gpu=None, ib=False):
    parts = [PREFIX, cpu, letter, insec, "-", ram, ramsfx, disk]
    if hyp is not None:
        parts.append("_" + hyp)
    if hwv:
        parts.append("_hwv")
    if arch is not None:
        parts.append("_" + arch)
    if gpu is not None:
        parts.append("_" + gpu)
    if ib:
        parts.append("_ib")
    return "".join(parts)


def gpu_piece(gtype, brand, gen, cu="", cuh="", vram="", vramh=""):
    return f"{gtype}{brand}{gen}{cu}{cuh}{vram}{vramh}"


def good_arch(rng):
    vendor = rng.choice(ARCH_VENDORS)
    gen = rng.choice([""] + list(ARCH_GOOD_GENS[vendor]))
    return vendor + gen + rng.choice(["", "h", "hh", "hhh"])


def good_gpu(rng):
    brand = rng.choice(list(GPU_GENS))
    gen = rng.choice(GPU_GENS[brand])
    cu = vram = cuh = vramh = ""
    if rng.random() < 0.75:
        cu = "-" + str(rng.choice([1, 2, 8, 14, 28, 56, 64, 72, 108, 132, 304]))
        cuh = rng.choice(["", "", "h", "hh"])
        if rng.random() < 0.6:
            vram = "-" + str(rng.choice([6, 10, 16, 24, 48, 80, 96, 192, 288]))
            vramh = rng.choice(["", "", "h", "hh"])
    return gpu_piece(rng.choice(GPU_TYPES), brand, gen, cu, cuh, vram, vramh)


def good_name(rng):
    """A name built only from pieces the v3 grammar (as the reference reads it) accepts."""
    return compose(
        cpu=rng.choice(CPU_COUNTS_GOOD + CPU_COUNTS_GOOD + CPU_COUNTS_ODD[:3]),
        letter=rng.choice(CPU_LETTERS_GOOD),
        insec=rng.choice(INSEC_GOOD),
        ram=rng.choice(RAM_GOOD + RAM_GOOD + RAM_ODD[:5]),
        ramsfx=rng.choice(RAM_SFX_GOOD),
        disk=rng.choice(DISK_GOOD),
        hyp=rng.choice(HYPS_GOOD) if rng.random() < 0.3 else None,
        hwv=rng.random() < 0.2,
        arch=good_arch(rng) if rng.random() < 0.35 else None,
        gpu=good_gpu(rng) if rng.random() < 0.3 else None,
        ib=rng.random() < 0.2,
    )


def pick(rng, good, bad, p_bad):
    return rng.choice(bad) if rng.random() < p_bad else rng.choice(good)


def mixed_name(rng):
    """A name where each piece may be bad, and extensions may be shuffled/doubled."""
    p = 0.12
    head = "".join([
        PREFIX,
        pick(rng, CPU_COUNTS_GOOD + CPU_COUNTS_ODD, CPU_COUNTS_BAD, p),
        pick(rng, CPU_LETTERS_GOOD, CPU_LETTERS_BAD, p),
        pick(rng, INSEC_GOOD, INSEC_BAD, p),
        "-",
        pick(rng, RAM_GOOD + RAM_ODD, RAM_BAD, p),
        pick(rng, RAM_SFX_GOOD, RAM_SFX_BAD, p),
        pick(rng, DISK_GOOD + DISK_ODD, DISK_BAD, p),
    ])
    exts = []
    if rng.random() < 0.4:
        exts.append(("hyp", "_" + pick(rng, HYPS_GOOD, HYPS_BAD, p)))
    if rng.random() < 0.3:
        exts.append(("hwv", "_" + pick(rng, ["hwv"], HWV_BAD, p)))
    if rng.random() < 0.4:
        vendor = pick(rng, ARCH_VENDORS, ARCH_VENDORS_BAD, p)
        exts.append(("arch", "_" + vendor + rng.choice(ARCH_GENS) + rng.choice(ARCH_PERF)))
    if rng.random() < 0.4:
        brand = pick(rng, list(GPU_GENS), ["X", "n", "a", ""], p)
        gen = rng.choice(GPU_GENS.get(brand, [""]) + GPU_GENS_BAD) if rng.random() < 0.3 else \
            rng.choice(GPU_GENS.get(brand, [""]))
        exts.append(("gpu", "_" + gpu_piece(
            pick(rng, GPU_TYPES, ["x", "GG", ""], p), brand, gen,
            rng.choice(GPU_CU), rng.choice(GPU_CU_PERF), rng.choice(GPU_VRAM), rng.choice(GPU_VRAM_PERF))))
    if rng.random() < 0.3:
        exts.append(("ib", "_" + pick(rng, ["ib"], ["IB", "Ib", "ibb", "i"], p)))
    r = rng.random()
    if exts and r < 0.15:
        rng.shuffle(exts)  # wrong order (sometimes accidentally right)
    elif exts and r < 0.3:
        dup = rng.choice(exts)
        exts.insert(rng.randrange(len(exts) + 1), dup)  # doubled extension
    tail = "".join(piece for _k, piece in exts)
    name = head + tail
    if rng.random() < 0.03:
        name += rng.choice(["_", "-", ":", " ", "\t", "\n", "\x00", "\r", "_x", "ä"])
    return name


def mutate(rng, name):
    kind = rng.randrange(3)
    if kind == 0 or len(name) <= len(PREFIX):
        pos = rng.randrange(len(PREFIX), len(name) + 1) if rng.random() < 0.95 else rng.randrange(len(name) + 1)
        return name[:pos] + rng.choice(MUTATION_ALPHABET) + name[pos:]
    pos = rng.randrange(len(PREFIX), len(name)) if rng.random() < 0.95 else rng.randrange(len(name))
    if kind == 1:
        return name[:pos] + name[pos + 1:]
    return name[:pos] + rng.choice(MUTATION_ALPHABET) + name[pos + 1:]


# ----------------------------------------------------------------------------
# groups

def add_spec(c):
    for name in SPEC_NAMES:
        c.add(name, "spec")
    for piece in GPU_PIECES:
        for base in ("SCS-2C-4_", "SCS-16T-64-200s_", "SCS-16T-64-200s_bms_hwv_z4h_"):
            c.add_both(base + piece, "spec-gpu")
            c.add_both(base + piece + "_ib", "spec-gpu")


def add_edges(c):
    # prefixes and not-SCS names
    for name in ["", "S", "SC", "SCS", "SCS-", "SCS_", "SCS:", "SCS--", "scs-", "Scs-", "sCS-", " SCS-",
                 "SCS -2C-4", "SCS-SCS-2C-4", "SCS_2C_4", "SCS:2C:4", "scs-2C-4", "SCS-2C-4", "\tSCS-2C-4",
                 "\nSCS-2C-4", "\x00SCS-2C-4", "ＳＣＳ-2C-4", "SCS‐2C-4", "SCS\u20102C-4", "SCS-\n", "SCS-\x00",
                 "XSCS-2C-4", "SCS-C-4", "SCS-2-4", "SCS--4", "SCS-2C", "SCS-2C-", "SCS-2C:", "SCS-2C-4-4",
                 "SCS-2CC-4", "SCS-2C-4-10-10"]:
        c.add(name, "edge-prefix")
    # whitespace, control chars, non-ASCII
    bases = ["SCS-2C-4", "SCS-2C-4-10n", "SCS-2C-4-10n_bms_hwv_z3h_GNa-64-24h_ib", "SCS-2C-4_GNa", "SCS-2C-4-"]
    for base in bases:
        for sfx in ["_", "-", ":", " ", "\t", "\n", "\r\n", "\r", "\x00", "\x0b", "\x0c", "\u00a0", "\u200b",
                    "\u2028", "ä", "_ä", "é", "\U0001F600", "\x7f"]:
            c.add_both(base + sfx, "edge-trailing")
        c.add_both(" " + base, "edge-leading")
        c.add_both(base.replace("-", " -", 1), "edge-space")
        c.add_both(base[:6] + " " + base[6:], "edge-space")
        c.add_both(base[:6] + "\x00" + base[6:], "edge-nul")
    for name in ["SCS-2C-4_GNä", "SCS-２C-4", "SCS-2C-４", "SCS-2C-4-１0", "SCS-2C-4-10ｎ", "SCS-٢C-4",
                 "SCS-2С-4", "SCS-2C-4_ＧNa", "SCS-2C-4_GNa-６4", "SCS-2C-4_GA3٫1", "SCS-2C-4_GA3·1",
                 "SCS-2C-4_GA3,1", "SCS-2C-4_i３", "SCS-2C-４.5", "SCS-2C-4_ıb", "SCS-2C-4_İb",
                 "SCS-2C-4_GN\u0430", "SCS-2C-4_kvm\u0301", "SCS-2C-4\ufeff", "\ufeffSCS-2C-4"]:
        c.add_both(name, "edge-unicode")
    # CPU counts
    for cnt in CPU_COUNTS_GOOD + CPU_COUNTS_ODD + CPU_COUNTS_BAD + ["0000000001", "000"]:
        for letter in CPU_LETTERS_GOOD + ["c"]:
            for insec in ["", "i", "ii"]:
                c.add_both(compose(cpu=cnt, letter=letter, insec=insec), "edge-cpu")
    for name in ["SCS-2iC-4", "SCS-2Ci-4", "SCS-C2-4", "SCS-2LV-4", "SCS-2 C-4", "SCS-+2C-4", "SCS-2_C-4",
                 "SCS-2C_4", "SCS-2C--4", "SCS-1_000C-4", "SCS-0x10C-4", "SCS-2C-1_0"]:
        c.add_both(name, "edge-cpu")
    # RAM
    for ram in RAM_GOOD + RAM_ODD + RAM_BAD + ["0.25", "0.75", "1.50", "01.5", "10", "10.0", "100.5",
                                               "3.", "3.5.", "4..", ".0", "0.", "00", "0.05", "5e-1"]:
        for sfx in RAM_SFX_GOOD + RAM_SFX_BAD:
            c.add_both(compose(ram=ram, ramsfx=sfx), "edge-ram")
        c.add_both(compose(ram=ram, disk="-10n", hyp="kvm"), "edge-ram")
    # disks
    for disk in DISK_GOOD + DISK_BAD + DISK_ODD:
        for tail in [dict(), dict(hyp="bms"), dict(arch="z3"), dict(gpu="GNa-64"), dict(ib=True),
                     dict(hyp="kvm", hwv=True, arch="i3h", gpu="GNa-64-24h", ib=True)]:
            c.add_both(compose(disk=disk, **tail), "edge-disk")
    for shape in ["{m}x{s}", "{m}x{s}n", "{s}", "{s}p", "x{s}", "{m}x"]:
        for m in ["1", "2", "3", "10", "01", "0", "64"]:
            for s in ["1", "10", "010", "0", "100"]:
                c.add_both(compose(disk="-" + shape.format(m=m, s=s)), "edge-disk")
    # hypervisors, hwv
    for hyp in HYPS_GOOD + HYPS_BAD:
        c.add_both(compose(hyp=hyp), "edge-hyp")
        c.add_both(compose(disk="-10", hyp=hyp, hwv=True), "edge-hyp")
    for name in ["SCS-2C-4_hwv", "SCS-2C-4_kvm_hwv", "SCS-2C-4_hwv_kvm", "SCS-2C-4_hwv_hwv",
                 "SCS-2C-4_kvm_kvm", "SCS-2C-4_kvm_xen", "SCS-2C-4_hw", "SCS-2C-4_hwvz3", "SCS-2C-4_kvmhwv",
                 "SCS-2C-4_ib_ib", "SCS-2C-4_ib_hwv", "SCS-2C-4_z3_z3", "SCS-2C-4_GNa_GNa", "SCS-2C-4_z3_kvm",
                 "SCS-2C-4_GNa-64_z3", "SCS-2C-4_ib_GNa", "SCS-2C-4_GNa-64_ib_ib", "SCS-2C-4-10-10",
                 "SCS-2C-4__ib", "SCS-2C-4_ib_", "SCS-2C-4_z3_", "SCS-2C-4_z3__ib", "SCS-2C-4_z3ib",
                 "SCS-2C-4_i_ib", "SCS-2C-4_i", "SCS-2C-4_ib", "SCS-2C-4_ibh", "SCS-2C-4_i3_ib",
                 "SCS-2C-4_z3h_ib", "SCS-2C-4_z3-ib", "SCS-2C-4_GNa-64_kvm"]:
        c.add_both(name, "edge-ext")
    # CPU architecture: all vendor x gen x perf
    for vendor in ARCH_VENDORS + ARCH_VENDORS_BAD:
        for gen in ARCH_GENS:
            for perf in ARCH_PERF:
                arch = vendor + gen + perf
                c.add_both(compose(arch=arch), "edge-arch")
                c.add_both(compose(disk="-", hyp="bms", arch=arch, ib=True), "edge-arch")
                c.add(compose(disk="-10n", arch=arch, gpu="GNa-64"), "edge-arch")
    # GPU corner cases
    for name in ["SCS-2C-4_GNah-64", "SCS-2C-4_GNah-64h", "SCS-2C-4_GNah-64hh", "SCS-2C-4_GNahh-64",
                 "SCS-2C-4_GNah-64-24", "SCS-2C-4_GNa--24", "SCS-2C-4_GN--24", "SCS-2C-4_GNa-64--24",
                 "SCS-2C-4_GNa_ib", "SCS-2C-4_GN_ib", "SCS-2C-4_GA3.1_ib", "SCS-2C-4_GA_ib", "SCS-2C-4_GI0.9_ib",
                 "SCS-2C-4_gNa_ib", "SCS-2C-4_GNah_ib", "SCS-2C-4_GNa-64_ib", "SCS-2C-4_GNa-64h_ib",
                 "SCS-2C-4_GNa-64-24_ib", "SCS-2C-4_GNa-64-24h_ib", "SCS-2C-4_GNa-64-24hh_ib",
                 "SCS-2C-4_GNa-64-24hhh_ib", "SCS-2C-4_GN", "SCS-2C-4_G", "SCS-2C-4_g", "SCS-2C-4_GX",
                 "SCS-2C-4_GN-64", "SCS-2C-4_GN-64-24", "SCS-2C-4_GNa-", "SCS-2C-4_GNa-64-", "SCS-2C-4_GNa-h",
                 "SCS-2C-4_GNa-64h-", "SCS-2C-4_GNa-0", "SCS-2C-4_GNa-64-0", "SCS-2C-4_GNa-064-024",
                 "SCS-2C-4_GNa-4294967296-4294967296", "SCS-2C-4_GNa-64-24-8", "SCS-2C-4_GNa64",
                 "SCS-2C-4_GNa:64", "SCS-2C-4_GA3.1-96-48", "SCS-2C-4_GA3.10", "SCS-2C-4_GA03.1",
                 "SCS-2C-4_GA3.1.1", "SCS-2C-4_GNah_z3", "SCS-2C-4_GNa_z3", "SCS-2C-4_GNa_kvm",
                 "SCS-2C-4_GNa-64_GNa-64", "SCS-2C-4_GNa-64 ", "SCS-2C-4_GNa-64hh-24hh_ib",
                 "SCS-2C-4_GNa-64hhh-24_ib", "SCS-2C-4_GNa-64-24h_ib_", "SCS-2C-4_GNkh", "SCS-2C-4_GNhh",
                 "SCS-2C-4_GNh", "SCS-2C-4_GNh-64", "SCS-2C-4_GAh", "SCS-2C-4_GA0.4h-8h-16h", "SCS-2C-4_GI0.95-24",
                 "SCS-2C-4_GNa-64-24h_GNa", "SCS-2C-4_GNa-64_ib-", "SCS-2C-4_GNa-64:24", "SCS-2C-4_GNa-64_24"]:
        c.add_both(name, "edge-gpu")
    for gtype in GPU_TYPES + ["x"]:
        for brand in list(GPU_GENS) + ["X", "n"]:
            for gen in GPU_GENS.get(brand, [""]) + GPU_GENS_BAD:
                tails = ["", "-64", "h", "h-64", "--24", "_ib", "-64-24h_ib"]
                if gtype == "G" and brand in GPU_GENS:
                    tails += ["-64h", "-64hh", "-64hhh", "-64-24", "-64-24h", "-64-24hh", "-64-24hhh",
                              "-64h-24h", "hh", "hhh", "h-64h", "hh-64", "h-64-24", "--24h", "-64_ib",
                              "h_ib", "-64h_ib"]
                for tail in tails:
                    c.add(compose(gpu=gtype + brand + gen + tail), "edge-gpu")
                c.add(to_v1(compose(gpu=gtype + brand + gen + "-64-24h")), "edge-gpu-v1")
                c.add(to_v1(compose(gpu=gtype + brand + gen)), "edge-gpu-v1")
                c.add(to_v1(compose(gpu=gtype + brand + gen, ib=True)), "edge-gpu-v1")
    # long names
    long_bases = [
        compose(cpu="128", letter="C", insec="i", ram="1024", ramsfx="uo", disk="-64x1000p", hyp="bms",
                hwv=True, arch="z5hhh", gpu="GA3.1-304hh-288hh", ib=True),
        compose(disk="-" + "1" * 100 + "x" + "2" * 100 + "p"),
        compose(cpu="1" * 1000),
        compose(ram="1" * 300 + ".5"),
        compose(ram="0" * 1000 + "1.5"),
        compose(ram="1." + "0" * 1000),
        compose(ram="1." + "0" * 1000 + "1"),
        compose(ram="0." + "5" + "0" * 2000),
        "SCS-2C-4" + "_ib" * 100,
        "SCS-2C-4" + "_kvm" * 50,
        "SCS-2C-4_z3" + "h" * 500,
        "SCS-2C-4_GNa-64" + "h" * 500,
        "SCS-2C-4-" + "x" * 10,
        "SCS-" + "2C-4" * 200,
        "SCS-2C-4" + "-" * 100,
        "SCS-2C-4" + "_" * 100,
        "SCS-2C-4_GNa" + "a" * 1000,
        "SCS-2C-4_GA" + "3.1" * 300,
        "SCS-" + "x" * 5000,
    ]
    for name in long_bases:
        c.add_both(name, "edge-long")
    # digit strings at Python's int/str conversion limit (4300 digits)
    for n, patterns in ((4300, ("1", "01", "0")), (4301, ("1", "01", "0"))):
        for pattern in patterns:
            # "1": all ones; "01": one leading zero; "0": zeros with a final 1
            digits = {"1": "1" * n, "01": "0" + "1" * (n - 1), "0": "0" * (n - 1) + "1"}[pattern]
            for name in (compose(cpu=digits), compose(disk="-" + digits), compose(disk="-" + digits + "x10"),
                         compose(disk="-2x" + digits + "n"), compose(arch="z" + digits),
                         compose(gpu="GNa-" + digits), compose(gpu="GNa-64-" + digits),
                         compose(ram=digits), compose(ram=digits[:-1] + ".5"), compose(ram="0." + digits)):
                c.add_both(name, "edge-digits")
    for n in (4299, 5000):
        c.add_both(compose(cpu="9" * n), "edge-digits")
        c.add_both(compose(disk="-" + "9" * n), "edge-digits")


def add_sweeps(c, rng):
    # every good piece of one component on a few fixed bases
    bases = [dict(), dict(disk="-10n"), dict(disk="-", hyp="kvm", arch="z3"), dict(gpu="GNa-64-24h", ib=True)]
    for base in bases:
        for cnt in CPU_COUNTS_GOOD + CPU_COUNTS_ODD:
            for letter in CPU_LETTERS_GOOD:
                c.add_both(compose(cpu=cnt, letter=letter, insec=rng.choice(INSEC_GOOD), **base), "sweep-cpu")
        for ram in RAM_GOOD + RAM_ODD:
            for sfx in RAM_SFX_GOOD:
                c.add_both(compose(ram=ram, ramsfx=sfx, **base), "sweep-ram")
    # all gpu gens x a grid of cu/vram shapes (pass-through fully, vGPU sampled)
    for gtype in GPU_TYPES:
        for brand, gens in GPU_GENS.items():
            for gen in gens + GPU_GENS_BAD:
                for cu in ["", "-64", "-064", "-0"]:
                    for cuh in ["", "h", "hh", "hhh"]:
                        for vram in ["", "-24", "-0"]:
                            for vramh in ["", "h", "hh", "hhh"]:
                                keep = 0.2 if gtype == "G" else 0.05
                                if not (cu == "-64" and vram in ("", "-24")) and rng.random() > keep:
                                    continue
                                name = compose(gpu=gpu_piece(gtype, brand, gen, cu, cuh, vram, vramh))
                                c.add(name, "sweep-gpu")
                                if rng.random() < 0.1:
                                    c.add(name + "_ib", "sweep-gpu")
                                if rng.random() < 0.25:
                                    c.add(to_v1(name), "sweep-gpu-v1")


def build(seed, count):
    rng = random.Random(seed)
    c = Corpus()
    add_spec(c)
    add_edges(c)
    add_sweeps(c, rng)
    # budget for the random part: ~45 % combos, ~20 % mixed, the rest mutations
    remaining = max(count - len(c), 0)
    combo_target = len(c) + remaining * 45 // 100
    valid_pool = []
    while len(c) < combo_target:
        name = good_name(rng)
        valid_pool.append(name)
        c.add(name, "combo")
        if rng.random() < 0.4:
            c.add(to_v1(name), "combo-v1")
    mixed_target = len(c) + remaining * 20 // 100
    while len(c) < mixed_target:
        name = mixed_name(rng)
        c.add(name, "mixed")
        if rng.random() < 0.3:
            c.add(to_v1(name), "mixed-v1")
    guard = 0
    while len(c) < count and guard < count * 20:
        guard += 1
        base = rng.choice(valid_pool)
        v1 = rng.random() < 0.25
        if v1:
            base = to_v1(base)
        name = mutate(rng, base)
        if rng.random() < 0.1:
            name = mutate(rng, name)
        c.add(name, "mutation-v1" if v1 else "mutation")
    return c


def main(argv=None):
    ap = argparse.ArgumentParser(description="generate SCS flavor names for the differential corpus")
    ap.add_argument("--seed", type=int, default=100)
    ap.add_argument("--count", type=int, default=38000,
                    help="number of names (38000 keeps the recorded corpus near 12 MB)")
    ap.add_argument("--with-group", action="store_true", help="add a 'group' field to each line")
    args = ap.parse_args(argv)
    corpus = build(args.seed, args.count)
    out = sys.stdout
    for name, group in corpus.items():
        rec = {"name": name, "group": group} if args.with_group else {"name": name}
        out.write(json.dumps(rec, ensure_ascii=True, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
