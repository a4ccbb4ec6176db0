// Side-by-side benchmark in headless Chromium: article-cleaner's wasm clean(html) against
// Readability.js on the browser's own DOMParser, same documents, same page, interleaved. The
// documents are every feed item of the fixtures and the Readability page set
// (bench/documents.mjs); the summary is per group (median ms, median ratio peer / ours, how many
// documents are faster and slower).
//
//   node bench/browser.mjs [--rounds 15] [--group items|pages|all] [--limit N] [--match TEXT]
//                          [--pkg pkg/web] [--per-doc]
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve, extname } from "node:path";
import { fileURLToPath } from "node:url";

import { documents, report, ROOT } from "./documents.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(arg("rounds", 15));
const pkgDir = resolve(ROOT, arg("pkg", "pkg/web"));
const docs = documents({ group: arg("group", "all"), limit: Number(arg("limit", 0)), match: arg("match", "") });
const requireTools = createRequire(join(ROOT, "tools", "package.json"));
const { chromium } = requireTools("playwright-core");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };
const served = new Set(docs.map((d) => d.rel));
const server = createServer((req, res) => {
  const u = new URL(req.url, "http://127.0.0.1");
  let file = null;
  if (u.pathname === "/") file = join(here, "browser", "page.html");
  else if (u.pathname.startsWith("/pkg/")) file = join(pkgDir, u.pathname.slice(5));
  else if (u.pathname === "/readability/Readability.js") file = join(here, "node_modules", "@mozilla", "readability", "Readability.js");
  else if (u.pathname.startsWith("/doc/")) {
    const rel = decodeURIComponent(u.pathname.slice(5));
    if (served.has(rel)) file = join(ROOT, rel);
  }
  if (!file || !existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.benchReady === true);
  const out = await page.evaluate((a) => window.runBench(a), {
    rounds,
    docs: docs.map((d) => ({ ...d, path: `/doc/${encodeURIComponent(d.rel)}` })),
  });
  console.log(`Chromium ${browser.version()}, ${docs.length} documents, ${rounds} interleaved rounds per document; ratio = peer median / ours`);
  console.log(`wasm instantiate: ${out.instantiateMs.toFixed(1)} ms; first clean() call (${docs[0]?.label}): ${out.firstCallMs.toFixed(1)} ms`);
  report(out.results, "article-cleaner (wasm)", { perDocument: process.argv.includes("--per-doc") });
} finally {
  await browser.close();
  server.close();
}
