#!/usr/bin/env bash
# All the project's tests, in order; stops at the first failure.
#
#   bash scripts/test.sh          everything: Rust checks and tests, the wasm package build, the wasm
#                                 tests (Node and headless Chrome), the Node and browser tests, and
#                                 the README's demo command in a fresh clone
#   bash scripts/test.sh --quick  native only: fmt, clippy, cargo test
#
# First it runs `bash scripts/setup.sh test` (`native` with --quick), which installs whatever of
# the tools is missing and skips what is there. On a machine with only Rust (rustup), Node.js
# >= 20.19 and apt-get, this command is the whole set-up.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
# wasm-opt (npm binaryen), tsc and playwright-core from tools/, then what `cargo install` put in
# place (scripts/setup.sh installs there), ahead of anything on the system.
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$PATH"

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
  *) echo "usage: bash scripts/test.sh [--quick]" >&2; exit 2 ;;
esac

START=$SECONDS
STAGE="(setup)"
STAGES_RUN=0
if [ "$QUICK" = 1 ]; then TOTAL=4; else TOTAL=10; fi

finish() {
  local rc=$?
  local took=$((SECONDS - START))
  if [ "$rc" -eq 0 ]; then
    echo "test.sh: PASSED — $STAGES_RUN/$TOTAL stages in ${took}s"
  else
    echo "test.sh: FAILED at stage \"$STAGE\" (exit $rc) after ${took}s" >&2
  fi
}
trap finish EXIT

stage() {
  STAGE=$1
  STAGES_RUN=$((STAGES_RUN + 1))
  STAGE_START=$SECONDS
  echo
  echo "==> [$STAGES_RUN/$TOTAL] $STAGE"
}
stage_done() { echo "    ($STAGE: $((SECONDS - STAGE_START))s)"; }

if [ "$QUICK" = 1 ]; then stage "set-up: bash scripts/setup.sh native"; else stage "set-up: bash scripts/setup.sh test"; fi
if [ "$QUICK" = 1 ]; then bash scripts/setup.sh native; else bash scripts/setup.sh test; fi
stage_done

stage "cargo fmt --check"
cargo fmt --all --check
stage_done

if [ "$QUICK" = 1 ]; then stage "cargo clippy (native, warnings are errors)"; else stage "cargo clippy (native and wasm32, warnings are errors)"; fi
cargo clippy --workspace --all-targets -- -D warnings
if [ "$QUICK" = 0 ]; then
  # The wasm boundary's tests only compile for wasm32.
  cargo clippy -p article-cleaner-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
fi
stage_done

stage "cargo test (workspace)"
cargo test --workspace
stage_done

[ "$QUICK" = 1 ] && exit 0

# ---- the wasm package ----------------------------------------------------------------------
stage "build: node scripts/build.mjs all (+ native CLI for the parity test)"
node scripts/build.mjs all
cargo build --bin article-cleaner
export ARTICLE_CLEANER_BIN="$ROOT/target/debug/article-cleaner"
stage_done

stage "wasm tests in Node: wasm-pack test --node wasm"
wasm-pack test --node wasm
stage_done

stage "wasm tests in headless Chrome: wasm-pack test --headless --chrome wasm"
CHROMEDRIVER=$(command -v chromedriver)
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" wasm
stage_done

stage "Node tests: node --test tests/node/*.test.mjs"
shopt -s nullglob
NODE_TESTS=(tests/node/*.test.mjs)
[ ${#NODE_TESTS[@]} -gt 0 ] || { echo "test.sh: no tests/node/*.test.mjs" >&2; exit 1; }
node --test "${NODE_TESTS[@]}"
stage_done

stage "browser tests (Chromium): node --test tests/browser/*.test.mjs"
BROWSER_TESTS=(tests/browser/*.test.mjs)
[ ${#BROWSER_TESTS[@]} -gt 0 ] || { echo "test.sh: no tests/browser/*.test.mjs" >&2; exit 1; }
node --test "${BROWSER_TESTS[@]}"
stage_done

stage "set-up: setup.sh installs nothing on a second run; the README's demo command in a fresh clone"
node --test tests/setup/*.test.mjs
stage_done
