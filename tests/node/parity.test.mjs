// Native and wasm give the same bytes: for every HTML file under tests/fixtures/, the output of the
// native CLI (`article-cleaner FILE`) equals `cleanToJson(html)` from the nodejs build plus the
// CLI's newline. Errors must agree too (same error code on both sides).
//
// The CLI binary: $ARTICLE_CLEANER_BIN (scripts/test.sh sets it after building), else the newer of
// target/release and target/debug.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { DW_SAMPLE, FIXTURES, htmlFixtures, PKG, requirePackage, ROOT } from "./support.mjs";

function cliBinary() {
  if (process.env.ARTICLE_CLEANER_BIN) return path.resolve(ROOT, process.env.ARTICLE_CLEANER_BIN);
  const found = ["release", "debug"]
    .map((p) => path.join(ROOT, "target", p, "article-cleaner"))
    .filter((f) => fs.existsSync(f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!found.length) throw new Error("no native CLI: run `cargo build --bin article-cleaner` first");
  return found[0];
}

function cli(bin, args) {
  return new Promise((resolve) => {
    execFile(bin, args, { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ status: err ? (err.code ?? 1) : 0, stdout, stderr: stderr.toString("utf8") }),
    );
  });
}

/** Runs jobs with at most `n` in flight, keeping order. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

test("native CLI and wasm cleanToJson are byte-identical on every fixture", async (t) => {
  requirePackage();
  const wasm = createRequire(import.meta.url)(path.join(PKG, "nodejs", "article_cleaner.js"));
  const bin = cliBinary();
  const files = htmlFixtures();
  assert.ok(files.includes(DW_SAMPLE), "the DW sample is among the fixtures");
  // Default options for every file; with a base URL as well for the hand-made samples.
  // Undeclared legacy-encoded pages are guessed natively (chardetng) and read as windows-1252 by
  // the wasm build, which carries no detector (README, "Bytes in"): not a parity case.
  const guessed = (f) => f.includes(`${path.sep}encodings${path.sep}`) && f.endsWith("-bare.html");
  const cases = files.filter((f) => !guessed(f)).map((file) => ({ file, url: null }));
  for (const file of files)
    if (file.startsWith(path.join(FIXTURES, "samples") + path.sep))
      cases.push({ file, url: "https://example.org/section/article.html" });

  const t0 = Date.now();
  const failures = [];
  await pool(cases, 2, async ({ file, url }) => {
    const name = path.relative(ROOT, file) + (url ? ` (url ${url})` : "");
    const native = await cli(bin, url ? ["--url", url, file] : [file]);
    // The bytes, as the CLI reads them: both decode in Rust (BOM, <meta charset>, a guess).
    const html = fs.readFileSync(file);
    let wasmOut;
    try {
      wasmOut = { ok: true, json: wasm.cleanToJson(html, url ? { url } : undefined) };
    } catch (e) {
      wasmOut = { ok: false, code: e.code, message: e.message };
    }
    if (native.status === 0) {
      if (!wasmOut.ok) return failures.push(`${name}: native succeeded, wasm threw ${wasmOut.code}: ${wasmOut.message}`);
      const expected = Buffer.from(wasmOut.json + "\n", "utf8");
      if (!expected.equals(native.stdout)) {
        let i = 0;
        while (i < expected.length && expected[i] === native.stdout[i]) i++;
        failures.push(
          `${name}: outputs differ at byte ${i}:\n  native ${native.stdout.subarray(Math.max(0, i - 40), i + 40)}\n  wasm   ${expected.subarray(Math.max(0, i - 40), i + 40)}`,
        );
      }
    } else if (wasmOut.ok) {
      failures.push(`${name}: native failed (${native.stderr.trim()}), wasm succeeded`);
    } else if (!native.stderr.includes(`(${wasmOut.code})`)) {
      failures.push(`${name}: native error "${native.stderr.trim()}" lacks wasm's code ${wasmOut.code}`);
    }
  });
  t.diagnostic(`${cases.length} cases (${files.length} files) with ${path.relative(ROOT, bin)} in ${Date.now() - t0} ms`);
  assert.deepEqual(failures, [], failures.join("\n"));
});
