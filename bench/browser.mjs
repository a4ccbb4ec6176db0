// Side-by-side benchmark in headless Chromium: article-cleaner's wasm clean(outerHTML) against
// Readability.js on the browser's own DOMParser, same documents, same page, interleaved.
//
//   node bench/browser.mjs [--rounds 15] [--pkg pkg/web]
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve, extname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(arg("rounds", 15));
const pkgDir = resolve(root, arg("pkg", "pkg/web"));
const requireTools = createRequire(join(root, "tools", "package.json"));
const { chromium } = requireTools("playwright-core");
const DOCS = [
  ["small feed item (DW)", "tests/fixtures/samples/dw-feedx-item.html"],
  ["medium article (ars-1)", "tests/fixtures/readability/ars-1/source.html"],
  ["large page (nytimes-3)", "tests/fixtures/readability/nytimes-3/source.html"],
  ["~1 MB page (guardian-1)", "tests/fixtures/readability/guardian-1/source.html"],
];
const locate = (rel) => join(root, rel);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  const u = new URL(req.url, "http://127.0.0.1");
  let file = null;
  if (u.pathname === "/") file = join(here, "browser", "page.html");
  else if (u.pathname.startsWith("/pkg/")) file = join(pkgDir, u.pathname.slice(5));
  else if (u.pathname === "/readability/Readability.js") file = join(here, "node_modules", "@mozilla", "readability", "Readability.js");
  else if (u.pathname.startsWith("/doc/")) file = locate(decodeURIComponent(u.pathname.slice(5)));
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
    docs: DOCS.map(([label, rel]) => ({ label, path: `/doc/${encodeURIComponent(rel)}` })),
  });
  console.log(`Chromium ${browser.version()}, ${rounds} interleaved rounds; ratio = peer median / ours`);
  console.log(`wasm instantiate: ${out.instantiateMs.toFixed(1)} ms; first clean() call on the small item: ${out.firstCallMs.toFixed(1)} ms`);
  console.log("| document | chars | engine | median ms | × ours |");
  console.log("|---|---:|---|---:|---:|");
  for (const r of out.results) console.log(`| ${r.document} | ${r.bytes} | ${r.engine} | ${r.medianMs.toFixed(2)} | ${r.ratioToOurs.toFixed(2)} |`);
} finally {
  await browser.close();
  server.close();
}
