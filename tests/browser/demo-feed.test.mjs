// The demo takes a whole feed: the feed sample, and a feed pasted into the box, come out as the
// list of their items, each cleaned with its own audit (cleanFeed), in real Chromium.
//
// Needs pkg/web (built through `node scripts/serve.mjs --build-only` when missing or stale).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { prepare, startServer } from "../../scripts/serve.mjs";
import { chromium, CHROMIUM, CHROMIUM_ARGS, offline } from "./helpers.mjs";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
let server;
let url;
let browser;

before(async () => {
  prepare();
  ({ server, url } = await startServer({ port: 0 }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openDemo() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await offline(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("html[data-ready]");
  return { context, page, errors };
}

test("the feed sample shows its items, each cleaned with its audit", async () => {
  const { context, page, errors } = await openDemo();
  try {
    const value = await page.$$eval("#sample option", (os) => os.find((o) => /Whole feed/.test(o.textContent))?.value);
    assert.ok(value, "a whole-feed sample in the picker");
    await page.selectOption("#sample", value);
    await page.waitForSelector("#reader .feed-item");
    assert.equal(await page.$$eval("#reader .feed-item", (s) => s.length), 1);
    assert.equal((await page.textContent("#reader .feed > header h2")).trim(), "Google Ads Developer Blog");
    assert.equal(
      (await page.textContent("#reader .feed-item .ac-title")).trim(),
      "AdWords and DFP Java client library will soon require Java 7+",
    );
    assert.match(await page.textContent("#reader .feed-item details summary"), /Removed from item #1: [1-9]/);
    assert.match(await page.textContent("#removed"), /tracking-pixel/);
    assert.match(await page.textContent("#status"), /Feed read and cleaned/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a pasted Google News feed: titles without the publisher suffix, one section per item", async () => {
  const { context, page, errors } = await openDemo();
  try {
    const xml = fs.readFileSync(path.join(ROOT, "tests/fixtures/feed-documents/googlenews-search/input.xml"), "utf8");
    await page.fill("#html", xml);
    await page.click("#clean");
    await page.waitForSelector("#reader .feed-item");
    assert.equal(await page.$$eval("#reader .feed-item", (s) => s.length), 3);
    const titles = await page.$$eval("#reader .feed-item .ac-title", (t) => t.map((x) => x.textContent.trim()));
    assert.equal(titles[0], "Volta Launches New AI-Focused Program");
    assert.match(await page.textContent("#removed"), /feed-title-source/);
    // An ordinary item still goes through clean().
    await page.fill("#html", "<p>Just one paragraph of an item.</p>");
    await page.click("#clean");
    await page.waitForFunction(() => !document.querySelector("#reader .feed-item"));
    assert.match(await page.textContent("#reader"), /Just one paragraph of an item\./);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
