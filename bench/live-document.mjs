// Side by side in headless Chromium, on the same live page, interleaved: cleanDocument() (one
// serialization, the visibility walk, the clean) against the string path a page script would
// otherwise take, clean(document.documentElement.outerHTML, { url: location.href }) (the same
// serialization and clean, no walk). The ratio is the walk's cost.
//
//   node bench/live-document.mjs [--rounds 31] [--pkg pkg/web]
//
// Medians and minimums are both printed: on a shared machine single calls are sometimes
// preempted for tens of milliseconds, which the minimum does not see.
//
// Pages are served from the repository with a CSP that blocks their own scripts (archived pages
// would otherwise run what they still can), so the DOM is the parsed markup plus its CSS.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(arg("rounds", 31));
const pkgDir = resolve(root, arg("pkg", "pkg/web"));
const { chromium } = createRequire(join(root, "tools", "package.json"))("playwright-core");
const PAGES = [
  ["live fixture (hashed-classes)", "tests/fixtures/live/hashed-classes/index.html"],
  ["medium article (ars-1)", "tests/fixtures/readability/ars-1/source.html"],
  ["large page (nytimes-3)", "tests/fixtures/readability/nytimes-3/source.html"],
  ["~1 MB page (guardian-1)", "tests/fixtures/readability/guardian-1/source.html"],
  ["synthetic, 12k elements", "synthetic.html"],
];

