// scripts/setup.sh after the test command's own set-up (stage 1 of scripts/test.sh): a second run
// of each group finds everything in place and installs nothing. A check that never recognizes
// what it installed (a version printed differently, a wrong path) would reinstall on every run.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function setup(...groups) {
  const r = spawnSync("bash", [path.join(ROOT, "scripts", "setup.sh"), ...groups], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

for (const group of ["native", "demo", "test"]) {
  test(`setup.sh ${group}: a second run installs nothing`, (t) => {
    const { status, out } = setup(group);
    assert.equal(status, 0, out);
    assert.doesNotMatch(out, /^setup: installing/m, out);
    const summary = out.trim().split("\n").at(-1);
    assert.match(summary, new RegExp(`^setup: ${group} ready, nothing to install \\(.+\\) in \\d+\\.\\d s$`), out);
    t.diagnostic(summary);
  });
}

test("setup.sh: the test group checks what the demo group does, and more", () => {
  const listed = (group) => /\((.+)\) in /.exec(setup(group).out)?.[1].split(", ") ?? [];
  const demo = listed("demo");
  const all = listed("test");
  for (const item of ["wasm32 target", "tools/ npm ci"]) assert.ok(demo.includes(item), `demo checks ${item}`);
  assert.ok(demo.some((i) => /^wasm-bindgen \d/.test(i)) && demo.some((i) => /^wasm-pack \d/.test(i)));
  for (const item of demo) assert.ok(all.includes(item), `test checks ${item} too`);
  assert.ok(all.includes("CJK font") && all.some((i) => /^chromium and chromedriver \d+$/.test(i)));
  assert.ok(!all.some((i) => i.startsWith("cargo-fuzz")), "the test command does not wait for cargo-fuzz");
});

test("setup.sh: an unknown group is a usage error", () => {
  const { status, out } = setup("everything");
  assert.equal(status, 2);
  assert.match(out, /^usage: bash scripts\/setup\.sh/m);
});
