#!/usr/bin/env python3
"""Record the official scs-0104 testcase verdicts for generated image lists.

This script runs the official SCS scs-0104 module (the folder given by
--reference, i.e. `Tests/iaas/scs_0104_standard_images` of a checkout of
SovereignCloudStack/standards; it needs PyYAML) to record its verdicts as facts
for our differential tests. The reference itself is not part of this project:
it is loaded from that folder at run time, nothing of it is copied.

Each case is a list of Glance images (`id`, `name` (string or null),
`visibility`, `os_hidden`, optionally `image_source`) drawn from pools of
names and sources around the official spec table. The runner of the official
suite lists images through Glance, which leaves hidden images out, and keeps
the public and community ones; it then maps names to images, a later image
replacing an earlier one of the same name. This script builds that map the
same way and hands it to the official testcase functions.

Output: JSON lines with

  images    the case, in Glance API shape
  official  testcase id -> "PASS" (truthy result), "FAIL" (falsy result) or
            "ABORT" (an exception escaped), for all 18 scs-0104 testcases
  group     "control" (hand-picked) or "random"

`--emit-cases` prints the cases without evaluating them (no --reference needed).
"""

import argparse
import importlib.util
import json
import logging
import os
import random
import sys

sys.dont_write_bytecode = True  # keep tools/ free of __pycache__

TESTCASES = [
    ("scs-0104-source-capi-1", "source", "ubuntu-capi-image-1"),
    ("scs-0104-source-capi-2", "source", "ubuntu-capi-image-2"),
    ("scs-0104-source-ubuntu-2404", "source", "Ubuntu 24.04"),
    ("scs-0104-source-ubuntu-2204", "source", "Ubuntu 22.04"),
    ("scs-0104-source-ubuntu-2004", "source", "Ubuntu 20.04"),
    ("scs-0104-source-debian-13", "source", "Debian 13"),
    ("scs-0104-source-debian-12", "source", "Debian 12"),
    ("scs-0104-source-debian-11", "source", "Debian 11"),
    ("scs-0104-source-debian-10", "source", "Debian 10"),
    ("scs-0104-image-capi-1", "image", "ubuntu-capi-image-1"),
    ("scs-0104-image-capi-2", "image", "ubuntu-capi-image-2"),
    ("scs-0104-image-ubuntu-2404", "image", "Ubuntu 24.04"),
    ("scs-0104-image-ubuntu-2204", "image", "Ubuntu 22.04"),
    ("scs-0104-image-ubuntu-2004", "image", "Ubuntu 20.04"),
    ("scs-0104-image-debian-13", "image", "Debian 13"),
    ("scs-0104-image-debian-12", "image", "Debian 12"),
    ("scs-0104-image-debian-11", "image", "Debian 11"),
    ("scs-0104-image-debian-10", "image", "Debian 10"),
]

NAMES = [
    "Ubuntu 24.04", "ubuntu 24.04", "Ubuntu 24.04 20240501", "Ubuntu 22.04", "Ubuntu 20.04",
    "Debian 13", "Debian 12", "Debian 11", "Debian 10", "debian 12",
    "ubuntu-capi-image-v1.30", "ubuntu-capi-image-v1.30.4", "ubuntu-capi-image v1.30",
    "ubuntu-capi-image-v1.3x", "ubuntu-capi-image v1.30.4-foo", "my-ubuntu-capi-image-v1.30",
    "ubuntu-capi-image-1", "", None,
]

SWIFT = ("https://swift.services.a.regiocloud.tech/swift/v1/"
         "AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/")
