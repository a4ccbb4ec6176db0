// The assembled npm package in pkg/: its manifest, its exports map, and every entry point
// (ESM import, CommonJS require, the ./web subpath) loaded in Node through the package name.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { DW_SAMPLE, PKG, removeTemp, requirePackage, run, tempDir } from "./support.mjs";

// The default build has the `feed` feature: cleanFeed and cleanFeedToJson are exported too.
const API = ["clean", "cleanToJson", "cleanDocument", "isProbablyReaderable", "rules", "version", "contractVersion", "cleanFeed", "cleanFeedToJson"];
let project; // a temp project whose node_modules/article-cleaner links to pkg/

before(() => {
  requirePackage();
  project = tempDir("link");
  fs.mkdirSync(path.join(project, "node_modules"));
  fs.symlinkSync(PKG, path.join(project, "node_modules", "article-cleaner"), "dir");
  fs.writeFileSync(path.join(project, "package.json"), '{ "private": true }\n');
});
after(() => removeTemp(project));

const manifest = () => JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8"));

/** Runs a module in the temp project and returns its stdout parsed as JSON. */
async function runIn(file, source) {
  fs.writeFileSync(path.join(project, file), source);
  const { stdout } = await run(process.execPath, [file], { cwd: project });
  return JSON.parse(stdout);
}

test("manifest: one package named article-cleaner, versioned like the crate", () => {
  const m = manifest();
  assert.equal(m.name, "article-cleaner");
  const cargo = fs.readFileSync(path.join(PKG, "..", "Cargo.toml"), "utf8");
  assert.equal(m.version, /^version = "(.*)"$/m.exec(cargo)[1]);
  assert.equal(m.type, "module");
  assert.equal(m.license, "MIT OR Apache-2.0");
});

test("every file the exports map, main, module and types name exists", () => {
  const m = manifest();
  const targets = [];
  const walk = (v) => {
    if (typeof v === "string") targets.push(v);
    else for (const x of Object.values(v)) walk(x);
  };
  walk(m.exports);
  targets.push(m.main, m.module, m.types);
  for (const t of targets) {
    if (t.includes("*")) continue;
    assert.ok(fs.existsSync(path.join(PKG, t)), `${t} is named in package.json but missing`);
  }
  for (const cond of ["node", "browser", "import", "default"])
    assert.ok(m.exports["."][cond], `exports["."] has no ${cond} condition`);
  assert.ok(m.exports["./web"], "./web subpath");
  // Conditions are matched in order: "types" must come first in each object.
  const checkOrder = (v) => {
    if (typeof v !== "object") return;
    const keys = Object.keys(v);
    if (keys.includes("types")) assert.equal(keys[0], "types", `types is not first in ${JSON.stringify(v)}`);
    Object.values(v).forEach(checkOrder);
  };
  checkOrder(m.exports);
});

test("every file npm would publish is one the package needs (no stray build files)", async () => {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], { cwd: PKG });
  const files = JSON.parse(stdout)[0].files.map((f) => f.path).sort();
  for (const f of files)
    assert.match(f, /^(package\.json|README\.md|index\.(js|d\.ts)|browser\.js|(web|bundler|nodejs)\/(article_cleaner(_bg)?\.(js|wasm|d\.ts)|article_cleaner_bg\.wasm\.d\.ts|package\.json))$/, f);
  for (const f of ["index.js", "index.d.ts", "browser.js", "nodejs/article_cleaner_bg.wasm", "web/article_cleaner_bg.wasm"])
    assert.ok(files.includes(f), `${f} not published`);
});

test("Node ESM: import { clean } from 'article-cleaner'", async () => {
  const out = await runIn(
    "esm.mjs",
    `import { clean, cleanToJson, rules, version, contractVersion } from "article-cleaner";
     import * as all from "article-cleaner";
     import { readFileSync } from "node:fs";
     const html = readFileSync(${JSON.stringify(DW_SAMPLE)}, "utf8");
     const a = clean(html);
     console.log(JSON.stringify({ keys: Object.keys(all).sort(), title: a.title, version: version(),
       contract: contractVersion(), rules: rules().length, same: JSON.stringify(a) === cleanToJson(html),
       withNull: cleanToJson(html, null) === cleanToJson(html) }));`,
  );
  assert.deepEqual(out.keys, [...API].sort());
  assert.equal(out.title, "美中官員互動起死回生　經濟工作組北京首會");
  assert.equal(out.version, manifest().version);
  assert.equal(out.contract, 1);
  assert.ok(out.rules > 0);
  assert.equal(out.same, true);
  assert.equal(out.withNull, true);
});

