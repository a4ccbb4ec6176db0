// The demo's live-page sample: cleanDocument() on the page in a frame, under the demo's own CSP.
// Its stylesheet hides an offer, an app banner, a print line, a ticker and a screen-reader
// label: the reader view leaves them out and the audit says why; the collapsed "Read more"
// section stays. Pressing Clean cleans the same markup as a string: the hidden text comes back.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { prepare, startServer } from "../../scripts/serve.mjs";
import { artifact, chromium, CHROMIUM, CHROMIUM_ARGS, offline } from "./helpers.mjs";

const LABEL = "Live page in a frame: cleanDocument() (its CSS hides the boilerplate)";
const HIDDEN = [
  "Unlock every article for one euro",
  "Read this story in the Coastline Post app",
  "Printed from coastlinepost.example",
  "harbour traffic delayed by fog",
  "Skip past the photo gallery",
];

let server;
let url;
let browser;

before(async () => {
  prepare();
  ({ server, url } = await startServer({ port: 0 })); // with the demo's CSP
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the live-page sample is cleaned with cleanDocument(); Clean then shows what the string path keeps", async () => {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 } });
  await offline(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page.waitForSelector("html[data-ready]");
    await page.waitForSelector("#reader .ac-title");
    await page.selectOption("#sample", { label: LABEL });
    await page.waitForFunction(() => /live page: \d+ block/.test(document.querySelector("#status").textContent));
    assert.equal(await page.isVisible("#live-frame"), true);
    assert.equal((await page.textContent("#reader .ac-title")).trim(), "Harbour ferry returns after two-year repair");
    const reader = await page.textContent("#reader");
    assert.match(reader, /made its first crossing in two years/);
    assert.match(reader, /about 90,000 passengers a year/, "the collapsed Read more section is content");
    for (const h of HIDDEN) assert.ok(!reader.includes(h), `the reader view shows hidden text "${h}"`);
    const audit = await page.$$eval("#removed li[data-rule='hidden-computed']", (lis) => lis.map((li) => li.textContent));
    assert.equal(audit.length, HIDDEN.length, audit.join("\n"));
    assert.ok(audit.some((t) => /display:none/.test(t)));
    assert.ok(audit.some((t) => /visibility:hidden/.test(t)));
    assert.ok(audit.some((t) => /1 px/.test(t)));
    const metrics = await page.textContent("#metrics");
    assert.match(metrics, /cleanDocument\(\)\s*[\d.]+ ms/);
    assert.match(metrics, /hidden by CSS\s*5 block\(s\) left out/);
    await page.screenshot({ path: artifact("demo-live-page.png"), fullPage: false });

    // The same markup as a string: the markup does not say what the stylesheet hides.
    await page.click("#clean");
    await page.waitForFunction(() => !/live page/.test(document.querySelector("#status").textContent));
    assert.equal(await page.isVisible("#live-frame"), false);
    const asString = await page.textContent("#reader");
    for (const h of HIDDEN.slice(0, 2)) assert.ok(asString.includes(h), `the string path lost "${h}"`);
    assert.equal(await page.$$eval("#removed li[data-rule='hidden-computed']", (l) => l.length), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
