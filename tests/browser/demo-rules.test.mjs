// The demo's Rules tab in real Chromium: the built-in rules listed from the wasm `rules()` export
// with a switch each (`disableRules`), your own rules edited as JSON and applied live, and
// precise inline errors for bad JSON and bad rules while the last good result stays.
//
// Needs pkg/web (built here through `node scripts/serve.mjs --build-only` when missing or stale).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { prepare, startServer } from "../../scripts/serve.mjs";
import { artifact, chromium, CHROMIUM, CHROMIUM_ARGS, offline, ROOT } from "./helpers.mjs";

const TITLE = "美中官員互動起死回生　經濟工作組北京首會";
// The DW sample's last paragraph, and a user rule that removes it (written in Traditional
// characters: patterns are folded like the text, so either script works).
const SENTENCE = "各界預期，2024年11月的大選不論是拜登連任或是川普回鍋，美國對中國的政策都不會出現大幅度的轉變。";
const USER_RULE = {
  id: "my-drop-forecast",
  description: "Drop the closing forecast paragraph",
  match: { text: "各界預期，.*大選.*" },
  guard: { last: 3 },
  action: { type: "remove" },
};
const BUILTINS = JSON.parse(fs.readFileSync(path.join(ROOT, "src/rules/builtin.json"), "utf8"));

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

async function openRulesTab() {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 } });
  await offline(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("html[data-ready]");
  assert.equal(await page.getAttribute("html", "data-ready"), "true", "the wasm module loaded");
  await page.waitForSelector("#reader .ac-title");
  assert.equal(await page.isVisible("#rules-pane"), false, "the Rules tab starts closed");
  await page.click("#tab-rules");
  await page.waitForSelector("#rules-pane", { state: "visible" });
  return { context, page, errors };
}

const readerText = (page) => page.textContent("#reader");
const auditRules = (page) => page.$$eval("#removed li", (lis) => lis.map((li) => li.dataset.rule));

/** Types into the rules box the way a user does (an `input` event), then waits for the debounce. */
async function setRules(page, text) {
  await page.fill("#rules-json", text);
}

