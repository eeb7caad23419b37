#!/usr/bin/env bash
# Dumps what `scs-check iaas DIR` reads from an OpenStack cloud into the folder DIR, with the
# `openstack` command-line client of an authenticated environment (OS_CLOUD, or the OS_*
# variables of an openrc file).
#
# Run it as the user the checks are meant for: a plain project member (role `member`, neither
# `admin` nor `manager`), as the official SCS suite requires.
#
# Needs: bash, the `openstack` client (python-openstackclient, with python-barbicanclient for
# the key-manager probe), jq (to assemble and write JSON), curl (token fallback for roles.json,
# and the optional S3 probe; 7.75 or later for the S3 probe).
#
# Files written (see `scs-check iaas --help`):
#
#   flavors.json                       openstack flavor list --long -f json
#                                      (per-flavor `flavor show` when the list lacks Properties)
#   images.json                        openstack image show -f json, for each image of
#                                      `openstack image list`, assembled into one JSON list
#   volume_types.json                  openstack volume type list --long -f json
#   default_security_group_rules.json  openstack default security group rule list -f json
#   new_security_group.json            only where that API is missing (OpenStack before
#                                      2023.2): the rules of a temporary security group,
#                                      `openstack security group show -f json`
#   catalog.json                       openstack catalog list -f json
#   roles.json                         openstack role assignment list --effective --auth-user
#                                      --auth-project --names -f json; where the policy
#                                      forbids that, the token's own body (GET /v3/auth/tokens)
#   key_manager_probe.json             creates, lists and deletes a secret
#                                      (see src/input/probes.rs); `{}` without a key manager
#   s3_probe.json                      only with --s3-probe (see below)
#   console.log                        only with --console-server (see below)
#
# Mutating steps: the key-manager probe stores and deletes one secret named
# `scs-member-role-test-secret` (and deletes leftovers of that name); the security group
# fallback creates and deletes one security group. --no-probes skips both (and the S3 probe).
#
# The S3 probe (scs-0123-swift-s3) is optional: with --s3-probe the script takes the scheme and
# host of the public object-store endpoint and sends an S3 ListBuckets there, signed (AWS
# SigV4, `curl --aws-sigv4`) with the made-up access key `doesnotexist` and an empty secret, as
# the official suite does with its S3 client. An S3 API answers `InvalidAccessKeyId`. Done by
# hand, the same is:
#
#   AWS_ACCESS_KEY_ID=doesnotexist AWS_SECRET_ACCESS_KEY= \
#     aws s3api list-buckets --endpoint-url https://object.example.com
#
# and s3_probe.json records what happened:
#
#   {"endpoint": "https://object.example.com", "outcome": "error",
#    "error": "An error occurred (InvalidAccessKeyId) when calling the ListBuckets operation: …"}
#
# (`"outcome": "listed"` if the listing succeeded).
#
# console.log (scs-0101) is optional too: it is the serial console of a test VM that ran the
# official suite's entropy test script as cloud-init user data. Booting that VM is out of scope
# here; given its name or id, --console-server SERVER fetches the output with
# `openstack console log show SERVER`. The checks read only the marker lines
# `_scs-test-entropy-avail: 256`, `_scs-test-fips-test: <one line of rngtest -c 1000 output>`
# and the final `_scs-test-end` (the marker may follow any prefix, such as cloud-init's).
#
# Without a file, the testcases that need it report ABORT, naming the file.

set -euo pipefail

usage() {
    cat <<'EOF'
Usage: collect-openstack.sh [options] DIR

Dumps the OpenStack data `scs-check iaas DIR` reads into the folder DIR (created if needed;
files in it are overwritten). Needs an authenticated `openstack` client (OS_CLOUD or OS_*
variables), jq and curl.

Options:
  --no-probes              skip the steps that create and delete resources (the key-manager
                           secret probe, the temporary security group) and the S3 probe
  --s3-probe               probe for S3 at the object-store host (writes s3_probe.json)
  --console-server SERVER  fetch the console output of the entropy test VM SERVER
                           (writes console.log)
  -h, --help               show this help

Then:  scs-check iaas DIR
EOF
}

die() {
    printf 'collect-openstack.sh: %s\n' "$*" >&2
    exit 2
}

note() {
    printf '%s\n' "$*" >&2
}

