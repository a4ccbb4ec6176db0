// The in-page demo in real Chromium: the built-in DW sample comes out clean, and a hostile item
// pasted into the box renders as text without running anything.
//
// Needs pkg/web (built here through `node scripts/serve.mjs --build-only` when missing or stale).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { prepare, startServer } from "../../scripts/serve.mjs";
import { artifact, chromium, CHROMIUM, CHROMIUM_ARGS, offline } from "./helpers.mjs";

const TITLE = "美中官員互動起死回生　經濟工作組北京首會";
const IMAGES = ["https://static.dw.com/image/66164354_303.jpg", "https://static.dw.com/image/67417534_303.jpg"];

// Every payload would bump window.__pwned (or call alert) if it ever ran.
const HOSTILE = `
<p>Hostile paragraph one survives as text.</p>
<script>window.__pwned = (window.__pwned || 0) + 1; alert("script")</script>
<p>Image: <img src="x" onerror="window.__pwned = (window.__pwned || 0) + 1; alert('onerror')"></p>
<p><a href="javascript:window.__pwned=(window.__pwned||0)+1;alert('js-link')">a javascript: link</a> and
<a href="JaVaScRiPt&colon;alert(1)">an obfuscated one</a> and <a href="https://example.org/ok">a good link</a>.</p>
<svg onload="window.__pwned = (window.__pwned || 0) + 1; alert('svg')"><circle r="5"/></svg>
<iframe srcdoc="<script>parent.__pwned = (parent.__pwned || 0) + 1; parent.alert('srcdoc')</script>"></iframe>
<p onclick="window.__pwned++" style="background:url(javascript:alert(1))">Hostile paragraph two survives too.</p>
<details open ontoggle="window.__pwned = (window.__pwned || 0) + 1">x</details>
<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = (window.__pwned || 0) + 1"></style></mglyph></table></mtext></math>
<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button></form>
<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">
<p>Last line of the hostile item.</p>`;

let server;
let url;
let cspServer;
let cspUrl;
let browser;

before(async () => {
  prepare(); // builds pkg/web only when it is missing or older than the Rust sources
  // Served WITHOUT the demo's CSP: the rendering itself must be inert, not just blocked by policy.
  ({ server, url } = await startServer({ port: 0, csp: false }));
  // And once as `node scripts/serve.mjs` serves it, with the demo's own CSP.
  ({ server: cspServer, url: cspUrl } = await startServer({ port: 0 }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  cspServer?.close();
});

async function openDemo(at = url) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 } });
  await offline(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__pwned = 0;
    window.__alerts = [];
    window.alert = (m) => window.__alerts.push(String(m));
  });
  const consoleErrors = [];
  page.on("console", (m) => {
    // Article images are blocked by the offline route; anything else is a real error.
    if (m.type() === "error" && !/ERR_BLOCKED_BY_CLIENT/.test(m.text())) consoleErrors.push(m.text());
  });
  const response = await page.goto(at);
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.getAttribute("html", "data-ready"), "true", "the wasm module loaded");
  return { context, page, errors, dialogs, consoleErrors, response };
}