SOURCES = [
    None, "",
    "https://cloud-images.ubuntu.com/noble/current/x.img",
    "https://cloud-images.ubuntu.com/releases/noble/release/x.img",
    "https://cloud-images.ubuntu.com/noble",
    "http://cloud-images.ubuntu.com/noble/",
    "https://cloud-images.ubuntu.com/releases/jammy/x.img",
    "https://cloud-images.ubuntu.com/focal/x.img",
    "https://cloud.debian.org/images/cloud/trixie/latest/x.qcow2",
    "https://cdimage.debian.org/cdimage/cloud/bookworm/x.qcow2",
    "https://cloud.debian.org/images/cloud/bullseye/x.qcow2",
    "https://cloud.debian.org/images/cloud/buster/x.qcow2",
    "https://nbg1.your-objectstorage.com/osism/openstack-k8s-capi-images/x.qcow2",
    SWIFT + "ubuntu-2404-kube-v1.30/x.qcow2",
    SWIFT + "ubuntu-2204-kube-v1.30/x.qcow2",
    SWIFT + "ubuntu-2004-kube-v1.30/x.qcow2",
    "https://example.com/x.qcow2",
]


def glance(i, name, source=None, visibility="public", hidden=False):
    image = {"id": f"i{i}", "name": name, "visibility": visibility, "os_hidden": hidden}
    if source is not None:
        image["image_source"] = source
    return image


def control_cases():
    noble = "https://cloud-images.ubuntu.com/noble/current/x.img"
    bad = "https://example.com/x.qcow2"
    return [
        [],
        [glance(0, "Ubuntu 24.04", noble)],
        [glance(0, "Ubuntu 24.04", bad), glance(1, "Ubuntu 24.04", noble)],
        [glance(0, "Ubuntu 24.04", noble), glance(1, "Ubuntu 24.04", bad)],
        [glance(0, "Ubuntu 24.04", noble), glance(1, "Ubuntu 24.04", bad, hidden=True)],
        [glance(0, "Ubuntu 24.04", noble, hidden=True)],
        [glance(0, "Ubuntu 24.04", noble, visibility="community")],
        [glance(0, "Ubuntu 24.04", bad, visibility="private")],
        [glance(0, None), glance(1, "ubuntu-capi-image-v1.30", SOURCES[12])],
        [glance(0, None, hidden=True), glance(1, "ubuntu-capi-image-v1.30", SOURCES[12])],
        [glance(0, "ubuntu-capi-image-v1.30.4-foo", bad)],
    ]


def random_cases(rng, count):
    out = []
    for _ in range(count):
        images = []
        for i in range(rng.randint(0, 6)):
            images.append(glance(
                i,
                rng.choice(NAMES),
                rng.choice(SOURCES),
                rng.choice(["public", "public", "community", "private", "shared"]),
                rng.random() < 0.2,
            ))
        out.append(images)
    return out


class StubImage:
    """What the official functions read of an openstacksdk image."""

    def __init__(self, d):
        self.name = d["name"]
        self.properties = {k: v for k, v in d.items() if k == "image_source"}


def load_reference(folder):
    path = os.path.join(folder, "standard_images.py")
    spec = importlib.util.spec_from_file_location("official_scs_0104", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(ref, images):
    listed = [StubImage(d) for d in images
              if d["visibility"] in ("public", "community") and not d["os_hidden"]]
    lookup = {image.name: image for image in listed}
    verdicts = {}
    for tc_id, kind, key in TESTCASES:
        fn = ref.compute_scs_0104_source if kind == "source" else ref.compute_scs_0104_image
        try:
            verdicts[tc_id] = "PASS" if fn(lookup, ref.SCS_0104_IMAGE_SPECS[key]) else "FAIL"
        except Exception:  # noqa: BLE001 - any escape is an ABORT
            verdicts[tc_id] = "ABORT"
    return verdicts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", help="folder Tests/iaas/scs_0104_standard_images")
    parser.add_argument("--seed", type=int, default=104)
    parser.add_argument("--count", type=int, default=600, help="random cases")
    parser.add_argument("--emit-cases", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = [("control", c) for c in control_cases()]
    cases += [("random", c) for c in random_cases(rng, args.count)]
    if args.emit_cases:
        for group, images in cases:
            print(json.dumps({"group": group, "images": images}))
        return
    if not args.reference:
        parser.error("--reference is required unless --emit-cases is given")
    logging.disable(logging.CRITICAL)
    ref = load_reference(args.reference)
    for group, images in cases:
        print(json.dumps({"group": group, "images": images, "official": evaluate(ref, images)}))


if __name__ == "__main__":
    main()
