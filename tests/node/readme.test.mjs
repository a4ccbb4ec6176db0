// The README's npm example runs against the built package, and prints what its comments say.
// Every block after a `<!-- readme-test: node -->` marker is run as an ES module in a project
// where `article-cleaner` resolves to pkg/; each `console.log(X); // JSON` line becomes a check
// that JSON.stringify(X) equals the commented JSON.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { PKG, removeTemp, requirePackage, ROOT, run, tempDir } from "./support.mjs";

const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const blocks = [...readme.matchAll(/<!-- readme-test: node -->\s*```js\n([\s\S]*?)```/g)].map((m) => m[1]);
let project;
after(() => removeTemp(project));

test("README has a tested npm example", () => {
  assert.ok(blocks.length >= 1, "no <!-- readme-test: node --> block in README.md");
});

blocks.forEach((code, i) => {
  test(`README example ${i + 1} runs and prints what it says`, async () => {
    requirePackage();
    project ??= tempDir("readme");
    fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
    const link = path.join(project, "node_modules", "article-cleaner");
    if (!fs.existsSync(link)) fs.symlinkSync(PKG, link, "dir");
    let checks = 0;
    const instrumented = code.replace(/^(\s*)console\.log\((.*)\);\s*\/\/ (.+)$/gm, (_, indent, expr, expected) => {
      checks++;
      return `${indent}__check(${JSON.stringify(expr)}, ${expr}, ${JSON.stringify(expected.trim())});`;
    });
    assert.ok(checks > 0, "the example has no `console.log(x); // expected` lines");
    const file = path.join(project, `example-${i + 1}.mjs`);
    fs.writeFileSync(
      file,
      `const __results = [];
       function __check(expr, value, expected) { __results.push({ expr, actual: JSON.stringify(value), expected }); }
       process.on("exit", () => console.log(JSON.stringify(__results)));
       ${instrumented}`,
    );
    const { stdout } = await run(process.execPath, [file], { cwd: project });
    const results = JSON.parse(stdout.trim().split("\n").pop());
    assert.equal(results.length, checks, "not every checked line ran");
    for (const r of results) assert.equal(r.actual, r.expected, `README: console.log(${r.expr})`);
  });
});
