#!/usr/bin/env bash
# Dumps what `scs-check kaas DIR` reads about a Kubernetes cluster into the folder DIR: the
# cluster's own objects through `kubectl` (current context, or --context), the public release
# and CVE data from GitHub, kubernetes.io and the CVE Services API, and optionally the results
# of Sonobuoy runs.
#
# Needs: bash, kubectl (with access to the cluster: `get` on nodes, storageclasses and
# ingressclasses), curl, jq; for --sonobuoy-* also sonobuoy and tar.
#
# Files written (see `scs-check kaas --help`):
#
#   version.json          kubectl version -o json
#   nodes.json            kubectl get nodes -o json
#   storageclasses.json   kubectl get storageclasses -o json
#   ingressclasses.json   kubectl get ingressclasses -o json
#   releases.json         GitHub's list of releases of kubernetes/kubernetes, the first page
#                         of 100 (newest first), as the official suite reads it:
#                         https://api.github.com/repos/kubernetes/kubernetes/releases?per_page=100
#                         (set GITHUB_TOKEN to avoid the low rate limit of anonymous calls)
#   cve-feed.json         the Kubernetes official CVE feed (JSON Feed):
#                         https://kubernetes.io/docs/reference/issues-security/official-cve-feed/index.json
#   cves/<CVE id>.json    the CVE JSON 5 record of each feed item, from the CVE Services API:
#                         https://cveawg.mitre.org/api/cve/<CVE id>
#   eol.yaml              only with --eol-table: the official suite's EOL table of Kubernetes
#                         branches (without it, `scs-check` uses its built-in snapshot)
#   sonobuoy/<testcase>/  only with --sonobuoy-networking / --sonobuoy-conformance: the
#                         extracted results tarball of a Sonobuoy run (see below)
#
# Sonobuoy runs the upstream e2e tests inside the cluster (namespace `sonobuoy`); they take a
# while (the conformance run one to two hours) and create and delete test workloads, so they
# are off by default. Done by hand, the networking run (scs-0219, kaas-networking-check) is:
#
#   sonobuoy run --plugin e2e --e2e-focus 'NetworkPolicy' --wait
#   tarball="$(sonobuoy retrieve /tmp)"
#   mkdir -p DIR/sonobuoy/kaas-networking-check
#   tar -xzf "$tarball" -C DIR/sonobuoy/kaas-networking-check
#   sonobuoy delete --wait
#
# and the conformance run (scs-0201, cncf-k8s-conformance) the same with
# `sonobuoy run --mode=certified-conformance --wait`, extracted into
# DIR/sonobuoy/cncf-k8s-conformance. `scs-check` reads
# DIR/sonobuoy/<testcase>/plugins/e2e/sonobuoy_results.yaml from each, and an optional
# DIR/sonobuoy/ok-to-fail.yaml (the `okToFail` list; default: the built-in snapshot of the
# official list).
#
# Without a file, the testcases that need it report ABORT, naming the file.

set -euo pipefail

readonly RELEASES_URL="https://api.github.com/repos/kubernetes/kubernetes/releases?per_page=100"
readonly CVE_FEED_URL="https://kubernetes.io/docs/reference/issues-security/official-cve-feed/index.json"
readonly CVE_API_URL="https://cveawg.mitre.org/api/cve"
readonly EOL_TABLE_URL="https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/kaas/scs_0210_version_policy/k8s-eol-data.yml"

usage() {
    cat <<'EOF'
Usage: collect-kubernetes.sh [options] DIR

Dumps the cluster data `scs-check kaas DIR` reads into the folder DIR (created if needed;
files in it are overwritten). Needs kubectl with access to the cluster, curl and jq.

Options:
  --context NAME           the kubeconfig context to use (default: the current one)
  --no-public-data         skip releases.json, cve-feed.json and cves/ (no internet access)
  --eol-table              also fetch the official suite's EOL table (writes eol.yaml)
  --sonobuoy-networking    run Sonobuoy with --e2e-focus NetworkPolicy (kaas-networking-check)
  --sonobuoy-conformance   run Sonobuoy with --mode=certified-conformance (cncf-k8s-conformance)
  -h, --help               show this help

Environment: GITHUB_TOKEN, if set, authenticates the call to the GitHub API.

Then:  scs-check kaas DIR
EOF
}

die() {
    printf 'collect-kubernetes.sh: %s\n' "$*" >&2
    exit 2
}

note() {
    printf '%s\n' "$*" >&2
}

context=""
public_data=1
eol_table=0
sonobuoy_networking=0
sonobuoy_conformance=0
out=""
while (($# > 0)); do
    case "$1" in
        -h | --help)
            usage
            exit 0
            ;;
        --context)
            (($# >= 2)) || die "--context needs a context name"
            context="$2"
            shift
            ;;
        --context=*) context="${1#*=}" ;;
        --no-public-data) public_data=0 ;;
        --eol-table) eol_table=1 ;;
        --sonobuoy-networking) sonobuoy_networking=1 ;;
        --sonobuoy-conformance) sonobuoy_conformance=1 ;;
        --)
            shift
            break
            ;;
        -*) die "unknown option $1 (see --help)" ;;
        *)
            [[ -z "$out" ]] || die "only one output folder, please (see --help)"
            out="$1"
            ;;
    esac
    shift
