// cleanDocument() on live pages in headless Chromium: what the page's CSS hides (and the markup
// alone does not reveal) stays out of the article, while the string path,
// clean(document.documentElement.outerHTML), keeps it; content hidden on purpose stays; the page
// is never changed; frames, DOMParser documents and workers behave as documented.
//
// Pages: tests/fixtures/live/<name>/ (index.html, style.css, checks.json; see the README there).
// Needs pkg/web (built here through `prepare()` when missing or stale).

import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";

import { prepare, staticHandler } from "../../scripts/serve.mjs";
import { artifact, chromium, CHROMIUM, CHROMIUM_ARGS, offline, ROOT } from "./helpers.mjs";

const LIVE = path.join(ROOT, "tests", "fixtures", "live");
const PAGES = fs
  .readdirSync(LIVE, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let server;
let base;
let browser;

before(async () => {
  prepare(); // pkg/web → www/pkg
  // The repo root without a CSP: the fixture pages and the web build (www/pkg) from one origin.
  server = http.createServer(staticHandler(ROOT, { csp: false }));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `url` (or serves `route` as HTML at it), loads the web build into the page as `window.ac`. */
async function open(url, { viewport = { width: 1280, height: 900 }, route } = {}) {
  const context = await browser.newContext({ viewport });
  await offline(context);
  const page = await context.newPage();
  if (route) await page.route(url, (r) => r.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: route }));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.evaluate(async (pkg) => {
    const m = await import(`${pkg}/article_cleaner.js`);
    await m.default({ module_or_path: `${pkg}/article_cleaner_bg.wasm` });
    window.ac = m;
  }, `${base}/www/pkg`);
  return { context, page, errors };
}

const hiddenEntries = (article) => article.removed.filter((r) => r.rule === "hidden-computed");

for (const name of PAGES) {
  test(`live page ${name}: cleanDocument() leaves out what the browser hides; the string path does not`, async () => {
    const checks = JSON.parse(fs.readFileSync(path.join(LIVE, name, "checks.json"), "utf8"));
    const { context, page, errors } = await open(`${base}/tests/fixtures/live/${name}/`);
    const { live, string } = await page.evaluate(() => ({
      live: window.ac.cleanDocument(),
      string: window.ac.clean(document.documentElement.outerHTML),
    }));
    await page.screenshot({ path: artifact(`live-${name}.png`), fullPage: true });
    await context.close();
    assert.deepEqual(errors, []);

    const entries = hiddenEntries(live);
    for (const s of checks.visible ?? []) assert.ok(live.textContent.includes(s), `${name}: lost visible text "${s}"`);
    for (const { text, reason } of checks.hidden ?? []) {
      assert.ok(!live.textContent.includes(text), `${name}: cleanDocument() kept hidden text "${text}"`);
      assert.ok(string.textContent.includes(text), `${name}: the string path lost "${text}" (the page does not prove the point)`);
      const e = entries.find((r) => r.action === "remove" && r.text.includes(text));
      assert.ok(e, `${name}: no hidden-computed entry for "${text}": ${JSON.stringify(entries)}`);
      assert.ok(e.reason.includes(reason), `${name}: "${text}" audited with "${e.reason}", expected ${reason}`);
    }
    for (const s of checks.kept ?? []) {
      assert.ok(live.textContent.includes(s), `${name}: content hidden on purpose was lost: "${s}"`);
      assert.ok(!entries.some((r) => r.action === "remove" && r.text.includes(s)), `${name}: "${s}" audited as hidden`);
    }
    for (const s of checks.stringLacks ?? []) assert.ok(!string.textContent.includes(s), `${name}: the string path kept "${s}"`);
    if (checks.unmatchedAtLeast) {
      const note = entries.find((r) => r.action === "keep" && /did not match the re-parsed markup/.test(r.reason));
      assert.ok(note, `${name}: no note about unmatched hints: ${JSON.stringify(entries)}`);
      assert.ok(Number.parseInt(note.reason, 10) >= checks.unmatchedAtLeast, note.reason);
    }
    // The page's own URL is the default base, so its relative links resolve as in the browser.
    assert.equal(live.url, `${base}/tests/fixtures/live/${name}/`);
    assert.equal(live.inputKind, "document");
  });
}

test("cleanDocument() never changes the page: no mutation, same markup, same scroll", async () => {
  const { context, page } = await open(`${base}/tests/fixtures/live/hidden-on-purpose/`);
  const out = await page.evaluate(() => {
    window.scrollTo(0, 200);
    const records = [];
    const mo = new MutationObserver((r) => records.push(...r));
    mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const before = document.documentElement.outerHTML;
    const scroll = window.scrollY;
    window.ac.cleanDocument();
    window.ac.cleanDocument(document, { findArticle: false });
    records.push(...mo.takeRecords());
    mo.disconnect();
    return { records: records.length, same: before === document.documentElement.outerHTML, scroll, after: window.scrollY };
  });
  await context.close();
  assert.equal(out.records, 0);
  assert.equal(out.same, true);
  assert.equal(out.after, out.scroll);
});

test("a frame's document (another realm) is cleaned with the frame's own styles", async () => {
  const { context, page } = await open(`${base}/blank.html`, { route: "<!DOCTYPE html><title>frames</title><body></body>" });
  const out = await page.evaluate(async (src) => {
    const frame = document.createElement("iframe");
    frame.style.width = "1000px";
    frame.style.height = "800px";
    frame.src = src;
    const hidden = document.createElement("iframe");
    hidden.style.display = "none";
    hidden.src = src;
    const loaded = (f) => new Promise((r) => f.addEventListener("load", r, { once: true }));
    const ready = Promise.all([loaded(frame), loaded(hidden)]);
    document.body.append(frame, hidden);
    await ready;
    const shown = window.ac.cleanDocument(frame.contentDocument);
    const notShown = window.ac.cleanDocument(hidden.contentDocument);
    return { shown, notShown, crossRealm: !(frame.contentDocument instanceof Document) };
  }, `${base}/tests/fixtures/live/hashed-classes/`);
  await context.close();
  assert.equal(out.crossRealm, true, "the frame's document is from another realm");
  assert.ok(!out.shown.textContent.includes("Unlock every article"));
  assert.ok(out.shown.textContent.includes("made its first crossing"));
  assert.equal(out.shown.url, `${base}/tests/fixtures/live/hashed-classes/`);
  // A frame that is not displayed has no layout: the markup decides, and the audit says so.
  assert.ok(out.notShown.textContent.includes("Unlock every article"));
  assert.ok(hiddenEntries(out.notShown).some((r) => r.action === "keep" && /not rendered/.test(r.reason)));
});

test("a DOMParser document (no window) is cleaned from its markup, with a note", async () => {
  const { context, page } = await open(`${base}/tests/fixtures/live/hashed-classes/`);
  const out = await page.evaluate(() => {
    const doc = new DOMParser().parseFromString(document.documentElement.outerHTML, "text/html");
    return window.ac.cleanDocument(doc);
  });
  await context.close();
  assert.ok(out.textContent.includes("made its first crossing"));
  assert.ok(hiddenEntries(out).some((r) => r.action === "keep" && /not rendered/.test(r.reason)));
});

test("the document's encoding and computed direction reach the article", async () => {
  // ASCII bytes declaring Shift_JIS, Han text as character references, no lang attribute; the
  // page's CSS sets direction: rtl, which the markup does not say.
  const han = [..."東京都議会本日新年度予算案可決市民生活支援拡充"].map((c) => `&#${c.codePointAt(0)};`).join("");
  const body = `<!DOCTYPE html><html><head><meta charset="shift_jis"><title>t</title>
    <style>html { direction: rtl }</style></head><body><article><p>${han}</p></article></body></html>`;
  const context = await browser.newContext();
  await offline(context);
  const page = await context.newPage();
  await page.route(`${base}/sjis.html`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=shift_jis", body }),
  );
  await page.goto(`${base}/sjis.html`);
  const out = await page.evaluate(async (pkg) => {
    const m = await import(`${pkg}/article_cleaner.js`);
    await m.default({ module_or_path: `${pkg}/article_cleaner_bg.wasm` });
    return { charset: document.characterSet, live: m.cleanDocument(), string: m.clean(document.documentElement.outerHTML) };
  }, `${base}/www/pkg`);
  await context.close();
  assert.equal(out.charset, "Shift_JIS");
  assert.equal(out.live.lang, "ja");
  assert.match(out.string.lang ?? "", /^zh/);
  assert.equal(out.live.dir, "rtl");
  assert.equal(out.string.dir, "ltr");
});

test("where there is no DOM (a worker), cleanDocument() throws ArticleCleanerError NO_DOCUMENT", async () => {
  const { context, page } = await open(`${base}/tests/fixtures/live/hashed-classes/`);
  const out = await page.evaluate(async (pkg) => {
    const src = `import init, { cleanDocument } from "${pkg}/article_cleaner.js";
      await init({ module_or_path: "${pkg}/article_cleaner_bg.wasm" });
      try { cleanDocument(); postMessage({ threw: false }); }
      catch (e) { postMessage({ threw: true, name: e.name, code: e.code, isError: e instanceof Error, message: e.message }); }`;
    const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
    const worker = new Worker(url, { type: "module" });
    const msg = await new Promise((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
    });
    worker.terminate();
    let wrong = null;
    try { window.ac.cleanDocument("<p>not a document</p>"); } catch (e) { wrong = { name: e.name, code: e.code }; }
    let options = null;
    try { window.ac.cleanDocument(document, { url: 5 }); } catch (e) { options = e.code; }
    return { msg, wrong, options };
  }, `${base}/www/pkg`);
  await context.close();
  assert.deepEqual(
    { threw: out.msg.threw, name: out.msg.name, code: out.msg.code, isError: out.msg.isError },
    { threw: true, name: "ArticleCleanerError", code: "NO_DOCUMENT", isError: true },
  );
  assert.match(out.msg.message, /clean\(html\)/);
  assert.deepEqual(out.wrong, { name: "ArticleCleanerError", code: "NO_DOCUMENT" });
  assert.equal(out.options, "INVALID_OPTIONS");
});

// The README's browser example runs on the demo's live sample, as a page script would: each
// block after a `<!-- readme-test: browser -->` marker, with `import … from "article-cleaner"`
// bound to the web build, and each `console.log(X); // JSON` line checked.
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const BROWSER_BLOCKS = [...README.matchAll(/<!-- readme-test: browser -->\s*```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test("README has a tested browser example", () => {
  assert.ok(BROWSER_BLOCKS.length >= 1, "no <!-- readme-test: browser --> block in README.md");
});

BROWSER_BLOCKS.forEach((code, i) => {
  test(`README browser example ${i + 1} runs on the live sample and prints what it says`, async () => {
    let checks = 0;
    const body = code
      .replace(/^import \{([^}]*)\} from "article-cleaner";$/m, "const {$1} = window.ac;")
      .replace(/^(\s*)console\.log\((.*)\);\s*\/\/ (.+)$/gm, (_, indent, expr, expected) => {
        checks++;
        return `${indent}__results.push({ expr: ${JSON.stringify(expr)}, actual: JSON.stringify(${expr}), expected: ${JSON.stringify(expected.trim())} });`;
      });
    assert.ok(checks > 0, "the example has no `console.log(x); // expected` lines");
    assert.doesNotMatch(body, /^import /m, "only `import { … } from \"article-cleaner\"` is supported");
    const { context, page, errors } = await open(`${base}/www/samples/live-page/`);
    const results = await page.evaluate((src) => new Function(`const __results = [];\n${src}\nreturn __results;`)(), body);
    await context.close();
    assert.deepEqual(errors, []);
    assert.equal(results.length, checks, "not every checked line ran");
    for (const r of results) assert.equal(r.actual, r.expected, `README: console.log(${r.expr})`);
  });
});
