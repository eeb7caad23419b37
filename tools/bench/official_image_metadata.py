#!/usr/bin/env python3
"""Time the official scs-0102 functions over an images.json, as the README compares them.

The reference is the official suite's `image_metadata.py` (the folder given by
--reference, i.e. `Tests/iaas/scs_0102_image_metadata` of a checkout of
SovereignCloudStack/standards); it is loaded at run time and nothing of it is
copied here.

What is timed: the 20 `compute_scs_0102_*` functions, one after the other, over
the public and community images of the list (the official runner's `c.images`),
with logging configured as the official runner does (`basicConfig`, level DEBUG)
but written to /dev/null (`--logging off` disables it). Loading the JSON and
building the image objects is not timed. The best of --runs runs is printed: the
processor time of this process, in seconds, which other work on the machine
disturbs less than the time on the clock.

The functions measure recency against `time.time()` as it was when their module
was imported (their `now=time.time()` defaults): the script imports them with
`time.time()` answering --now (default 2025-07-01T00:00:00Z, the instant of
`cargo bench --bench iaas`).

The images: `SCS_BENCH_WRITE_IMAGES=DIR cargo bench --bench iaas -- image_json`
writes the bench's 100k images to DIR/images.json.

    python3 tools/bench/official_image_metadata.py --reference DIR IMAGES_JSON
"""

import argparse
import calendar
import importlib.util
import json
import logging
import os
import time


class StubImage:
    """What the official functions read of an openstacksdk image: the attributes the SDK
    knows by name, and every other key in `properties`."""

    ATTRIBUTES = {
        "architecture": "architecture",
        "os_hash_algo": "hash_algo",
        "min_disk": "min_disk",
        "min_ram": "min_ram",
        "size": "size",
        "os_version": "os_version",
        "os_distro": "os_distro",
        "hw_disk_bus": "hw_disk_bus",
        "hypervisor_type": "hypervisor_type",
        "hw_rng_model": "hw_rng_model",
        "created_at": "created_at",
        "os_hidden": "is_hidden",
        "visibility": "visibility",
        "name": "name",
    }

    def __init__(self, d):
        for attr in self.ATTRIBUTES.values():
            setattr(self, attr, None)
        self.properties = {}
        for key, value in d.items():
            attr = self.ATTRIBUTES.get(key)
            if attr is not None:
                setattr(self, attr, value)
            else:
                self.properties[key] = value
        self.is_hidden = bool(self.is_hidden)


def load_reference(folder, now):
    """Loads the official module with `time.time()` answering `now` while it is imported, so
    that its `now=time.time()` defaults measure against `now`."""
    path = os.path.join(folder, "image_metadata.py")
    spec = importlib.util.spec_from_file_location("official_scs_0102", path)
    module = importlib.util.module_from_spec(spec)
    real_time = time.time
    time.time = lambda: now
    try:
        spec.loader.exec_module(module)
    finally:
        time.time = real_time
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", required=True, help="folder Tests/iaas/scs_0102_image_metadata")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, help="only the first LIMIT images of the list")
    parser.add_argument(
        "--now",
        default="2025-07-01T00:00:00Z",
        help="the instant to measure recency against (default: the bench's, 2025-07-01T00:00:00Z)",
    )
    parser.add_argument(
        "--logging",
        choices=["official", "off"],
        default="official",
        help="official: as the official runner configures it (DEBUG), written to /dev/null; "
        "off: logging disabled",
    )
    parser.add_argument("images", help="images.json (the Image API's `{\"images\": [...]}`)")
    args = parser.parse_args()

    with open(args.images, encoding="utf-8") as f:
        doc = json.load(f)
    listed = doc["images"] if isinstance(doc, dict) else doc
    if args.limit is not None:
        listed = listed[: args.limit]
    images = [StubImage(d) for d in listed if d.get("visibility") in ("public", "community")]

    with open(os.devnull, "w", encoding="utf-8") as devnull:
        if args.logging == "official":
            logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.DEBUG, stream=devnull)
        else:
            logging.disable(logging.CRITICAL)
        now = calendar.timegm(time.strptime(args.now, "%Y-%m-%dT%H:%M:%SZ"))
        ref = load_reference(args.reference, now)
        functions = sorted(
            (name, fn) for name, fn in vars(ref).items() if name.startswith("compute_scs_0102_")
        )
        assert len(functions) == 20, [name for name, _ in functions]
        best = None
        for _ in range(args.runs):
            start = time.process_time()
            for _, fn in functions:
                fn(images)
            elapsed = time.process_time() - start
            best = elapsed if best is None else min(best, elapsed)
    print(f"{len(listed)} images, {len(images)} public or community: best of {args.runs} runs {best:.3f} s")


if __name__ == "__main__":
    main()
