// scripts/build.mjs: its TOML reader (scripts/toml.mjs), the declarations in wasm-pack.toml, and the
// consistency of wasm/Cargo.toml with them (wasm-pack must never run wasm-opt itself).

import assert from "node:assert/strict";
import { test } from "node:test";
import { checkCargoConsistency, loadConfig, packageJson } from "../../scripts/build.mjs";
import { parseToml } from "../../scripts/toml.mjs";

test("TOML is read in full (smol-toml): inline tables, literal strings, dotted keys, trailing commas", () => {
  const t = parseToml(
    `# comment
[a]
s = "x # not a comment" # comment
lit = 'C:\\no\\escapes'
n = 3
b = false
inline = { x = 1, y = ["p", "q"] }
dotted.key = true
[a.b-c]
arr = [
  "-Oz", # first
  "--enable-bulk-memory",
]
`,
  );
  // smol-toml builds tables without a prototype (no key can reach Object.prototype).
  assert.deepEqual(JSON.parse(JSON.stringify(t)), {
    a: {
      s: "x # not a comment",
      lit: "C:\\no\\escapes",
      n: 3,
      b: false,
      inline: { x: 1, y: ["p", "q"] },
      dotted: { key: true },
      "b-c": { arr: ["-Oz", "--enable-bulk-memory"] },
    },
  });
});

test("invalid TOML is an error naming the file, line and column, never a guess", () => {
  for (const [bad, line] of [
    ["k = bare", 1],
    ["[a]\nk = 1\nk = 2", 3],
    ['k = ["unterminated"', 1],
    ["[a b]", 1],
    ["ok = 1\njust words", 2],
  ])
    assert.throws(() => parseToml(bad, "t.toml"), new RegExp(`^Error: t\\.toml:${line}:\\d+: `), bad);
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
