#!/usr/bin/env bash
# Runs both cargo-fuzz targets briefly (default 30 s each, ~60 s in all) from the committed corpus
# and seeds. Installs cargo-fuzz first when missing (bash scripts/setup.sh fuzz). Only stable Rust
# is assumed: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its -Z flags, and `-s none` builds without a
# sanitizer (libFuzzer coverage only).
# A crash leaves its input in fuzz/artifacts/<target>/ and exits non-zero.
# Usage: scripts/fuzz-short.sh [seconds-per-target]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh fuzz
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$PATH"
cd fuzz
secs="${1:-30}"
export RUSTC_BOOTSTRAP=1
for target in clean_raw clean_structured; do
  mkdir -p "corpus/$target" "artifacts/$target"
  dirs=("corpus/$target")
  [ -d "seeds/$target" ] && dirs+=("seeds/$target")
  # Fresh inputs go to a scratch copy so the committed corpus stays as reviewed.
  work="$(mktemp -d)"
  cp -r "corpus/$target/." "$work/" 2>/dev/null || true
  cargo fuzz run -s none -O "$target" "$work" "${dirs[@]:1}" -- \
    -max_total_time="$secs" -max_len=65536 -timeout=20 -rss_limit_mb=3000 -print_final_stats=1
  rm -rf "$work"
done
