// scripts/build.mjs: its strict TOML-subset reader, the declarations in wasm-pack.toml, and the
// consistency of wasm/Cargo.toml with them (wasm-pack must never run wasm-opt itself).

import assert from "node:assert/strict";
import { test } from "node:test";
import { checkCargoConsistency, loadConfig, packageJson, parseTomlSubset } from "../../scripts/build.mjs";

test("TOML subset: tables, strings, integers, booleans, multi-line string arrays, comments", () => {
  const t = parseTomlSubset(
    `# comment
[a]
s = "x # not a comment" # comment
n = 3
b = false
[a.b-c]
arr = [
  "-Oz", # first
  "--enable-bulk-memory",
]
empty = []
`,
  );
  assert.deepEqual(t, {
    a: { s: "x # not a comment", n: 3, b: false, "b-c": { arr: ["-Oz", "--enable-bulk-memory"], empty: [] } },
  });
});

test("TOML subset: anything outside the subset is an error, never a guess", () => {
  for (const bad of [
    "k = bare",
    "k = { a = 1 }",
    "k = [1, 2]",
    "k = 'single'",
    "[a]\nk = 1\nk = 2",
    "k = [\"unterminated\"",
    "[a b]",
    "just words",
  ])
    assert.throws(() => parseTomlSubset(bad, "t.toml"), /t\.toml:\d+:/, bad);
});

test("wasm-pack.toml declares the three targets and release/fast/dev profiles; Cargo.toml agrees", () => {
  const cfg = loadConfig();
  assert.deepEqual([...cfg.targets].sort(), ["bundler", "nodejs", "web"]);
  assert.equal(cfg.defaultProfile, "release");
  assert.equal(cfg.profiles.release["cargo-profile"], "wasm-release");
  assert.ok(cfg.profiles.release["wasm-opt"].includes("-Oz"));
  // Smaller over the wire (gzip/brotli) without memory-packing; see docs/size.md.
  assert.ok(cfg.profiles.release["wasm-opt"].includes("--skip-pass=memory-packing"));
  assert.equal(cfg.profiles.dev["wasm-opt"], false);
  // The speed-for-size profile: same wasm-opt flags as release, its own cargo profile.
  assert.equal(cfg.profiles.fast["cargo-profile"], "wasm-fast");
  assert.deepEqual(cfg.profiles.fast["wasm-opt"], cfg.profiles.release["wasm-opt"]);
  assert.equal(cfg.outName, "article_cleaner");
  checkCargoConsistency(cfg); // throws on drift
});

test("package.json: exports conditions for Node (import/require), browsers, ./web", () => {
  const p = packageJson(loadConfig());
  assert.equal(p.name, "article-cleaner");
  const dot = p.exports["."];
  assert.equal(dot.node.import.default, "./index.js");
  assert.equal(dot.node.require.default, "./nodejs/article_cleaner.js");
  assert.equal(dot.browser.default, "./browser.js");
  assert.equal(p.exports["./web"].default, "./web/article_cleaner.js");
  // Node must be matched before the browser/import conditions.
  assert.deepEqual(Object.keys(dot), ["node", "browser", "import", "default"]);
});