probes=1
s3_probe=0
console_server=""
out=""
while (($# > 0)); do
    case "$1" in
        -h | --help)
            usage
            exit 0
            ;;
        --no-probes) probes=0 ;;
        --s3-probe) s3_probe=1 ;;
        --console-server)
            (($# >= 2)) || die "--console-server needs a server name or id"
            console_server="$2"
            shift
            ;;
        --console-server=*) console_server="${1#*=}" ;;
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
if ((probes == 0)); then
    s3_probe=0
fi

for tool in openstack jq curl; do
    command -v "$tool" >/dev/null || die "needs \`$tool\` on the PATH"
done

mkdir -p "$out"
work="$(mktemp -d)"
secret_href=""
security_group=""

cleanup() {
    # Leave nothing behind, also when a step failed half-way.
    if [[ -n "$secret_href" ]]; then
        openstack secret delete "$secret_href" >/dev/null 2>&1 || true
    fi
    if [[ -n "$security_group" ]]; then
        openstack security group delete "$security_group" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Writes stdin to $out/$1 once it is complete (no half-written files).
save() {
    cat >"$work/save.tmp"
    mv "$work/save.tmp" "$out/$1"
    note "wrote $out/$1"
}

# ---- flavors -----------------------------------------------------------------------------

# The public flavors, as the official suite lists them.
openstack flavor list --long -f json >"$work/flavors.json"
if jq -e 'all(.[]; has("Properties"))' "$work/flavors.json" >/dev/null; then
    save flavors.json <"$work/flavors.json"
else
    # An older client without the Properties column: one `flavor show` per flavor.
    note "flavor list --long prints no Properties: reading each flavor"
    mkdir -p "$work/flavors"
    n=0
    while IFS= read -r id; do
        n=$((n + 1))
        openstack flavor show -f json "$id" >"$work/flavors/$(printf '%05d' "$n").json"
    done < <(jq -r '.[].ID' "$work/flavors.json")
    if ((n > 0)); then
        jq -s '.' "$work"/flavors/*.json | save flavors.json
    else
        echo '[]' | save flavors.json
    fi
fi

# ---- images ------------------------------------------------------------------------------
# `image list` prints no properties (and `scs-check` rejects its output), so every image is
# read with `image show`. The default listing is what the official suite sees: public, shared
# and own images, not community or hidden ones.

mkdir -p "$work/images"
n=0
while IFS= read -r id; do
    n=$((n + 1))
    openstack image show -f json "$id" >"$work/images/$(printf '%05d' "$n").json"
done < <(openstack image list -f value -c ID)
if ((n > 0)); then
    jq -s '.' "$work"/images/*.json | save images.json
else
    echo '[]' | save images.json
fi

# ---- volume types ------------------------------------------------------------------------

openstack volume type list --long -f json | save volume_types.json

# ---- security groups ---------------------------------------------------------------------

if openstack default security group rule list -f json >"$work/default_rules.json" 2>"$work/err"; then
    save default_security_group_rules.json <"$work/default_rules.json"
else
    note "default security group rules not available ($(head -c 300 "$work/err" | tr '\n' ' '))"
    if ((probes == 1)); then
        note "creating a temporary security group to read the rules every new group gets"
        security_group="$(openstack security group create -f value -c id \
            --description "temporary group of collect-openstack.sh (scs-0115)" \
            "scs-0115-probe-$$")"
        openstack security group show -f json "$security_group" | save new_security_group.json
        openstack security group delete "$security_group"
        security_group=""
    else
        note "skipped the security group fallback (--no-probes)"
    fi
fi

# ---- catalog and roles -------------------------------------------------------------------

openstack catalog list -f json | save catalog.json

if openstack role assignment list --effective --auth-user --auth-project --names -f json \
    >"$work/roles.json" 2>"$work/err" && jq -e 'length > 0' "$work/roles.json" >/dev/null; then
    save roles.json <"$work/roles.json"
else
    # Listing role assignments is often reserved to administrators; the token's own body
    # (which every user may read) lists its roles.
    note "role assignment list refused ($(head -c 200 "$work/err" | tr '\n' ' ')); reading the token"
    token="$(openstack token issue -f value -c id)"
    identity="${OS_AUTH_URL:-}"
    if [[ -z "$identity" ]]; then
        identity="$(jq -r '[.[] | select(.Type == "identity") | .Endpoints
            | if type == "array" then .[] | select(.interface == "public") | .url else empty end][0]
            // empty' "$out/catalog.json")"
    fi
    [[ -n "$identity" ]] || die "no identity endpoint to read the token from (set OS_AUTH_URL)"
    identity="${identity%/}"
    [[ "$identity" == */v3 ]] || identity="$identity/v3"
    curl -sSf -H "X-Auth-Token: $token" -H "X-Subject-Token: $token" \
        "$identity/auth/tokens?nocatalog" | save roles.json
fi

# ---- key-manager probe (scs-0116) --------------------------------------------------------

