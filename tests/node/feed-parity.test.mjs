// cleanFeed: native and wasm give the same bytes on every feed document under
// tests/fixtures/feed-documents/. The native CLI's `article-cleaner --feed FILE` output equals
// `cleanFeedToJson(bytes)` from the nodejs build (the file as a Uint8Array: the charset is
// decoded inside, as the CLI does) plus the CLI's newline; `cleanFeed` gives the same value as an
// object; a UTF-8 document given as a string gives the same bytes. Errors agree by code.
//
// The CLI binary: $ARTICLE_CLEANER_BIN, else the newer of target/release and target/debug.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { FIXTURES, PKG, ROOT } from "./support.mjs";

const DOCS = path.join(FIXTURES, "feed-documents");

function cliBinary() {
  if (process.env.ARTICLE_CLEANER_BIN) return path.resolve(ROOT, process.env.ARTICLE_CLEANER_BIN);
  const found = ["release", "debug"]
    .map((p) => path.join(ROOT, "target", p, "article-cleaner"))
    .filter((f) => fs.existsSync(f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!found.length) throw new Error("no native CLI: run `cargo build --bin article-cleaner` first");
  return found[0];
}

function cli(bin, args, input) {
  return new Promise((resolve) => {
    const child = execFile(bin, args, { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ status: err ? (err.code ?? 1) : 0, stdout, stderr: stderr.toString("utf8") }),
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

function wasmBuild() {
  const file = path.join(PKG, "nodejs", "article_cleaner.js");
  if (!fs.existsSync(file)) throw new Error("pkg/nodejs is missing: run `node scripts/build.mjs nodejs` first");
  return createRequire(import.meta.url)(file);
}

function documents() {
  return fs
    .readdirSync(DOCS)
    .map((d) => ["input.xml", "input.json"].map((n) => path.join(DOCS, d, n)).find((f) => fs.existsSync(f)))
    .filter(Boolean)
    .sort();
}

test("native --feed and wasm cleanFeedToJson are byte-identical on every feed document", async () => {
  const wasm = wasmBuild();
  const bin = cliBinary();
  const files = documents();
  assert.ok(files.length >= 9, `only ${files.length} feed documents`);
  for (const file of files) {
    const name = path.relative(ROOT, file);
    const native = await cli(bin, ["--feed", file]);
    assert.equal(native.status, 0, `${name}: native failed: ${native.stderr}`);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const json = wasm.cleanFeedToJson(bytes);
    assert.ok(Buffer.from(json + "\n", "utf8").equals(native.stdout), `${name}: bytes differ from the CLI's`);
    // The object form is the same value.
    assert.deepEqual(wasm.cleanFeed(bytes), JSON.parse(json), `${name}: cleanFeed object`);
    // A UTF-8 document as a string gives the same bytes.
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes("\ufffd")) assert.equal(wasm.cleanFeedToJson(text), json, `${name}: string input`);
  }
});

test("cleanFeed errors are typed and agree with the CLI", async () => {
  const wasm = wasmBuild();
  const bin = cliBinary();
  const cases = [
    ["<!DOCTYPE html><html><body><p>x</p></body></html>", "NOT_A_FEED"],
    ['<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss><channel><title>&b;</title></channel></rss>', "INVALID_FEED"],
    ["<rss><channel><title>x</title></chanel></rss>", "INVALID_FEED"],
    ['<?xml version="1.0" encoding="x-nope"?><rss/>', "UNSUPPORTED_CHARSET"],
  ];
  for (const [input, code] of cases) {
    assert.throws(
      () => wasm.cleanFeed(new TextEncoder().encode(input)),
      (e) => e.name === "ArticleCleanerError" && e.code === code,
      `${code}: ${input}`,
    );
    const native = await cli(bin, ["--feed", "-"], input);
    assert.equal(native.status, 1, input);
    assert.ok(native.stderr.includes(`(${code})`), `${native.stderr} lacks ${code}`);
  }
  const many = `<rss><channel>${"<item><title>x</title></item>".repeat(3)}</channel></rss>`;
  assert.throws(() => wasm.cleanFeed(many, { maxItems: 2 }), (e) => e.code === "TOO_MANY_ITEMS" && e.limit === 2 && e.found === 3);
  assert.throws(() => wasm.cleanFeed(42), (e) => e.code === "NOT_A_FEED");
});

test("the npm package exports cleanFeed and cleanFeedToJson (ESM entry and browser entry)", async () => {
  const index = path.join(PKG, "index.js");
  if (!fs.existsSync(index)) throw new Error("pkg/index.js is missing: run `node scripts/build.mjs all` first");
  const m = await import(index);
  assert.equal(typeof m.cleanFeed, "function");
  assert.equal(typeof m.cleanFeedToJson, "function");
  const f = m.cleanFeed('<rss version="2.0"><channel><title>T</title><item><title>A</title><description>&lt;p&gt;Body.&lt;/p&gt;</description></item></channel></rss>');
  assert.equal(f.items[0].textContent, "Body.");
  assert.match(fs.readFileSync(path.join(PKG, "browser.js"), "utf8"), /cleanFeed, cleanFeedToJson \} from/);
});
