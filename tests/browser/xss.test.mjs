// XSS judged by a real browser. Every payload of tests/fixtures/xss/ goes through clean() (the
// nodejs wasm build in pkg/nodejs) three ways: (a) as a feed-item body, (b) inside a full page,
// (c) as the envelope's title and URL. Every URL field must be http:, https: or mailto: (WHATWG
// URL). `content` and every block's HTML are inserted into headless Chromium through four sinks
// (innerHTML, template+importNode, DOMParser+adoptNode, serialize/re-parse round trip), and the
// blocks are also rendered with DOM APIs (xss/render-blocks.js). Script compilation is detected
// with DevTools `Debugger.scriptParsed`; alert/confirm/prompt/print/open are hooked; every element
// is inspected (handler attributes, script-capable URLs, dangerous elements) and poked with events.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const BATCH = Number(process.env.XSS_BATCH || 80);
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

function loadPayloads() {
  const dir = path.join(ROOT, "tests/fixtures/xss");
  const out = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    if (!Array.isArray(data)) continue;
    for (const e of data) out.push({ id: e.id, payload: e.payload });
  }
  return out;
}

export const WAYS = {
  a: (p) => `<!--1700000000000-->\n[Title](https://example.com/a)\n------\n${p}`,
  b: (p) =>
    `<!DOCTYPE html><html><head><title>t</title></head><body><article><p>Some article text long enough to be the article, with a few sentences of ordinary prose so that the article finder keeps it as the main content of this page.</p>${p}</article></body></html>`,
  c: (p) => {
    const line = p.replace(/[\r\n]+/g, " ");
    return `[${line}](${line})\n------\n<p>Body text of the item.</p>`;
  },
};

/** Every URL-valued field of an Article, with where it came from. */
function urlFields(a) {
  const out = [];
  const add = (where, v) => {
    if (v !== null && v !== undefined) out.push([where, v]);
  };
  add("url", a.url);
  if (a.leadImage) add("leadImage.src", a.leadImage.src);
  (a.related || []).forEach((r, i) => add(`related[${i}].url`, r.url));
  (a.links || []).forEach((l, i) => add(`links[${i}].href`, l.href));
  (a.blocks || []).forEach((b, i) => {
    if (b.type === "image") {
      add(`blocks[${i}].src`, b.src);
      add(`blocks[${i}].proxy`, b.proxy);
    }
    if (b.type === "embed") add(`blocks[${i}].src`, b.src);
    if ("href" in b) add(`blocks[${i}].href`, b.href);
  });
  return out;
}

function badUrls(a) {
  const bad = [];
  for (const [where, v] of urlFields(a)) {
    let ok = false;
    try {
      ok = SAFE_SCHEMES.has(new URL(v).protocol);
    } catch {
      ok = false;
    }
    if (!ok) bad.push(`${where}=${JSON.stringify(v)}`);
  }
  return bad;
}

/** The HTML strings of an Article: content and every block's (and list item's) html. */
function htmlStrings(a) {
  const out = [["content", a.content]];
  (a.blocks || []).forEach((b, i) => {
    if (typeof b.html === "string") out.push([`blocks[${i}].html`, b.html]);
    if (b.type === "list") (b.items || []).forEach((it, j) => out.push([`blocks[${i}].items[${j}].html`, it.html]));
  });
  return out.filter(([, h]) => h !== "");
}

function serve() {
  const page = "<!doctype html><html><head><meta charset=utf-8><title>xss</title></head><body></body></html>";
  const srv = http.createServer((req, res) => {
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv)));
}

async function openJudge(browser, base) {
  const page = await browser.newPage();
  await page.route("**/*", (r) => {
    const u = new URL(r.request().url());
    return u.hostname === "127.0.0.1" ? r.continue() : r.abort();
  });
  page.on("dialog", (d) => {
    page.__dialogs = (page.__dialogs || 0) + 1;
    d.dismiss().catch(() => {});
  });
  await page.goto(base);
  const cdp = await page.context().newCDPSession(page);
  const foreign = [];
  const mine = new Set(["", "xss-harness.js", "xss-render-blocks.js"]);
  cdp.on("Debugger.scriptParsed", (e) => {
    if (!mine.has(e.url)) foreign.push(e.url);
  });
  await cdp.send("Debugger.enable");
  const rb = fs.readFileSync(path.join(ROOT, "tests/browser/xss/render-blocks.js"), "utf8");
  await page.addScriptTag({ content: `${rb}\n//# sourceURL=xss-render-blocks.js` });
  await page.addScriptTag({ content: fs.readFileSync(path.join(ROOT, "tests/browser/xss/harness.js"), "utf8") });
  return { page, foreign };
}

