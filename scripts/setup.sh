#!/usr/bin/env bash
# The project's one set-up script. The README's two commands and .ci/run reach it:
#   node scripts/serve.mjs  → node scripts/build.mjs web → bash scripts/setup.sh demo
#   bash scripts/test.sh    → bash scripts/setup.sh test  (--quick: native)
#   bash .ci/run            → bash scripts/test.sh, then scripts/fuzz-short.sh → setup.sh fuzz
#
#   bash scripts/setup.sh GROUP...
#
# Groups (each installs only what is missing or at the wrong version; a second run installs nothing):
#   native  rustfmt and clippy (rustup components)
#   demo    the wasm build: Rust's wasm32-unknown-unknown target, wasm-pack, wasm-bindgen-cli at
#           Cargo.lock's wasm-bindgen version, `npm ci` in tools/ (wasm-opt from npm binaryen, the
#           TOML reader, playwright-core, typescript); checks Node.js >= 20.19
#   test    native + demo + Chromium and chromedriver (Debian) and a CJK font (Debian
#           fonts-wqy-microhei: Chinese, Japanese and Korean in the browser tests' screenshots)
#   fuzz    cargo-fuzz (only the short fuzz run of .ci/run needs it)
#
# Assumed present: Rust through rustup (cargo, rustc, rustup), Node.js >= 20.19 with npm, and for
# `test` apt-get as root (or sudo). Everything comes from the package registries (crates.io, npm,
# Debian): no release binary of wasm-pack or wasm-bindgen-cli is published on any of them (npm's
# wasm-pack downloads one from GitHub at install time), so those two are built from source, once.
# cargo installs into ${CARGO_INSTALL_ROOT:-${CARGO_HOME:-~/.cargo}}/bin, and the build looks there
# first. The times it announces were measured on a 2-core machine (the README has the figures).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bash scripts/setup.sh <native|demo|test|fuzz>..." >&2; exit 2; }
[ $# -gt 0 ] || usage

WASM_PACK_VERSION=0.15.1 # the version the build is tested with; an older one is replaced
CARGO_FUZZ_VERSION=0.13.2
NODE_MIN=20.19.0
APT_PACKAGES=(chromium chromium-driver fonts-wqy-microhei)

CARGO_BIN="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
export PATH="$CARGO_BIN:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}" npm_config_update_notifier=false npm_config_fund=false

T0=$EPOCHREALTIME
CHECKED=()
INSTALLED=()
say() { echo "setup: $*"; }
die() { echo "setup: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
# version_ge A B: A >= B in version order
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }
elapsed() { # elapsed SINCE → seconds with one decimal
  awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}
installing() { # installing WHAT HOW ROUGH-TIME
  say "installing $1 — $2 (about $3)"
  STEP_T0=$EPOCHREALTIME
}
installed() { # installed WHAT
  local took
  took=$(elapsed "$STEP_T0")
  INSTALLED+=("$1 (${took} s)")
  say "installed $1 in ${took} s"
}

# ---- checks and installs, one function per tool ------------------------------------------------

need_rust_and_node() {
  have cargo && have rustc || die "Rust is required and is not installed by this script: install it with rustup (https://rustup.rs)"
  have node && have npm || die "Node.js >= $NODE_MIN with npm is required and is not installed by this script"
  local node_version
  node_version=$(node --version)
  node_version=${node_version#v}
  version_ge "$node_version" "$NODE_MIN" || die "Node.js >= $NODE_MIN is required (found $node_version)"
  CHECKED+=("node $node_version")
}

rust_components() {
  local missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  if [ ${#missing[@]} -gt 0 ]; then
    have rustup || die "${missing[*]} missing and no rustup to add them"
    installing "${missing[*]}" "rustup component add, one download each" "under a minute"
    rustup component add "${missing[@]}"
    installed "${missing[*]}"
  fi
  CHECKED+=("rustfmt" "clippy")
}

wasm32_target() {
  # The standard library for wasm32 sits in the sysroot of the active toolchain.
  if [ ! -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown/lib" ]; then
    have rustup || die "the wasm32-unknown-unknown target is missing and there is no rustup to add it"
    installing "Rust target wasm32-unknown-unknown" "rustup target add, one download" "under a minute"
    rustup target add wasm32-unknown-unknown
    installed "wasm32-unknown-unknown"
  fi
  CHECKED+=("wasm32 target")
}

wasm_pack() {
  local v
  v=$(wasm-pack --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ -z "$v" ] || ! version_ge "$v" "$WASM_PACK_VERSION"; then
    installing "wasm-pack $WASM_PACK_VERSION${v:+ (found $v)}" "cargo install --locked from crates.io, a source build" "2 min on an idle 2-core machine, 10 when it is busy"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
    installed "wasm-pack $WASM_PACK_VERSION"
    v=$WASM_PACK_VERSION
  fi
  CHECKED+=("wasm-pack $v")
}

wasm_bindgen_version() { # the version pinned in Cargo.lock; the CLI must match it exactly
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

wasm_bindgen_cli() {
  local want
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || die "wasm-bindgen not found in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $want" ] \
    || [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $want" ]; then
    # No --locked: a locked dependency of the CLI is missing from the registry (docs TOOLCHAIN).
    # No default features: they only add TLS (rustls, ring) for remote WebDriver servers; the
    # test runner talks plain HTTP to a local chromedriver.
    installing "wasm-bindgen-cli $want (wasm-bindgen, wasm-bindgen-test-runner)" \
      "cargo install from crates.io, a source build" "2 min on an idle 2-core machine, 10 when it is busy"
    cargo install wasm-bindgen-cli --version "$want" --no-default-features --force
    installed "wasm-bindgen-cli $want"
  fi
  CHECKED+=("wasm-bindgen $want")
}

# tools/node_modules matches tools/package-lock.json when npm's own record of what it installed
# (node_modules/.package-lock.json) names the same package versions.
tools_match_lock() {
  node -e '
    const fs = require("fs");
    const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")).packages; } catch { return null; } };
    const want = read("tools/package-lock.json"), have = read("tools/node_modules/.package-lock.json");
    if (!want || !have) process.exit(1);
    for (const [k, v] of Object.entries(want))
      if (k && !v.optional && (!have[k] || have[k].version !== v.version)) process.exit(1);
  '
}

tools_npm() {
  if ! tools_match_lock || [ ! -x tools/node_modules/.bin/wasm-opt ]; then
    installing "the npm packages of tools/package.json (wasm-opt from binaryen, …)" \
      "npm ci from the npm registry" "15 s"
    (cd tools && npm ci --no-audit --no-fund --loglevel=error)
    installed "tools/ npm packages"
  fi
  CHECKED+=("tools/ npm ci")
  if [ -x /usr/bin/wasm-opt ]; then
    say "note: /usr/bin/wasm-opt (Debian binaryen) is present; the build uses tools/node_modules/.bin/wasm-opt instead"
  fi
}

cargo_fuzz() {
  local v
  v=$(cargo fuzz --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ -z "$v" ]; then
    installing "cargo-fuzz $CARGO_FUZZ_VERSION" "cargo install --locked from crates.io, a source build" "1–2 min on an idle 2-core machine, more when it is busy"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
    installed "cargo-fuzz $CARGO_FUZZ_VERSION"
    v=$CARGO_FUZZ_VERSION
  fi
  CHECKED+=("cargo-fuzz $v")
}

chromium_major() { chromium --version 2>/dev/null | awk '{ split($2, v, "."); print v[1] }'; }
chromedriver_major() { chromedriver --version 2>/dev/null | awk '{ split($2, v, "."); print v[1] }'; }
cjk_fonts_present() {
  have fc-list || return 1
  local lang
  for lang in zh-cn zh-tw ja ko; do
    [ -n "$(fc-list ":lang=$lang" family 2>/dev/null)" ] || return 1
  done
}

apt_install() {
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    have sudo || die "installing ${*} with apt-get needs root (or sudo)"
    sudo=(sudo)
  fi
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  # Try with the package lists the machine has; a fresh machine has none (or stale ones): update.
  if ! "${apt[@]}" install -y --no-install-recommends "$@"; then
    "${apt[@]}" update
    "${apt[@]}" install -y --no-install-recommends "$@"
  fi
}

browser_and_fonts() {
  local c d
  c=$(chromium_major || true)
  d=$(chromedriver_major || true)
  if [ -z "$c" ] || [ "$c" != "$d" ] || ! cjk_fonts_present; then
    have apt-get || die "Chromium, chromedriver and a CJK font are installed with apt-get, which this machine lacks"
    installing "${APT_PACKAGES[*]}" "apt-get from Debian, about 135 MB" "1 min; the font alone 3 s"
    apt_install "${APT_PACKAGES[@]}"
    installed "${APT_PACKAGES[*]}"
    c=$(chromium_major)
    d=$(chromedriver_major)
    [ "$c" = "$d" ] || die "chromium $c and chromedriver $d differ after installing"
    cjk_fonts_present || die "no font for Chinese, Japanese and Korean after installing fonts-wqy-microhei"
  fi
  CHECKED+=("chromium and chromedriver $c" "CJK font")
}

# ---- groups -------------------------------------------------------------------------------------

GROUPS_DONE=" "
run_group() {
  case " $GROUPS_DONE " in *" $1 "*) return ;; esac
  GROUPS_DONE+="$1 "
  case "$1" in
    native) need_rust_and_node; rust_components ;;
    demo) need_rust_and_node; wasm32_target; wasm_pack; wasm_bindgen_cli; tools_npm ;;
    test) run_group native; run_group demo; browser_and_fonts ;;
    fuzz) need_rust_and_node; cargo_fuzz ;;
    *) usage ;;
  esac
}

for g in "$@"; do run_group "$g"; done

# One line per run: what was checked, what (if anything) was installed, and how long it all took.
summary=$(printf '%s\n' "${CHECKED[@]}" | awk '!seen[$0]++ { printf "%s%s", (n++ ? ", " : ""), $0 }')
if [ ${#INSTALLED[@]} -eq 0 ]; then
  say "$* ready, nothing to install ($summary) in $(elapsed "$T0") s"
else
  say "$* ready in $(elapsed "$T0") s; installed: $(printf '%s\n' "${INSTALLED[@]}" | paste -sd ';' - | sed 's/;/; /g')"
fi
