// The browser extension in real Chromium: built with scripts/build-extension.mjs, loaded unpacked,
// and run on two article pages served from 127.0.0.1, one without CSP and one sending
// `Content-Security-Policy: script-src 'self'` (which forbids wasm in the page's own context).
//
// A headless browser has no toolbar to click. The test calls, from the extension's service worker,
// `articleCleaner.actionClicked(tab)`: the very function registered as the action's onClicked
// listener (which the Alt+Shift+L `_execute_action` command also fires). A real click grants activeTab; the test build adds
// a host permission for http://127.0.0.1/* instead (`--host-permission`), nothing else differs.

import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { buildExtension } from "../../scripts/build-extension.mjs";
import { artifact, chromium, CHROMIUM, CHROMIUM_ARGS, offline } from "./helpers.mjs";

const TITLE = "Night trains are back, and booked out";
const ARTICLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${TITLE} | The Example Courier</title>
<meta property="og:title" content="${TITLE}">
<meta property="og:site_name" content="The Example Courier">
<meta property="article:published_time" content="2024-03-11T07:30:00Z">
<script src="/page.js"></script>
</head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/travel">Travel</a> <a href="/subscribe">Subscribe</a></nav>
<div class="ad-banner">Advertisement</div>
<main>
<article>
<h1>${TITLE}</h1>
<p class="byline">By Ana Ruiz</p>
<p>Sleeper services that were cut a decade ago are running again across Europe, and on the busiest routes every couchette is sold weeks ahead. Operators say demand has outrun the rolling stock they could find.</p>
<p>On the Vienna to Amsterdam line, the operator added a second weekly departure in March; it sold out in four days. Travellers interviewed on the platform gave the same reasons: arriving rested in a city centre, and avoiding the airport queues.</p>
<h2>Where the carriages come from</h2>
<p>Most of the new services run on refurbished cars from the 1990s. New sleeper cars take years to build, and only two factories in Europe make them. Until the first new trains arrive, operators are leasing whatever they can find.</p>
<p>The full <a href="javascript:window.__pwned=(window.__pwned||0)+1">timetable</a> is online <img src="/missing.png" onerror="window.__pwned=(window.__pwned||0)+1" alt="">and changes monthly.</p>
<p>Prices remain the main complaint: a private compartment often costs more than a flight and a hotel night together. Rail associations want lower track-access charges for night trains, which pay the same fees as daytime services.</p>
</article>
</main>
<aside class="related-sidebar"><h3>Most read</h3><ul><li><a href="/a">Ten things</a></li><li><a href="/b">Another thing</a></li></ul></aside>
<footer class="site-footer"><p>© 2024 The Example Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>`;
const PAGE_JS = `window.pageScriptRan = true;`;
const CSP = "script-src 'self'";

let server;
let origin;
let extDir;
let userDataDir;
let context;
let worker;

before(async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "article-cleaner-ext-"));
  extDir = path.join(tmp, "extension");
  userDataDir = path.join(tmp, "profile");
  buildExtension({ out: extDir, zip: false, hostPermissions: ["http://127.0.0.1/*"] });

  server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://127.0.0.1");
    if (pathname === "/page.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      return res.end(PAGE_JS);
    }
    if (pathname === "/plain/article.html" || pathname === "/csp/article.html") {
      const headers = { "Content-Type": "text/html; charset=utf-8" };
      if (pathname.startsWith("/csp/")) headers["Content-Security-Policy"] = CSP;
      res.writeHead(200, headers);
      return res.end(ARTICLE_PAGE);
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // new headless mode comes from --headless=new in the args
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
    viewport: { width: 1280, height: 900 },
  });
  await offline(context);
  // clipboard-read only, for the test to read what "Copy JSON" wrote; writing needs no grant.
  await context.grantPermissions(["clipboard-read"], { origin });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15000 }));
});

after(async () => {
  await context?.close();
  server?.close();
  if (userDataDir) fs.rmSync(path.dirname(userDataDir), { recursive: true, force: true });
});

/** Runs the action's onClicked listener for the tab showing `pageUrl`, from the service worker. */
async function clickAction(pageUrl) {
  await worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === u);
    if (!tab) throw new Error(`no tab for ${u} among ${tabs.map((t) => t.url)}`);
    await globalThis.articleCleaner.actionClicked(tab);
  }, pageUrl);
}

for (const kind of ["plain", "csp"]) {
  test(`cleans the page into a reader overlay and restores it on close (${kind === "csp" ? "CSP script-src 'self'" : "no CSP"})`, async () => {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const pageUrl = `${origin}/${kind}/article.html`;
    const response = await page.goto(pageUrl);
    assert.equal(response.headers()["content-security-policy"], kind === "csp" ? CSP : undefined);
    assert.equal(await page.evaluate(() => window.pageScriptRan), true);
    if (kind === "csp") {
      // The page's CSP really forbids wasm in the page: this is why the wasm runs in the worker.
      const compiled = await page.evaluate(async () => {
        try {
          await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
          return "compiled";
        } catch (e) {
          return e.name;
        }
      });
      assert.equal(compiled, "CompileError");
    }
    await page.waitForTimeout(200); // the page's own broken image fires its onerror (page behaviour, not ours)
    const pwnedBefore = await page.evaluate(() => window.__pwned ?? 0);
    // The payload is live: on the page without CSP its own onerror ran once (CSP blocks it on the other).
    assert.equal(pwnedBefore, kind === "plain" ? 1 : 0);
    const before = await page.evaluate(() => ({ html: document.documentElement.outerHTML, style: document.documentElement.getAttribute("style") }));

    await clickAction(pageUrl);
    const overlay = page.locator("article-cleaner-overlay");
    await overlay.locator(".ac-title").waitFor({ timeout: 10000 });
    assert.equal((await overlay.locator(".ac-title").textContent()).trim(), TITLE);
    const body = await overlay.locator(".ac-body").textContent();
    assert.match(body, /Sleeper services that were cut a decade ago/);
    assert.match(body, /Rail associations want lower track-access charges/);
    assert.equal(await overlay.locator(".ac-body h2").first().textContent(), "Where the carriages come from");
    for (const chrome of ["Most read", "Privacy", "Advertisement"]) {
      assert.ok(!body.includes(chrome), `"${chrome}" is not in the article body`);
    }
    assert.match(body, /The full timetable is online/);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned ?? 0), pwnedBefore, "nothing from the article ran in the overlay");
    const bad = await page.evaluate(() => {
      const found = [];
      for (const n of document.querySelector("article-cleaner-overlay").shadowRoot.querySelectorAll("*")) {
        for (const a of n.attributes) {
          if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) found.push(`${n.tagName} ${a.name}=${a.value}`);
        }
      }
      return found;
    });
    assert.deepEqual(bad, [], "no on* attributes or javascript: URLs in the overlay");
    const count = await overlay.locator(".acx-count").textContent();
    assert.match(count, /^\d+ removed$/);
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), "hidden", "page scroll locked");

    // Copy JSON: the clipboard receives the article.
    await overlay.locator(".acx-copy").click();
    await overlay.locator(".acx-status", { hasText: "JSON copied" }).waitFor({ timeout: 5000 });
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.equal(copied.title, TITLE);
    assert.equal(copied.version, 1);
    assert.equal(copied.url, pageUrl);
    assert.equal(`${copied.removed.length} removed`, count);

    await page.screenshot({ path: artifact(`extension-overlay-${kind}.png`) });

    // Close restores the page exactly.
    await overlay.locator(".acx-close").click();
    assert.equal(await page.locator("article-cleaner-overlay").count(), 0);
    const afterClose = await page.evaluate(() => ({ html: document.documentElement.outerHTML, style: document.documentElement.getAttribute("style") }));
    assert.deepEqual(afterClose, before);

    // The action again opens it again, and a second action (the toggle) closes it.
    await clickAction(pageUrl);
    await overlay.locator(".ac-title").waitFor({ timeout: 10000 });
    await clickAction(pageUrl);
    await page.locator("article-cleaner-overlay").waitFor({ state: "detached", timeout: 5000 });
    // Escape closes it too.
    await clickAction(pageUrl);
    await overlay.locator(".ac-title").waitFor({ timeout: 10000 });
    await page.keyboard.press("Escape");
    await page.locator("article-cleaner-overlay").waitFor({ state: "detached", timeout: 5000 });
    assert.deepEqual(
      await page.evaluate(() => ({ html: document.documentElement.outerHTML, style: document.documentElement.getAttribute("style") })),
      before,
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("the service worker replies with a typed error for input the core refuses", async () => {
  // 33 MiB is over the core's default maxInputBytes (32 MiB).
  const reply = await worker.evaluate(() => globalThis.articleCleaner.cleanPage("x".repeat(33 * 1024 * 1024), "https://example.org/"));
  assert.equal(reply.ok, false);
  assert.equal(reply.error.code, "INPUT_TOO_LARGE");
  assert.match(reply.error.message, /\w/);
  assert.ok(reply.css.includes(".acx-bar"), "the overlay CSS comes with the error too");

  const ok = await worker.evaluate(() => globalThis.articleCleaner.cleanPage("<p>Some text.</p>", "javascript:alert(1)"));
  assert.equal(ok.ok, true, "a non-http page URL is not passed as the base URL");
});

test("the toolbar action and the Alt+Shift+L command are registered; the shipped manifest asks for little", async () => {
  const { manifest, commands } = await worker.evaluate(async () => ({
    manifest: chrome.runtime.getManifest(),
    commands: await chrome.commands.getAll(),
  }));
  assert.equal(manifest.manifest_version, 3);
  assert.ok(manifest.action, "has a toolbar action");
  const command = commands.find((c) => c.name === "_execute_action");
  assert.ok(command, "the keyboard command triggers the action (and so the same onClicked listener)");
  assert.equal(command.shortcut, "Alt+Shift+L");
  assert.match(manifest.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);

  const shipped = JSON.parse(fs.readFileSync(new URL("../../extension/manifest.json", import.meta.url), "utf8"));
  assert.deepEqual(shipped.permissions, ["activeTab", "scripting"]);
  assert.equal(shipped.host_permissions, undefined, "no host permissions outside the test build");
  assert.equal(shipped.background.type, "module");
  assert.deepEqual(shipped.background.scripts, ["background.js"], "Firefox fallback");
  assert.match(shipped.browser_specific_settings.gecko.id, /@/);
});

test("on a page it may not read, the button shows a badge instead of failing silently", async () => {
  const known = await worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
  const page = await context.newPage();
  await page.goto("about:blank"); // no host permission covers it, and no click granted activeTab
  const { badge, title } = await worker.evaluate(async (ids) => {
    // Without a grant the worker cannot see the tab's URL: the new tab is the one not seen before.
    const tab = (await chrome.tabs.query({})).find((t) => !ids.includes(t.id));
    await globalThis.articleCleaner.actionClicked(tab);
    return {
      badge: await chrome.action.getBadgeText({ tabId: tab.id }),
      title: await chrome.action.getTitle({ tabId: tab.id }),
    };
  }, known);
  assert.equal(badge, "!");
  assert.match(title, /^Article Cleaner cannot read this page: /);
  assert.equal(await page.locator("article-cleaner-overlay").count(), 0);
  await page.close();
});

test("the extension's version is the crate's", async () => {
  const { version } = await worker.evaluate(() => chrome.runtime.getManifest());
  const cargo = fs.readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8");
  assert.equal(version, /\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(cargo)[1]);
});
