#!/usr/bin/env bash
# What CI runs (`cargo xtask test`, from the repository root): both fuzz
# targets, sharing WAYMARK_FUZZ_SECONDS (default 60) between them.
set -euo pipefail
total=${WAYMARK_FUZZ_SECONDS:-60}
each=$(( (total + 1) / 2 ))
# cargo-fuzz looks for the package it fuzzes from the current directory up,
# and the repository root is a workspace without a package: run from
# crate/core, with the fuzz directory named.
cd "$(dirname "$0")/../core"
mkdir -p ../fuzz/corpus/decode ../fuzz/corpus/messages
RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir ../fuzz decode ../fuzz/corpus/decode ../fuzz/seeds/decode tests/share_corpus \
  -- -max_total_time="$each" -max_len=20000
RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir ../fuzz messages ../fuzz/corpus/messages ../fuzz/seeds/messages \
  -- -max_total_time="$each" -max_len=8192
