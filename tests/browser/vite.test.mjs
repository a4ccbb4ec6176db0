// The package in a bundler, as a web developer uses it: a fresh project installs the packed
// tarball and vite@7 (from the npm registry), `vite build` bundles two tiny pages, and Chromium
// (playwright-core, Debian's /usr/bin/chromium) runs them from a 127.0.0.1 server:
//   index.html  import { clean } from "article-cleaner"           (browser entry, no init call)
//   web.html    import init, { clean } from "article-cleaner/web"  (explicit await init())
// Both must clean the DW sample exactly as the nodejs build does.

import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  DW_SAMPLE,
  PKG,
  projectWithPackage,
  removeTemp,
  requirePackage,
  ROOT,
  run,
} from "../node/support.mjs";

const { chromium } = createRequire(path.join(ROOT, "tools", "package.json"))("playwright-core");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];
const MIME = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

let project, server, baseUrl, browser;
const timings = {};

function page(entry) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${entry}</title></head>
<body><script type="module" src="/src/${entry}.js"></script></body></html>\n`;
}

// Reports through an element appended to the body (never replacing it).
const REPORT = `
function report(value) {
  const out = document.createElement("pre");
  out.id = "result";
  out.textContent = JSON.stringify(value);
  document.body.append(out);
}`;

before(async () => {
  requirePackage();
  let t0 = Date.now();
  project = await projectWithPackage("vite", ["vite@7"]);
  timings.install = Date.now() - t0;
  const dir = project.dir;
  const write = (f, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  };
  fs.copyFileSync(DW_SAMPLE, path.join(dir, "sample.html.txt"));
  write("index.html", page("main"));
  write("web.html", page("web"));
  write(
    "src/main.js",
    `import { clean, cleanToJson } from "article-cleaner";
     import html from "../sample.html.txt?raw";
     ${REPORT}
     try { report({ json: JSON.stringify(clean(html)), viaJson: cleanToJson(html) }); }
     catch (e) { report({ error: String(e) }); }`,
  );
  write(
    "src/web.js",
    `import init, { clean } from "article-cleaner/web";
     import html from "../sample.html.txt?raw";
     ${REPORT}
     init().then(() => report({ json: JSON.stringify(clean(html)) }), (e) => report({ error: String(e) }));`,
  );
  write(
    "vite.config.mjs",
    `export default { logLevel: "warn", build: { rollupOptions: { input: { main: "index.html", web: "web.html" } } } };`,
  );
  t0 = Date.now();
  await run(process.execPath, [path.join(dir, "node_modules", "vite", "bin", "vite.js"), "build"], { cwd: dir });
  timings.build = Date.now() - t0;

  const dist = path.join(dir, "dist");
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(dist, rel === "/" ? "index.html" : rel);
    if (!file.startsWith(dist + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
  removeTemp(project?.dir);
});

const expected = () =>
  createRequire(import.meta.url)(path.join(PKG, "nodejs", "article_cleaner.js")).cleanToJson(
    fs.readFileSync(DW_SAMPLE, "utf8"),
  );

async function runPage(t, file) {
  const context = await browser.newContext();
  await context.route((url) => url.hostname !== "127.0.0.1", (route) => route.abort("blockedbyclient"));
  const p = await context.newPage();
  const problems = [];
  p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  p.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
  const t0 = Date.now();
  await p.goto(`${baseUrl}/${file}`);
  const text = await p.locator("#result").textContent({ timeout: 60_000 });
  t.diagnostic(`${file}: result after ${Date.now() - t0} ms`);
  await context.close();
  assert.deepEqual(problems, []);
  return JSON.parse(text);
}

test("vite build emits the wasm as an asset", (t) => {
  const assets = fs.readdirSync(path.join(project.dir, "dist", "assets"));
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `wasm assets: ${assets.join(", ")}`);
  t.diagnostic(`npm install (tarball + vite@7) ${timings.install} ms, vite build ${timings.build} ms`);
});

test("Vite production build: import { clean } from 'article-cleaner' works in Chromium", async (t) => {
  const r = await runPage(t, "index.html");
  assert.equal(r.error, undefined);
  assert.equal(r.viaJson, expected());
  assert.equal(r.json, expected());
});

test("Vite production build: 'article-cleaner/web' with await init() works in Chromium", async (t) => {
  const r = await runPage(t, "web.html");
  assert.equal(r.error, undefined);
  assert.equal(r.json, expected());
});
