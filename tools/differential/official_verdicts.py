#!/usr/bin/env python3
"""Record what the official SCS flavor-name check says about a list of names.

This script runs the official SCS reference parser (the folder given by
--reference, i.e. `Tests/iaas/scs_0100_flavor_naming` of a checkout of
SovereignCloudStack/standards) and writes down its verdicts as facts for our
differential tests. The reference itself is not part of this project: it is
loaded at run time from wherever --reference points, and nothing of it is
copied here.

Input (stdin): JSON lines, each either `{"name": "..."}` or a bare JSON string.
Output (stdout): one JSON object per input line:

  name          the input name
  verdict       "not-scs"   name empty/None or not starting with the 4 chars "SCS-"
                "valid"     the v3 parser accepted it
                "tolerated" the v3 parser failed, a tolerated parser (v2, v1) accepted it
                "invalid"   a ValueError escaped the parsing strategy
                "abort"     any other exception escaped (the testcases would ABORT)
  canonical     the official outputter applied to the parsed name (else null)
  short         the official outputter applied to the shortened name (else null)
  specs         the official name -> property dict, JSON-safe (else null);
                {"error": "<ExceptionType>"} if computing it raised;
                {"skipped": "..."} if not computed: for names longer than
                --specs-max-name-len (default 1000) and for disk multipliers
                above 4096 (the reference would expand one key per disk)
  cpus, ram, disk_present, disksize
                decoded values for valid/tolerated names (else null)
  tolerated_by  only for tolerated names: which tolerated parser accepted it ("v1")
  error         only for invalid/abort: "<ExceptionType>: <message>", the message
                without its "; must be one of ..." table listing and cut to 60
                characters (enough to tell the failing component apart)

Integers outside -2**63..2**64-1 are written as decimal strings; non-finite floats
as the strings "inf", "-inf", "nan".

The verdict is obtained by calling the official `compute_scs_flavors` of
`flavor_names_check.py` (with its own STRATEGY) on a one-flavor list. That
module imports `openstack` only for a type annotation, so a tiny stand-in
module is registered instead of the real SDK.
"""

import argparse
import importlib
import importlib.util
import json
import logging
import os
import sys
import types

U64_MAX = 2**64 - 1
I64_MIN = -(2**63)
PACKAGE = "scs0100_reference"
# flavor_names_check.py imports flavor_names relatively, so the reference
# folder is mounted as a package of this name.

# `Flavorname -> dict` expands one key per disk; refuse to expand absurd
# multipliers (the reference would loop for ages / exhaust memory).
MAX_NRDISKS_FOR_SPECS = 4096
ERROR_MESSAGE_LIMIT = 60


