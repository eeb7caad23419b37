#!/bin/sh
# Compares `scs-check certify` with the official runner on the example scope.
#
# Usage: tools/differential/compare_certify.sh TESTS_DIR [DATA_DIR]
#   TESTS_DIR: the folder Tests/ of a checkout of SovereignCloudStack/standards (with
#              scs-compliance-check.py; needs python3 with PyYAML)
#   DATA_DIR:  a folder of dumped IaaS data (default: examples/data/iaas-compliant)
#
# Both run examples/data/example-scope.yaml for the subject `example-cloud` on 2026-11-20; the
# official runner calls scs-check through examples/data/run-scs-check.sh. The console summaries
# are printed side by side (diff), then `scs-check evaluate` reads the official runner's report.
# The only expected difference: `scs-0101-rngd`, which the official runner gets as ABORT from the
# stand-in live script and `certify` leaves missing (it runs no scripts).
set -eu
tests=${1:?usage: $0 TESTS_DIR [DATA_DIR]}
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${2:-$root/examples/data/iaas-compliant}
scope=$root/examples/data/example-scope.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build -q --manifest-path "$root/Cargo.toml" -p scs-check
check=$root/target/debug/scs-check

rel=$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$data" "$root/examples/data")
(cd "$tests" && python3 scs-compliance-check.py "$scope" -s example-cloud -d 2026-11-20 \
    -a "data=$rel" -o "$work/official.yaml" >"$work/official.txt" 2>"$work/official.err") || true
# The official runner echoes script output (stderr when a script exits non-zero) and then a line
# of 80 `*`; the summary follows it.
awk -v stars="$(printf '%080d' 0 | tr 0 '*')" \
    '{ lines[NR] = $0; if ($0 == stars) last = NR } END { for (i = last + 1; i <= NR; i++) print lines[i] }' \
    "$work/official.txt" >"$work/official-summary.txt"
"$check" certify "$scope" -s example-cloud --data "$data" --date 2026-11-20 \
    --now 2026-11-15T00:00:00Z >"$work/certify.txt" 2>/dev/null || true

echo "== summaries (official runner vs scs-check certify)"
if diff "$work/official-summary.txt" "$work/certify.txt"; then
    echo "identical"
fi
echo "== scs-check evaluate on the official runner's report"
"$check" evaluate "$scope" "$work/official.yaml" || true
