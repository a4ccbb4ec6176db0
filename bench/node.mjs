// Side-by-side benchmark in Node: article-cleaner's wasm clean() against Readability.js 0.6 on
// linkedom and on jsdom, and defuddle, on the same documents in one process, interleaved.
// Reports the median ms/doc per engine and the ratio to ours (peer / ours: > 1 means we are faster).
//
//   node bench/node.mjs [--rounds 15] [--pkg pkg/nodejs] [--json bench/results/node.json]
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const require = createRequire(join(here, "package.json"));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(arg("rounds", 15));
const pkgDir = resolve(root, arg("pkg", "pkg/nodejs"));
const jsonOut = arg("json", null);

const ours = require(join(pkgDir, "article_cleaner.js"));
const { Readability } = require("@mozilla/readability");
const { parseHTML } = require("linkedom");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Defuddle } = await import("defuddle/node");

export const DOCUMENTS = [
  ["small feed item (DW)", "tests/fixtures/samples/dw-feedx-item.html"],
  ["medium article (ars-1)", "tests/fixtures/readability/ars-1/source.html"],
  ["large page (nytimes-3)", "tests/fixtures/readability/nytimes-3/source.html"],
  ["~1 MB page (guardian-1)", "tests/fixtures/readability/guardian-1/source.html"],
];
const URL_ = "http://fakehost/test/page.html";
const quiet = new VirtualConsole();

const ENGINES = {
  "article-cleaner (wasm)": async (html) => ours.clean(html, { url: URL_ }).textContent.length,
  "Readability + linkedom": async (html) => {
    const { document } = parseHTML(html);
    return new Readability(document).parse()?.textContent?.length ?? 0;
  },
  "Readability + jsdom": async (html) => {
    const dom = new JSDOM(html, { url: URL_, virtualConsole: quiet });
    return new Readability(dom.window.document).parse()?.textContent?.length ?? 0;
  },
  "defuddle (jsdom)": async (html) => {
    const dom = new JSDOM(html, { url: URL_, virtualConsole: quiet });
    const r = await Defuddle(dom, URL_);
    return r?.content?.length ?? 0;
  },
};

const locate = (rel) => join(root, rel);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const results = [];
const origLog = console.log;
for (const [label, rel] of DOCUMENTS) {
  const html = readFileSync(locate(rel), "utf8");
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
  const oursMed = median(times["article-cleaner (wasm)"]);
  for (const [name, ts] of Object.entries(times)) {
    results.push({ document: label, bytes: Buffer.byteLength(html), engine: name, medianMs: median(ts), ratioToOurs: median(ts) / oursMed });
  }
}

origLog(`Node ${process.version}, ${rounds} interleaved rounds per document; ratio = peer median / ours`);
origLog("| document | bytes | engine | median ms | × ours |");
origLog("|---|---:|---|---:|---:|");
for (const r of results) {
  origLog(`| ${r.document} | ${r.bytes} | ${r.engine} | ${r.medianMs.toFixed(2)} | ${r.ratioToOurs.toFixed(2)} |`);
}
if (jsonOut) {
  mkdirSync(dirname(resolve(jsonOut)), { recursive: true });
  writeFileSync(resolve(jsonOut), JSON.stringify({ node: process.version, rounds, results }, null, 2));
}
