#!/bin/sh
# Runs scs-check from this repository's sources with the arguments given. A scope file names
# this script as a check script's `executable`; the official runner starts it in this folder.
here=$(cd "$(dirname "$0")" && pwd)
exec cargo run -q --manifest-path "$here/../../Cargo.toml" -p scs-check -- "$@"