/** Judges one batch in a fresh page; returns {executed: [..], unsafe: [..], mutations: [..]}. */
async function judgeBatch(browser, base, fn, items) {
  const { page, foreign } = await openJudge(browser, base);
  try {
    const r = await page.evaluate(([f, its]) => window[f](its), [fn, items]);
    await page.waitForTimeout(150);
    const hooks = await page.evaluate(() => window.__hits());
    const executed = [];
    if (foreign.length || hooks.length || page.__dialogs) {
      executed.push({ ids: items.map((i) => i.id), foreign: foreign.slice(), hooks });
    }
    return { executed, unsafe: r.unsafe, mutations: r.mutations };
  } finally {
    await page.close();
  }
}

/** Judges all items in batches; a batch that executed anything is re-judged item by item. */
async function judgeAll(browser, base, fn, items) {
  const executed = [];
  const unsafe = [];
  const mutations = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    const r = await judgeBatch(browser, base, fn, batch);
    unsafe.push(...r.unsafe);
    mutations.push(...r.mutations);
    if (r.executed.length) {
      for (const it of batch) {
        const one = await judgeBatch(browser, base, fn, [it]);
        for (const e of one.executed) executed.push({ id: it.id, foreign: e.foreign, hooks: e.hooks });
      }
      if (!executed.length) executed.push({ id: "batch", detail: r.executed });
    }
  }
  return { executed, unsafe, mutations };
}

/** Detector sanity: raw payloads that must be caught, judged the same way. */
const SELF_TEST = [
  { id: "self-onerror", html: '<img src="/nope.png" onerror="alert(1)">' },
  { id: "self-jsurl", html: '<a href="javascript:alert(1)">x</a>' },
  { id: "self-onclick", html: '<p onclick="window.q=1">x</p>' },
];

test("clean() output is safe in Chromium for every XSS payload, three ways", { timeout: 30 * 60 * 1000 }, async () => {
  const wasmPath = path.join(ROOT, "pkg/nodejs/article_cleaner.js");
  assert.ok(fs.existsSync(wasmPath), `build the nodejs package first: ${wasmPath}`);
  const { clean } = require(wasmPath);
  const { chromium } = require(path.join(ROOT, "tools/node_modules/playwright-core"));
  const payloads = loadPayloads();
  assert.ok(payloads.length >= 600, `payload corpus present (${payloads.length})`);

  const htmlItems = [];
  const articleItems = [];
  const urlProblems = [];
  const refused = [];
  const wayA = [];
  let judged = 0;
  for (const p of payloads) {
    for (const [way, make] of Object.entries(WAYS)) {
      const id = `${p.id}/${way}`;
      let a;
      try {
        a = clean(make(p.payload));
      } catch (e) {
        assert.ok(typeof e.code === "string" && e.code.length > 0, `${id}: untyped error ${e}`);
        refused.push(`${id}: ${e.code}`);
        continue;
      }
      judged++;
      for (const bad of badUrls(a)) urlProblems.push(`${id}: ${bad}`);
      for (const [where, html] of htmlStrings(a)) htmlItems.push({ id: `${id}:${where}`, html });
      articleItems.push({ id, article: a });
      if (way === "a") wayA.push({ id: p.id, html: a.content });
    }
  }
  if (process.env.XSS_WAY_A_OUT) {
    fs.writeFileSync(process.env.XSS_WAY_A_OUT, wayA.map((x) => JSON.stringify(x)).join("\n") + "\n");
  }

  const srv = await serve();
  const base = `http://127.0.0.1:${srv.address().port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const self = await judgeAll(browser, base, "__judgeHtml", SELF_TEST);
    const caught = new Set([...self.executed.map((e) => e.id), ...self.unsafe.map((u) => u.id)]);
    for (const s of SELF_TEST) assert.ok(caught.has(s.id), `detector misses ${s.id}`);
    assert.ok(self.executed.some((e) => e.id === "self-onerror"), "script execution detector works");

    const html = await judgeAll(browser, base, "__judgeHtml", htmlItems);
    const rendered = await judgeAll(browser, base, "__judgeRendered", articleItems);
    const executed = [...html.executed, ...rendered.executed];
    const unsafeIds = new Set([
      ...html.unsafe.map((u) => u.id.split(":")[0]),
      ...rendered.unsafe.map((u) => u.id),
      ...urlProblems.map((u) => u.split(":")[0]),
    ]);
    console.log(
      `xss: ${payloads.length} payloads × ${Object.keys(WAYS).length} ways = ${payloads.length * 3}; ` +
        `${judged} judged (${refused.length} refused with a typed error), ` +
        `${htmlItems.length} HTML strings × 4 sinks + ${articleItems.length} DOM renders: ` +
        `executed ${executed.length}, unsafe ${unsafeIds.size} ` +
        `(html findings ${html.unsafe.length}, render findings ${rendered.unsafe.length}, bad URLs ${urlProblems.length}); ` +
        `round-trip mutations ${html.mutations.length}`,
    );
    assert.deepEqual(executed, [], "no script executed");
    assert.deepEqual(html.unsafe, [], "no unsafe markup through any sink");
    assert.deepEqual(rendered.unsafe, [], "no unsafe markup from renderBlocks");
    assert.deepEqual(urlProblems, [], "every URL is http:, https: or mailto:");
  } finally {
    await browser.close();
    srv.close();
  }
});