test("CommonJS: require('article-cleaner'), one instance shared with ESM import", async () => {
  const out = await runIn(
    "cjs.cjs",
    `const { clean } = require("article-cleaner");
     const a = clean("<p>Hello <script>x()</script>world</p>");
     import("article-cleaner").then((esm) => console.log(JSON.stringify({
       content: a.content, sameFunction: esm.clean === clean })));`,
  );
  assert.equal(out.content, "<p>Hello world</p>");
  assert.equal(out.sameFunction, true);
});

test("errors: a JS Error with name, code and path", async () => {
  const out = await runIn(
    "err.mjs",
    `import { clean } from "article-cleaner";
     try { clean("<p>x</p>", { url: 5 }); console.log("null"); }
     catch (e) { console.log(JSON.stringify({ isError: e instanceof Error, name: e.name, code: e.code,
       path: e.path, message: e.message })); }`,
  );
  assert.equal(out.isError, true);
  assert.equal(out.name, "ArticleCleanerError");
  assert.equal(out.code, "INVALID_OPTIONS");
  assert.equal(out.path, "url");
  assert.match(out.message, /url/);
});

test("cleanDocument() in Node: a typed NO_DOCUMENT error (ESM and CommonJS), not a ReferenceError", async () => {
  const probe = (imp) => `
     const errs = [];
     for (const arg of [undefined, null, "<p>x</p>", {}]) {
       try { cleanDocument(arg); errs.push(null); }
       catch (e) { errs.push({ isError: e instanceof Error, name: e.name, code: e.code, message: e.message }); }
     }
     console.log(JSON.stringify(errs));`;
  const esm = await runIn("doc.mjs", `import { cleanDocument } from "article-cleaner";
${probe()}`);
  const cjs = await runIn("doc.cjs", `const { cleanDocument } = require("article-cleaner");
${probe()}`);
  for (const errs of [esm, cjs]) {
    assert.equal(errs.length, 4);
    for (const e of errs) {
      assert.ok(e, "cleanDocument() returned in Node");
      assert.deepEqual([e.isError, e.name, e.code], [true, "ArticleCleanerError", "NO_DOCUMENT"]);
    }
    // Without an argument: there is no DOM here; with a wrong one: it is not a document.
    assert.match(errs[0].message, /this environment has none \(Node\.js or a worker\)/);
    assert.match(errs[2].message, /needs a DOM Document/);
  }
});

test("./web subpath in Node: initSync with the bytes; init() before use is required", async () => {
  const out = await runIn(
    "web.mjs",
    `import init, { initSync, clean } from "article-cleaner/web";
     import { readFileSync } from "node:fs";
     import { createRequire } from "node:module";
     let before = null;
     try { clean("<p>x</p>"); } catch (e) { before = e.constructor.name; }
     const wasm = createRequire(import.meta.url).resolve("article-cleaner/web/article_cleaner_bg.wasm");
     initSync({ module: readFileSync(wasm) });
     console.log(JSON.stringify({ before, title: clean(readFileSync(${JSON.stringify(DW_SAMPLE)}, "utf8")).title,
       initIsFunction: typeof init === "function" }));`,
  );
  assert.equal(out.title, "美中官員互動起死回生　經濟工作組北京首會");
  assert.equal(out.initIsFunction, true);
  assert.equal(out.before, "TypeError", "calling before init must fail, not silently work");
});

test("no `any` in any declaration file the package ships", () => {
  const dts = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".d.ts")) dts.push(p);
    }
  };
  walk(PKG);
  assert.ok(dts.length >= 4, `found only ${dts.length} .d.ts files`);
  for (const f of dts) {
    // Drop comments, then look for `any` as a type.
    const code = fs
      .readFileSync(f, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    const m = /[:<,|(]\s*any\b|\bany\s*[>,|)\]\[;]/.exec(code);
    assert.equal(m, null, `${path.relative(PKG, f)}: \`any\` in ${m && code.slice(m.index - 60, m.index + 40)}`);
  }
  const index = fs.readFileSync(path.join(PKG, "index.d.ts"), "utf8");
  assert.match(index, /export function clean\(input: string \| Uint8Array, options\?: CleanOptions \| null\): Article;/);
  assert.match(index, /export function cleanToJson\(input: string \| Uint8Array, options\?: CleanOptions \| null\): string;/);
  assert.match(index, /export function cleanDocument\(doc\?: Document \| null, options\?: CleanOptions \| null\): Article;/);
  assert.doesNotMatch(index, /export function start\(/);
});
