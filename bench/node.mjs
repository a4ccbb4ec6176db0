// Side-by-side benchmark in Node: article-cleaner's wasm clean() against Readability.js 0.6 on
// linkedom (and, with --peers, on jsdom, and defuddle), on the same documents in one process,
// interleaved. The documents are every feed item of the fixtures and the Readability page set
// (bench/documents.mjs). Reports, per group, the median ms/doc per engine and the median of the
// per-document ratios to ours (peer / ours: > 1 means we are faster), with how many documents are
// faster and slower; --per-doc prints every document too.
//
//   node bench/node.mjs [--rounds 15] [--group items|pages|all] [--limit N] [--match TEXT]
//                       [--peers linkedom,jsdom,defuddle|all|none] [--pkg pkg/nodejs]
//                       [--pkg2 DIR] [--per-doc] [--json bench/results/node.json]
//
// --pkg2 DIR adds a second build of ours as one more engine (e.g. main's build against a
// branch's), so the ratios compare the two builds document by document.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

import { documents, median, report, ROOT } from "./documents.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "package.json"));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const flag = (name) => process.argv.includes(`--${name}`);
const rounds = Number(arg("rounds", 15));
const pkgDir = resolve(ROOT, arg("pkg", "pkg/nodejs"));
const pkg2 = arg("pkg2", null);
const jsonOut = arg("json", null);
const peersArg = arg("peers", "linkedom");
const peers = new Set(peersArg === "all" ? ["linkedom", "jsdom", "defuddle"] : peersArg === "none" ? [] : peersArg.split(","));
const docs = documents({ group: arg("group", "all"), limit: Number(arg("limit", 0)), match: arg("match", "") });

const URL_ = "http://fakehost/test/page.html";
const OURS = "article-cleaner (wasm)";
const ours = require(join(pkgDir, "article_cleaner.js"));
const ENGINES = { [OURS]: async (html) => ours.clean(html, { url: URL_ }).textContent.length };
if (pkg2) {
  const other = require(join(resolve(ROOT, pkg2), "article_cleaner.js"));
  ENGINES[`article-cleaner (wasm, ${relative(ROOT, resolve(ROOT, pkg2))})`] = async (html) =>
    other.clean(html, { url: URL_ }).textContent.length;
}
const { Readability } = require("@mozilla/readability");
if (peers.has("linkedom")) {
  const { parseHTML } = require("linkedom");
  ENGINES["Readability + linkedom"] = async (html) => {
    const { document } = parseHTML(html);
    return new Readability(document).parse()?.textContent?.length ?? 0;
  };
}
if (peers.has("jsdom") || peers.has("defuddle")) {
  const { JSDOM, VirtualConsole } = require("jsdom");
  const quiet = new VirtualConsole();
  if (peers.has("jsdom")) {
    ENGINES["Readability + jsdom"] = async (html) => {
      const dom = new JSDOM(html, { url: URL_, virtualConsole: quiet });
      return new Readability(dom.window.document).parse()?.textContent?.length ?? 0;
    };
  }
  if (peers.has("defuddle")) {
    const { Defuddle } = await import("defuddle/node");
    ENGINES["defuddle (jsdom)"] = async (html) => {
      const dom = new JSDOM(html, { url: URL_, virtualConsole: quiet });
      const r = await Defuddle(dom, URL_);
      return r?.content?.length ?? 0;
    };
  }
}

const results = [];
const origLog = console.log;
for (const { group, label, rel } of docs) {
  const html = readFileSync(join(ROOT, rel), "utf8");
  const times = Object.fromEntries(Object.keys(ENGINES).map((k) => [k, []]));
  // Warm up every engine on this document.
  for (const f of Object.values(ENGINES)) for (let i = 0; i < 2; i++) await f(html);
  for (let r = 0; r < rounds; r++) {
    // Interleave, rotating the order each round.
    const names = Object.keys(ENGINES);
    const order = names.slice(r % names.length).concat(names.slice(0, r % names.length));
    for (const name of order) {
      console.log = () => {};
      const t0 = performance.now();
      await ENGINES[name](html);
      const dt = performance.now() - t0;
      console.log = origLog;
      times[name].push(dt);
    }
  }
  for (const [engine, ts] of Object.entries(times)) {
    results.push({ group, document: label, path: rel, bytes: Buffer.byteLength(html), engine, medianMs: median(ts) });
  }
}

origLog(`Node ${process.version}, ${docs.length} documents, ${rounds} interleaved rounds per document; ratio = peer median / ours`);
report(results, OURS, { perDocument: flag("per-doc"), log: origLog });
if (jsonOut) {
  mkdirSync(dirname(resolve(jsonOut)), { recursive: true });
  writeFileSync(resolve(jsonOut), JSON.stringify({ node: process.version, rounds, results }, null, 2));
}