class _Capture(logging.Handler):
    """Keeps the log records of the reference for the current name."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class StubFlavor:
    """Stands in for openstack.compute.v2.flavor.Flavor (only the fields the checks read)."""

    def __init__(self, name, vcpus=0, ram=0, disk=0):
        self.name = name
        self.vcpus = vcpus
        self.ram = ram
        self.disk = disk

    def __repr__(self):
        return f"StubFlavor({self.name!r}, {self.vcpus!r}, {self.ram!r}, {self.disk!r})"


def _install_openstack_stub():
    if "openstack" in sys.modules:
        return
    chain = ["openstack", "openstack.compute", "openstack.compute.v2", "openstack.compute.v2.flavor"]
    mods = [types.ModuleType(name) for name in chain]
    for parent, child in zip(mods, mods[1:]):
        setattr(parent, child.__name__.rsplit(".", 1)[1], child)
    mods[-1].Flavor = StubFlavor
    for mod in mods:
        sys.modules[mod.__name__] = mod


class Reference:
    """Handle on the loaded official modules."""

    def __init__(self, reference_dir):
        reference_dir = os.path.abspath(reference_dir)
        if not os.path.isfile(os.path.join(reference_dir, "flavor_names.py")):
            raise SystemExit(f"no flavor_names.py in {reference_dir}")
        # never leave __pycache__ behind in the reference checkout
        sys.dont_write_bytecode = True
        # the official suite runs with CPython's default int/str digit limit
        if hasattr(sys, "set_int_max_str_digits"):
            sys.set_int_max_str_digits(4300)
        _install_openstack_stub()
        spec = importlib.util.spec_from_loader(PACKAGE, loader=None, is_package=True)
        pkg = importlib.util.module_from_spec(spec)
        pkg.__path__ = [reference_dir]
        sys.modules[PACKAGE] = pkg
        self.names = importlib.import_module(f"{PACKAGE}.flavor_names")
        self.check = importlib.import_module(f"{PACKAGE}.flavor_names_check")
        self.capture = _Capture()
        for logger_name in (f"{PACKAGE}.flavor_names", f"{PACKAGE}.flavor_names_check"):
            lg = logging.getLogger(logger_name)
            lg.handlers[:] = [self.capture]
            lg.propagate = False
            lg.setLevel(logging.DEBUG)
        # anything else that might log stays quiet
        logging.getLogger().handlers[:] = [logging.NullHandler()]

    # -- single-flavor runs of the official functions ---------------------

    def scs_flavors(self, flavor):
        """Official compute_scs_flavors on [flavor]; returns (pairs, exception, log records)."""
        self.capture.records.clear()
        try:
            pairs = self.check.compute_scs_flavors([flavor])
        except Exception as exc:  # noqa: BLE001 - any escape is an ABORT
            return None, exc, list(self.capture.records)
        return pairs, None, list(self.capture.records)


def json_int(value):
    """Integers a 64-bit type can hold stay numbers, others become decimal strings."""
    if value is None or isinstance(value, bool):
        return value
    if I64_MIN <= value <= U64_MAX:
        return value
    return str(value)


def json_float(value):
    if value is None:
        return None
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return value


def json_safe(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return json_int(value)
    if isinstance(value, float):
        return json_float(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(v) for v in value]
    return repr(value)


def shorten_message(msg):
    # the table listing after "; must be" adds nothing a test would check
    cut = msg.find("; must be ")
    if cut != -1:
        msg = msg[:cut]
    if len(msg) > ERROR_MESSAGE_LIMIT:
        msg = msg[:ERROR_MESSAGE_LIMIT] + "..."
    return msg


def describe_exception(exc):
    return f"{type(exc).__name__}: {shorten_message(str(exc))}"


def judge(ref, name, with_specs=True):
    out = {
        "name": name,
        "verdict": None,
        "canonical": None,
        "short": None,
        "specs": None,
        "cpus": None,
        "ram": None,
        "disk_present": None,
        "disksize": None,
    }
    pairs, exc, records = ref.scs_flavors(StubFlavor(name))
    if exc is not None:
        out["verdict"] = "abort"
        out["error"] = describe_exception(exc)
        return out
    if not pairs:
        out["verdict"] = "not-scs"
        return out
    _flv, parsed = pairs[0]
    if parsed is None:
        out["verdict"] = "invalid"
        # the check logs "error parsing <name>: <message>" at INFO
        prefix = f"error parsing {name}: "
        for rec in records:
            msg = rec.getMessage()
            if msg.startswith(prefix):
                msg = shorten_message(msg[len(prefix):])
                # compute_scs_flavors only lets ValueError (and subclasses) through here
                out["error"] = "ValueError: " + msg
                break
        return out

    tolerated_by = None
    for rec in records:
        msg = rec.getMessage()
        if msg.startswith("Name is merely tolerated "):
            tolerated_by = msg[len("Name is merely tolerated "):].split(":", 1)[0]
    out["verdict"] = "tolerated" if tolerated_by else "valid"
    if tolerated_by:
        out["tolerated_by"] = tolerated_by

    # sanity: the verdict split must agree with a direct call of parser_v3
    try:
        ref.names.parser_v3(name)
        v3_ok = True
    except Exception:  # noqa: BLE001
        v3_ok = False
    if v3_ok != (tolerated_by is None):
        raise RuntimeError(f"inconsistent tolerated detection for {name!r}")

    fn = ref.names
    try:
        out["canonical"] = fn.outputter(parsed)
    except Exception as e:  # noqa: BLE001
        out["canonical"] = {"error": type(e).__name__}
    try:
        out["short"] = fn.outputter(parsed.shorten())
    except Exception as e:  # noqa: BLE001
        out["short"] = {"error": type(e).__name__}
    if with_specs:
        nrdisks = parsed.disk.nrdisks if parsed.disk else 0
        if isinstance(nrdisks, int) and nrdisks > MAX_NRDISKS_FOR_SPECS:
            out["specs"] = {"skipped": f"nrdisks > {MAX_NRDISKS_FOR_SPECS}"}
        else:
            try:
                out["specs"] = json_safe(fn.flavorname_to_dict(parsed))
            except Exception as e:  # noqa: BLE001
                out["specs"] = {"error": type(e).__name__}
    else:
        out["specs"] = {"skipped": "omitted to keep the corpus small"}
    out["cpus"] = json_int(parsed.cpuram.cpus)
    out["ram"] = json_float(parsed.cpuram.ram)
    out["disk_present"] = parsed.disk is not None
    out["disksize"] = json_int(parsed.disk.disksize) if parsed.disk is not None else None
    return out


def read_names(stream):
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if isinstance(item, dict):
            if "name" not in item:
                raise SystemExit(f"line {lineno}: object without 'name'")
            yield item["name"]
        else:
            yield item


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", required=True,
                    help="folder containing the official flavor_names.py and flavor_names_check.py")
    ap.add_argument("--specs-max-name-len", type=int, default=1000,
                    help="omit 'specs' for names longer than this (keeps the corpus small)")
    args = ap.parse_args(argv)
    ref = Reference(args.reference)
    # names may contain lone surrogates only if the input had them; keep output ASCII-escaped
    stdin = open(sys.stdin.fileno(), "r", encoding="utf-8", newline="\n", closefd=False)
    out = sys.stdout
    for name in read_names(stdin):
        with_specs = not (isinstance(name, str) and len(name) > args.specs_max_name_len)
        rec = judge(ref, name, with_specs=with_specs)
        out.write(json.dumps(rec, ensure_ascii=True, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