test("the demo opens on the DW feed item, already cleaned", async () => {
  const { context, page, errors } = await openDemo();
  try {
    await page.waitForSelector("#reader .ac-title");
    assert.equal((await page.textContent("#reader .ac-title")).trim(), TITLE);

    const srcs = await page.$$eval("#reader img", (imgs) => imgs.map((i) => i.getAttribute("src")));
    assert.deepEqual(srcs, IMAGES, "both images, unwrapped from images.weserv.nl");
    const captions = await page.$$eval("#reader figcaption", (f) => f.map((x) => x.textContent));
    assert.equal(captions.length, 2);
    assert.match(captions[0], /耶倫/);

    const readerText = await page.textContent("#reader");
    assert.ok(!readerText.includes("获取更多RSS"), "feedx footer gone from the reader view");
    assert.ok(!readerText.includes("feedx.net"), "feedx links gone");
    assert.match(await page.textContent("#reader .ac-footer"), /^© 2024年德國之聲版權聲明/);
    assert.equal(await page.textContent("#reader .ac-related a"), "耶倫擬再訪中 指「衝擊管理」為穩定美中關鍵");
    assert.equal(await page.getAttribute("#reader .ac-related a", "href"), "https://www.dw.com/a-67727234");
    assert.equal(await page.getAttribute("#reader time", "datetime"), "2024-02-06T04:44:52.609Z");
    assert.equal(await page.textContent("#reader .ac-body h2"), "美中互動頻率增");

    const rules = await page.$$eval("#removed li", (lis) => lis.map((li) => li.dataset.rule));
    assert.ok(rules.includes("feedx-footer"), `audit list has feedx-footer: ${rules}`);
    const counts = Object.fromEntries(
      await page.$$eval("#rule-counts tbody tr", (trs) => trs.map((tr) => [tr.cells[0].textContent, Number(tr.cells[1].textContent)])),
    );
    assert.equal(counts["dw-api-links"], 4);
    assert.equal(counts["proxy-weserv"], 2);
    assert.equal(Number(await page.textContent("#removed-count")), rules.length);

    const json = JSON.parse(await page.textContent("#json"));
    assert.equal(json.title, TITLE);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
    await page.click("#copy-json");
    await page.waitForFunction(() => document.querySelector("#copy-status").textContent === "copied");
    assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), json, "Copy puts the JSON on the clipboard");
    assert.equal(await page.getAttribute("#json-details", "open"), null, "the copy button does not toggle the <details>");
    assert.match(await page.textContent("#metrics"), /clean\(\)\s*[\d.]+ ms/);

    await page.screenshot({ path: artifact("demo-dw.png"), fullPage: false });

    // A bad base URL: the typed error from the core is shown, the last result stays (dimmed).
    await page.fill("#url", "not a url");
    await page.waitForSelector("#status.error");
    assert.match(await page.textContent("#status"), /^Could not clean: INVALID_OPTIONS: .*`url`/);
    assert.equal(await page.getAttribute("#reader", "class"), "reader stale");
    await page.fill("#url", "https://www.dw.com/zh/");
    await page.waitForSelector("#status.ok");
    assert.equal(await page.getAttribute("#reader", "class"), "reader");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("under the demo's own CSP: the sample picker, the full-page sample and a dropped-in file", async () => {
  const { context, page, errors, consoleErrors, response } = await openDemo(cspUrl);
  try {
    assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
    await page.waitForSelector("#reader .ac-title");
    await page.selectOption("#sample", { label: "Full page: Medium article (Readability test page, Apache-2.0)" });
    await page.waitForFunction(() => document.querySelector("#reader .ac-title")?.textContent.includes("Literally"));
    assert.equal(await page.inputValue("#url"), "http://fakehost/test/page.html");
    assert.ok((await page.$$("#reader .ac-body p")).length > 5);
    assert.match(await page.textContent("#metrics"), /kind\s*document/);

    for (const [label, needle] of [
      ["WordPress + Yoast + Jetpack feed item", "wordpress-appeared-first"],
      ["Medium feed item", "medium-footer"],
      ["FeedBurner feed item", "feedburner-flare"],
      ["Substack feed item", "substack-widgets"],
    ]) {
      await page.selectOption("#sample", { label });
      await page.waitForSelector(`#removed li[data-rule="${needle}"]`);
    }

    // An item only the edge layer cleans: its audit entry shows the signals it weighed.
    await page.setInputFiles("#file", {
      name: "edge.html",
      mimeType: "text/html",
      buffer: Buffer.from('<p>Die Stadtwerke erhöhen zum 1. Januar die Preise für Fernwärme um zwölf Prozent.</p><p><a href="https://e.example/x">Weiterlesen</a></p>'),
    });
    const edge = await page.waitForSelector('#removed li[data-rule="edge-read-more"]');
    const chips = await edge.$$eval(".signals span", (s) => s.map((x) => x.textContent));
    assert.ok(chips.includes("tail:0") && chips.some((c) => c.startsWith("vocab:readMore:whole(de")), chips.join(" "));
    assert.ok(chips.some((c) => c.startsWith("score:")), chips.join(" "));

    await page.setInputFiles("#file", {
      name: "dropped.html",
      mimeType: "text/html",
      buffer: Buffer.from("<article><h1>From a file</h1><p>Opened through the file picker.</p></article>"),
    });
    await page.waitForFunction(() => document.querySelector("#reader")?.textContent.includes("Opened through the file picker."));
    assert.equal(await page.inputValue("#sample"), "");

    // Dropping a file anywhere on the page (a synthetic drop event with a real File).
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["<article><h1>Dropped</h1><p>Arrived by drag and drop.</p></article>"], "d.html", { type: "text/html" }));
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector("#reader")?.textContent.includes("Arrived by drag and drop."));
    assert.match(await page.inputValue("#html"), /Arrived by drag and drop/);
    assert.deepEqual(errors, []);
    assert.deepEqual(consoleErrors, [], "no CSP violations or other console errors");
  } finally {
    await context.close();
  }
});

test("a hostile item pasted into the box shows its text and runs nothing", async () => {
  const { context, page, errors, dialogs } = await openDemo();
  try {
    await page.waitForSelector("#reader .ac-title");
    await page.fill("#html", HOSTILE); // fires `input`: cleaned after the debounce, no button press
    await page.waitForFunction(() => document.querySelector("#reader")?.textContent.includes("Hostile paragraph one"));
    await page.click("#clean"); // and once more through the button
    await page.waitForTimeout(500); // let any onerror/onload/timer have its chance

    const reader = await page.textContent("#reader");
    for (const t of ["Hostile paragraph one survives as text.", "Hostile paragraph two survives too.", "Last line of the hostile item.", "a good link"]) {
      assert.ok(reader.includes(t), `reader shows "${t}"`);
    }
    assert.equal(await page.evaluate(() => window.__pwned), 0, "no payload ran");
    assert.deepEqual(await page.evaluate(() => window.__alerts), [], "alert never called");
    assert.deepEqual(dialogs, []);

    const bad = await page.$$eval("#reader *", (nodes) => {
      const found = [];
      for (const n of nodes) {
        if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "FORM", "STYLE"].includes(n.tagName) || n.namespaceURI !== "http://www.w3.org/1999/xhtml") {
          found.push(`<${n.tagName}>`);
        }
        for (const a of n.attributes) {
          if (/^on/i.test(a.name) || a.name === "srcdoc" || a.name === "style") found.push(`${n.tagName} ${a.name}`);
          if (/^\s*(javascript|vbscript|data):/i.test(a.value)) found.push(`${n.tagName} ${a.name}=${a.value}`);
        }
      }
      return found;
    });
    assert.deepEqual(bad, [], "no script-capable elements, on* attributes or javascript: URLs in the reader");
    assert.deepEqual(
      await page.$$eval("#reader a", (as) => as.map((a) => a.getAttribute("href"))).then((h) => h.filter(Boolean)),
      ["https://example.org/ok"],
    );
    await page.screenshot({ path: artifact("demo-hostile.png"), fullPage: false });
    assert.equal(await page.evaluate(() => window.__pwned), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