// A page with many elements for the walk: a long article, a 1,500-link menu hidden by a class,
// 600 comments of nested blocks, a footer of link lists.
function synthetic() {
  const p = (i) => `<p>Paragraph ${i} of the article, with <a href="/a/${i}">a link</a>, <em>emphasis</em> and a few commas, so it scores, like a real one.</p>`;
  const menu = Array.from({ length: 1500 }, (_, i) => `<li><a href="/s/${i}">Section ${i}</a></li>`).join("");
  const comments = Array.from({ length: 600 }, (_, i) =>
    `<div class="c-x"><div class="c-h"><span>Reader ${i}</span> <time>2024-01-01</time></div><div class="c-b"><p>Comment ${i} text.</p></div></div>`).join("");
  const footer = Array.from({ length: 40 }, (_, i) => `<ul>${Array.from({ length: 25 }, (_, j) => `<li><a href="/f/${i}/${j}">Link ${j}</a></li>`).join("")}</ul>`).join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Synthetic</title>
<style>.m-q { display: none } .c-h { font-weight: bold }</style></head><body>
<nav class="m-q"><ul>${menu}</ul></nav><main><article><h1>Synthetic</h1>${Array.from({ length: 300 }, (_, i) => p(i)).join("")}</article>
<section>${comments}</section></main><footer>${footer}</footer></body></html>`;
}
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
};
const server = createServer((req, res) => {
  const u = new URL(req.url, "http://127.0.0.1");
  if (u.pathname === "/synthetic.html") {
    res.writeHead(200, { "content-type": TYPES[".html"], "content-security-policy": "script-src 'self' 'wasm-unsafe-eval'" });
    res.end(synthetic());
    return;
  }
  const file = u.pathname.startsWith("/pkg/")
    ? join(pkgDir, u.pathname.slice(5))
    : join(root, decodeURIComponent(u.pathname));
  if (!file.startsWith(root) || !existsSync(file)) {
    res.writeHead(404);
    res.end();
    return;
  }
  const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
  if (extname(file) === ".html") headers["content-security-policy"] = "script-src 'self' 'wasm-unsafe-eval'";
  res.writeHead(200, headers);
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route((url) => url.hostname !== "127.0.0.1", (route) => route.abort("blockedbyclient"));
  const page = await context.newPage();
  console.log(`Chromium ${browser.version()}, ${rounds} interleaved rounds after 2 warm-up calls each; ratio = cleanDocument ÷ string path`);
  console.log("| page | elements | markup chars | clean(outerHTML) ms, median (min) | cleanDocument() ms, median (min) | ratio of medians (of mins) | hidden-computed removals |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const [label, rel] of PAGES) {
    await page.goto(`${origin}/${rel}`);
    const r = await page.evaluate(async ({ rounds }) => {
      const m = await import("/pkg/article_cleaner.js");
      await m.default({ module_or_path: "/pkg/article_cleaner_bg.wasm" });
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const engines = {
        string: () => m.clean(document.documentElement.outerHTML, { url: location.href }),
        live: () => m.cleanDocument(),
      };
      for (const f of Object.values(engines)) { f(); f(); }
      const times = { string: [], live: [] };
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 ? ["live", "string"] : ["string", "live"];
        for (const n of order) {
          const s = performance.now();
          engines[n]();
          times[n].push(performance.now() - s);
        }
      }
      const a = engines.live();
      return {
        elements: document.getElementsByTagName("*").length,
        chars: document.documentElement.outerHTML.length,
        string: median(times.string),
        live: median(times.live),
        stringMin: Math.min(...times.string),
        liveMin: Math.min(...times.live),
        hidden: a.removed.filter((e) => e.rule === "hidden-computed" && e.action === "remove").length,
      };
    }, { rounds });
    console.log(
      `| ${label} | ${r.elements} | ${r.chars} | ${r.string.toFixed(1)} (${r.stringMin.toFixed(1)}) | ${r.live.toFixed(1)} (${r.liveMin.toFixed(1)}) | ` +
        `${(r.live / r.string).toFixed(2)} (${(r.liveMin / r.stringMin).toFixed(2)}) | ${r.hidden} |`,
    );
  }

  // What the walk's primitives cost in the browser itself (plain JS, no wasm), over every
  // element under <body> of the synthetic page, interleaved: why the walk reads offset sizes
  // only when a box clips, and what checkVisibility() (not bound by web-sys) would save.
  await page.goto(`${origin}/synthetic.html`);
  const p = await page.evaluate(({ rounds }) => {
    const els = [...document.querySelectorAll("body *")];
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const probes = {
      "checkVisibility({visibilityProperty})": () => { let n = 0; for (const e of els) n += e.checkVisibility({ visibilityProperty: true }) ? 1 : 0; return n; },
      "getComputedStyle + display": () => { let n = 0; for (const e of els) n += getComputedStyle(e).getPropertyValue("display").length; return n; },
      "getComputedStyle + 4 properties (the walk)": () => {
        let n = 0;
        for (const e of els) {
          const s = getComputedStyle(e);
          n += s.getPropertyValue("display").length + s.getPropertyValue("visibility").length +
            s.getPropertyValue("content-visibility").length + s.getPropertyValue("overflow").length;
        }
        return n;
      },
      "offsetWidth + offsetHeight": () => { let n = 0; for (const e of els) n += e.offsetWidth + e.offsetHeight; return n; },
    };
    const times = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
    for (const f of Object.values(probes)) f();
    for (let i = 0; i < rounds; i++) for (const [k, f] of Object.entries(probes)) { const s = performance.now(); f(); times[k].push(performance.now() - s); }
    return { n: els.length, rows: Object.entries(times).map(([k, t]) => [k, median(t), Math.min(...t)]) };
  }, { rounds });
  const base = p.rows[0];
  console.log(`\nBrowser primitives over the ${p.n} elements of the synthetic page (JS); ratio = probe ÷ checkVisibility()`);
  console.log("| primitive | ms, median (min) | µs per element (median) | ratio of medians (of mins) |");
  console.log("|---|---:|---:|---:|");
  for (const [k, med, min] of p.rows)
    console.log(`| ${k} | ${med.toFixed(1)} (${min.toFixed(1)}) | ${((med * 1000) / p.n).toFixed(2)} | ${(med / base[1]).toFixed(2)} (${(min / base[2]).toFixed(2)}) |`);
} finally {
  await browser.close();
  server.close();
}