# The outcome of a failed step from the client's error text.
outcome_of() {
    case "$1" in
        *403* | *Forbidden* | *forbidden*) echo forbidden ;;
        *404* | *"Not Found"* | *"not found"*) echo not_found ;;
        *) echo error ;;
    esac
}

probe='{}'
# record STEP OUTCOME [DETAIL]
record() {
    local step
    step="$(jq -cn --arg o "$2" --arg d "${3:-}" \
        'if $d == "" then {outcome: $o} else {outcome: $o, detail: $d} end')"
    probe="$(jq -c --arg k "$1" --argjson s "$step" '. + {($k): $s}' <<<"$probe")"
}
# fail STEP: records the failure of STEP from $work/err; returns 1.
fail() {
    local detail
    detail="$(head -c 300 "$work/err" | tr '\n' ' ' | sed 's/ *$//')"
    record "$1" "$(outcome_of "$detail")" "$detail"
    return 1
}

secret_name="scs-member-role-test-secret"
key_manager_probe() {
    local leftover hrefs
    if hrefs="$(openstack secret list --name "$secret_name" -f value -c "Secret href" 2>"$work/err")"; then
        for leftover in $hrefs; do
            openstack secret delete "$leftover" 2>"$work/err" || fail cleanup || return 0
        done
        record cleanup ok
    else
        fail cleanup || return 0
    fi
    secret_href="$(openstack secret store --name "$secret_name" --secret-type opaque \
        --payload-content-type text/plain --payload "scs-0116 probe" \
        -f value -c "Secret href" 2>"$work/err")" || fail create || return 0
    record create ok
    if hrefs="$(openstack secret list --name "$secret_name" -f value -c "Secret href" 2>"$work/err")"; then
        if grep -qxF "$secret_href" <<<"$hrefs"; then
            record list ok
        else
            record list not_found "the secret just created does not show in the listing"
            return 0
        fi
    else
        fail list || return 0
    fi
    openstack secret delete "$secret_href" 2>"$work/err" || fail delete || return 0
    secret_href=""
    record delete ok
}

if jq -e 'any(.[]; .Type == "key-manager")' "$out/catalog.json" >/dev/null; then
    if ((probes == 1)); then
        key_manager_probe
        jq '.' <<<"$probe" | save key_manager_probe.json
    else
        note "skipped the key-manager probe (--no-probes): scs-0116-permissions will ABORT"
    fi
else
    # Nothing to probe: the rule applies only where a key manager is offered.
    echo '{}' | save key_manager_probe.json
fi

# ---- S3 probe (scs-0123-swift-s3, optional) ----------------------------------------------

if ((s3_probe == 1)); then
    curl --help all | grep -q -- --aws-sigv4 || die "the S3 probe needs curl 7.75 or later"
    swift="$(jq -r '[.[] | select(.Type == "object-store") | .Endpoints
        | if type == "array" then .[] | select(.interface == "public") | .url else empty end][0]
        // empty' "$out/catalog.json")"
    if [[ "$swift" =~ ^(https?://[^/]*)/ ]]; then
        host="${BASH_REMATCH[1]}"
        : >"$work/s3.xml"
        status="$(curl -sS -o "$work/s3.xml" -w '%{http_code}' \
            --aws-sigv4 "aws:amz:us-east-1:s3" --user "doesnotexist:" "$host/" 2>"$work/err")" ||
            status="000"
        body="$(head -c 500 "$work/s3.xml" | tr '\n' ' ')"
        if [[ "$status" == 200 ]] && grep -q "ListAllMyBucketsResult" "$work/s3.xml"; then
            jq -n --arg e "$host" '{endpoint: $e, outcome: "listed"}' | save s3_probe.json
        else
            code="$(sed -n 's:.*<Code>\([^<]*\)</Code>.*:\1:p' "$work/s3.xml" | head -n 1 || true)"
            if [[ -n "$code" ]]; then
                text="An error occurred ($code) when calling the ListBuckets operation (HTTP $status): $body"
            elif [[ "$status" == 000 ]]; then
                text="no answer: $(head -c 300 "$work/err" | tr '\n' ' ')"
            else
                text="HTTP $status: $body"
            fi
            jq -n --arg e "$host" --arg t "$text" '{endpoint: $e, outcome: "error", error: $t}' |
                save s3_probe.json
        fi
    else
        note "no public object-store endpoint of the form scheme://host/…: no S3 probe written"
    fi
fi

# ---- console output of the entropy test VM (scs-0101, optional) --------------------------

if [[ -n "$console_server" ]]; then
    openstack console log show "$console_server" | save console.log
fi

note "done: scs-check iaas $out"