done
if (($# > 0)); then
    [[ -z "$out" && $# -eq 1 ]] || die "only one output folder, please (see --help)"
    out="$1"
fi
if [[ -z "$out" ]]; then
    usage >&2
    exit 2
fi

tools=(kubectl jq)
if ((public_data || eol_table)); then
    tools+=(curl)
fi
if ((sonobuoy_networking || sonobuoy_conformance)); then
    tools+=(sonobuoy tar)
fi
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null || die "needs \`$tool\` on the PATH"
done

mkdir -p "$out"
work="$(mktemp -d)"
sonobuoy_started=0

# kubectl and sonobuoy, with --context when one was given.
k() {
    if [[ -n "$context" ]]; then
        kubectl --context "$context" "$@"
    else
        kubectl "$@"
    fi
}

sb() {
    local command="$1"
    shift
    if [[ -n "$context" ]]; then
        sonobuoy "$command" --context "$context" "$@"
    else
        sonobuoy "$command" "$@"
    fi
}

cleanup() {
    # Leave no Sonobuoy run behind, also when a step failed half-way.
    if ((sonobuoy_started)); then
        sb delete --wait >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Moves the complete file $2 to $out/$1 (no half-written or empty files in DIR).
save() {
    mv "$2" "$out/$1"
    note "wrote $out/$1"
}

# Like save, for a JSON document; stops when $2 is not JSON.
save_json() {
    jq -e . "$2" >/dev/null 2>&1 || die "$1: what was fetched is not JSON"
    save "$1" "$2"
}

# curl with retries; fails on HTTP errors.
fetch() {
    curl -fsSL --retry 3 --retry-delay 2 "$@"
}

# ---- the cluster -------------------------------------------------------------------------

# `kubectl version` exits non-zero when it cannot reach the server (its JSON then has no
# serverVersion, which `scs-check` would reject): stop here instead.
k version -o json >"$work/version.json" ||
    die "kubectl version failed: is the cluster reachable?"
jq -e '.serverVersion.gitVersion' "$work/version.json" >/dev/null ||
    die "kubectl version printed no serverVersion.gitVersion"
save version.json "$work/version.json"

for kind in nodes storageclasses ingressclasses; do
    k get "$kind" -o json >"$work/$kind.json"
    save_json "$kind.json" "$work/$kind.json"
done

# ---- public data: releases, CVEs, EOL table ----------------------------------------------

if ((public_data)); then
    github_headers=(-H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28")
    if [[ -n "${GITHUB_TOKEN:-}" ]]; then
        github_headers+=(-H "Authorization: Bearer $GITHUB_TOKEN")
    fi
    fetch "${github_headers[@]}" "$RELEASES_URL" >"$work/releases.json"
    save_json releases.json "$work/releases.json"

    fetch "$CVE_FEED_URL" >"$work/cve-feed.json"
    jq -e '.items | type == "array"' "$work/cve-feed.json" >/dev/null 2>&1 ||
        die "the CVE feed has no list of items"
    # One record per feed item, fetched completely before the old ones are replaced (records
    # of an earlier dump that left the feed go away).
    mkdir -p "$work/cves"
    count=0
    while IFS= read -r id; do
        [[ "$id" =~ ^CVE-[0-9]{4}-[0-9]{4,}$ ]] || die "the CVE feed lists an odd id: $id"
        fetch "$CVE_API_URL/$id" >"$work/cves/$id.json"
        jq -e . "$work/cves/$id.json" >/dev/null 2>&1 || die "$id: the record is not JSON"
        count=$((count + 1))
    done < <(jq -r '.items[].id' "$work/cve-feed.json")
    rm -rf "${out:?}/cves"
    mv "$work/cves" "$out/cves"
    note "wrote $count CVE records to $out/cves/"
    save cve-feed.json "$work/cve-feed.json"
fi

if ((eol_table)); then
    fetch "$EOL_TABLE_URL" >"$work/eol.yaml"
    save eol.yaml "$work/eol.yaml"
fi

# ---- Sonobuoy ----------------------------------------------------------------------------

# Runs Sonobuoy with the given `sonobuoy run` options and extracts the results into
# $out/sonobuoy/$1.
sonobuoy_run() {
    local testcase="$1"
    shift
    note "running Sonobuoy for $testcase (this takes a while)"
    # a run left over from an earlier attempt would block this one
    sb delete --wait >/dev/null 2>&1 || true
    sonobuoy_started=1
    sb run "$@" --wait
    local tarball
    tarball="$(sb retrieve "$work")"
    [[ -f "$tarball" ]] || die "sonobuoy retrieve wrote no tarball"
    rm -rf "${out:?}/sonobuoy/$testcase"
    mkdir -p "$out/sonobuoy/$testcase"
    tar -xzf "$tarball" -C "$out/sonobuoy/$testcase"
    rm -f "$tarball"
    [[ -f "$out/sonobuoy/$testcase/plugins/e2e/sonobuoy_results.yaml" ]] ||
        die "the results of $testcase hold no plugins/e2e/sonobuoy_results.yaml"
    note "wrote $out/sonobuoy/$testcase/"
    sb delete --wait
    sonobuoy_started=0
}

if ((sonobuoy_networking)); then
    sonobuoy_run kaas-networking-check --plugin e2e --e2e-focus 'NetworkPolicy'
fi
if ((sonobuoy_conformance)); then
    sonobuoy_run cncf-k8s-conformance --mode=certified-conformance
fi

note "done; now run: scs-check kaas $out"