test("the Rules tab lists every built-in rule and starts with an example rule that changes nothing", async () => {
  const { context, page, errors } = await openRulesTab();
  try {
    const ids = await page.$$eval("#builtin-rules li", (lis) => lis.map((li) => li.dataset.id));
    assert.deepEqual(ids, BUILTINS.map((r) => r.id), "one entry per built-in rule, in file order");
    const checked = await page.$$eval("#builtin-rules input[type=checkbox]", (bs) => bs.every((b) => b.checked));
    assert.ok(checked, "every built-in starts on");
    assert.match(await page.textContent('#builtin-rules li[data-id="feedx-footer"]'), /remove · everywhere/);
    assert.match(await page.textContent('#builtin-rules li[data-id="rsshub-ai-summary"]'), /feeds: rsshub/);
    const example = JSON.parse(await page.inputValue("#rules-json"));
    assert.ok(Array.isArray(example) && example.length === 1 && example[0].action.type === "remove");
    assert.equal(await page.isVisible("#rules-error"), false);
    assert.ok((await auditRules(page)).includes("feedx-footer"));
    assert.equal(await page.$$eval("#removed li.user", (l) => l.length), 0, "the example rule fires on no sample");

    // Filter the list.
    await page.fill("#rules-filter", "proxy");
    const shown = await page.$$eval("#builtin-rules li", (lis) => lis.map((li) => li.dataset.id));
    // Every proxy- rule is shown; any other shown rule says "proxy" in its description or kind.
    const proxies = BUILTINS.filter((r) => r.id.startsWith("proxy-")).map((r) => r.id);
    assert.ok(proxies.length >= 5 && proxies.every((id) => shown.includes(id)), shown.join(","));
    for (const id of shown.filter((id) => !id.startsWith("proxy-"))) {
      const r = BUILTINS.find((b) => b.id === id);
      assert.match(JSON.stringify(r).toLowerCase(), /proxy/, `${id} is shown for "proxy"`);
    }
    assert.ok(shown.length < BUILTINS.length, "the filter hides the rest");
    await page.fill("#rules-filter", "");

    // A built-in copied as a template replaces the built-in (same id).
    await page.selectOption("#rule-template", { label: "dw-disclaimer (remove)" });
    await page.click("#add-template");
    const now = JSON.parse(await page.inputValue("#rules-json"));
    assert.deepEqual(now.map((r) => r.id), ["my-newsletter-line", "dw-disclaimer"]);
    await page.waitForSelector('#builtin-rules li.overridden[data-id="dw-disclaimer"]');
    await page.click("#reset-rules");
    await page.waitForSelector('#builtin-rules li.overridden[data-id="dw-disclaimer"]', { state: "detached" });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a user rule removes a sentence of the DW sample; the audit names it as yours", async () => {
  const { context, page, errors } = await openRulesTab();
  try {
    assert.ok((await readerText(page)).includes(SENTENCE), "the sentence is there to begin with");
    await setRules(page, JSON.stringify([USER_RULE], null, 2));
    await page.waitForFunction((s) => !document.querySelector("#reader").textContent.includes(s), SENTENCE);
    assert.equal((await page.textContent("#reader .ac-title")).trim(), TITLE, "the rest of the article stays");
    const li = await page.waitForSelector('#removed li[data-rule="my-drop-forecast"]');
    assert.equal(await li.getAttribute("data-user"), "true");
    assert.equal(await li.$eval(".yours", (y) => y.textContent), "yours");
    assert.match(await li.textContent(), /各界預期/);
    assert.match(await li.textContent(), /Drop the closing forecast paragraph/, "the description is the reason");
    assert.equal(await page.$$eval("#rule-counts tr.user", (trs) => trs.map((t) => t.cells[0].textContent)).then((t) => t.join()), "my-drop-forecast yours");
    assert.ok(!(await auditRules(page)).filter((r) => r !== "my-drop-forecast").some((r) => r.startsWith("my-")));
    assert.match(await page.textContent("#status"), /1 rule\(s\) of yours/);
    const json = JSON.parse(await page.textContent("#json"));
    assert.ok(!json.textContent.includes(SENTENCE), "the JSON panel follows");
    assert.equal(await page.textContent("#rules-badge"), "1");
    await page.screenshot({ path: artifact("demo-rules-panel.png"), fullPage: false });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("switching a built-in rule off brings its text back and takes it out of the audit", async () => {
  const { context, page, errors } = await openRulesTab();
  try {
    assert.ok(!(await readerText(page)).includes("获取更多RSS"));
    await page.uncheck('#builtin-rules input[data-rule-id="feedx-footer"]');
    await page.waitForFunction(() => document.querySelector("#reader").textContent.includes("获取更多RSS"));
    assert.ok(!(await auditRules(page)).includes("feedx-footer"), "feedx-footer left the audit");
    assert.match(await page.textContent("#status"), /1 built-in\(s\) off/);
    assert.match(await page.getAttribute('#builtin-rules li[data-id="feedx-footer"]', "class"), /\boff\b/);
    await page.check('#builtin-rules input[data-rule-id="feedx-footer"]');
    await page.waitForFunction(() => !document.querySelector("#reader").textContent.includes("获取更多RSS"));
    assert.ok((await auditRules(page)).includes("feedx-footer"));
    // And through "Enable all".
    await page.uncheck('#builtin-rules input[data-rule-id="copyright"]');
    await page.waitForFunction(() => document.querySelector("#reader .ac-body").textContent.includes("版權聲明"));
    await page.click("#enable-all");
    await page.waitForFunction(() => !document.querySelector("#reader .ac-body").textContent.includes("版權聲明"));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("an invalid rule shows the library's error with index, id and field path; the page keeps working", async () => {
  const { context, page, errors } = await openRulesTab();
  try {
    const before = await readerText(page);
    await setRules(page, JSON.stringify([
      { id: "ok", match: { selector: "p.nothing" }, action: { type: "remove" } },
      { id: "typo", match: { selectr: "p" }, action: { type: "remove" } },
    ], null, 2));
    const box = await page.waitForSelector("#rules-error:not([hidden])");
    assert.equal(await box.getAttribute("data-path"), "match.selectr");
    assert.equal(await box.getAttribute("data-rule-index"), "1");
    assert.equal(await box.getAttribute("data-rule-id"), "typo");
    const text = await box.textContent();
    assert.match(text, /^Rule #1 \(id "typo"\) at match\.selectr:/);
    assert.match(text, /unknown field `selectr`, expected one of/);
    assert.match(await page.textContent("#status"), /INVALID_RULE/);
    assert.equal(await page.getAttribute("#reader", "class"), "reader stale", "the last good result stays, dimmed");
    assert.equal(await readerText(page), before);

    // A bad selector inside an otherwise well-formed rule: the compile error, same precision.
    await setRules(page, '[{"id": "sel", "match": {"selector": "p[["}, "action": {"type": "remove"}}]');
    await page.waitForFunction(() => document.querySelector("#rules-error").dataset.path === "match.selector");
    assert.match(await page.textContent("#rules-error"), /invalid CSS selector `p\[\[`/);

    // The page still works: other controls, then a fixed rule.
    await page.click("#tab-input");
    await page.selectOption("#sample", { label: "Medium feed item" });
    await page.click("#tab-rules");
    await setRules(page, JSON.stringify([USER_RULE]));
    await page.waitForSelector("#rules-error", { state: "hidden" });
    await page.waitForFunction(() => document.querySelector("#reader").className === "reader");
    await page.waitForSelector('#removed li[data-rule="medium-footer"]');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("invalid JSON gets a clear message, not a crash", async () => {
  const { context, page, errors } = await openRulesTab();
  try {
    await setRules(page, '[{"id": "x", "match": {"text": "a"},\n  "action": }]');
    const box = await page.waitForSelector("#rules-error:not([hidden])");
    assert.equal(await box.getAttribute("data-kind"), "json");
    assert.equal(await box.textContent(), `Not valid JSON at line 2, column 13 (expected a value, found "}")`);
    assert.equal(await page.getAttribute("#reader", "class"), "reader stale");
    assert.equal((await page.textContent("#reader .ac-title")).trim(), TITLE, "the last good result stays");

    await setRules(page, '{"id": "x"}');
    await page.waitForFunction(() => /must be a JSON array/.test(document.querySelector("#rules-error").textContent));

    await setRules(page, "");
    await page.waitForSelector("#rules-error", { state: "hidden" });
    await page.waitForFunction(() => document.querySelector("#reader").className === "reader");
    assert.match(await page.textContent("#status"), /^Cleaned in/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
