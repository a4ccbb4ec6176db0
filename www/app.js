// The demo page: loads the wasm build, cleans the input as you type, and shows the reader view,
// the removed-items audit and the JSON. The Rules tab lists the built-in rules (each can be
// switched off: `disableRules`) and edits your own rules (`rules`), re-cleaning live. Plain ES module, no framework, no network beyond this
// origin (article images load from their own hosts when online).

import init, { clean, cleanDocument, cleanFeed, rules as builtinRules, version } from "./pkg/article_cleaner.js";
import "./reader-view.js";

const { renderArticle, ruleCounts } = globalThis.ArticleCleanerReader;

const SAMPLES = [
  { file: "samples/dw-feedx-item.html", label: "DW via feedx (zh-Hant feed item)" },
  { file: "samples/wordpress-yoast-item.html", label: "WordPress + Yoast + Jetpack feed item" },
  { file: "samples/medium-item.html", label: "Medium feed item" },
  { file: "samples/feedburner-item.html", label: "FeedBurner feed item" },
  { file: "samples/substack-item.html", label: "Substack feed item" },
  {
    file: "samples/readability-medium-2/source.html",
    label: "Full page: Medium article (Readability test page, Apache-2.0)",
    url: "http://fakehost/test/page.html",
  },
  // A whole feed: cleanFeed() reads it and cleans every item (rbren/rss-parser's fixture, MIT).
  { file: "samples/feed-blogger-feedburner.atom", label: "Whole feed: Blogger Atom via FeedBurner, cleanFeed()" },
  // Cleaned live: cleanDocument() on the page in a frame, whose stylesheet hides boilerplate.
  { live: "samples/live-page/index.html", label: "Live page in a frame: cleanDocument() (its CSS hides the boilerplate)" },
];
const DEBOUNCE_MS = 300;

// The rules box starts with a small, useful rule: it fires on none of the samples, so the
// samples show the built-in set alone until you edit it.
const EXAMPLE_RULES = [
  {
    id: "my-newsletter-line",
    description: "Example: drop a 'Sign up for our newsletter' / 订阅我们的电子报 line near the end",
    match: { text: "(?:sign up for|subscribe to) our (?:free )?newsletter.*|订阅我们的(?:电子报|新闻信).*" },
    guard: { last: 3, maxChars: 200 },
    action: { type: "remove" },
  },
];

const $ = (id) => document.getElementById(id);
const ui = {
  sample: $("sample"), url: $("url"), html: $("html"), clean: $("clean"), live: $("live"),
  file: $("file"), status: $("status"), metrics: $("metrics"), reader: $("reader"),
  removedCount: $("removed-count"), ruleCounts: $("rule-counts").tBodies[0], removed: $("removed"),
  json: $("json"), copy: $("copy-json"), copyStatus: $("copy-status"), dropHint: $("drop-hint"),
  tabInput: $("tab-input"), tabRules: $("tab-rules"), inputPane: $("input-pane"), rulesPane: $("rules-pane"),
  rulesBadge: $("rules-badge"), rulesJson: $("rules-json"), rulesError: $("rules-error"),
  ruleTemplate: $("rule-template"), addTemplate: $("add-template"), resetRules: $("reset-rules"),
  rulesFilter: $("rules-filter"), enableAll: $("enable-all"), builtinList: $("builtin-rules"),
  builtinCount: $("builtin-count"), livePane: $("live-pane"), liveFrame: $("live-frame"),
};

/** Built-in rules (from the wasm `rules()` export), ids switched off, ids of your rules. */
const rulesState = { builtins: [], disabled: new Set(), userIds: new Set() };

let ready = false;
/** True while the live-page sample is shown and the HTML box is unedited: run() cleans the frame. */
let liveMode = false;
let lastJson = "";
let timer = 0;

const utf8 = new TextEncoder();
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

function setStatus(text, kind = "") {
  ui.status.textContent = text;
  ui.status.className = `status ${kind}`;
}

function showMetrics(pairs) {
  ui.metrics.replaceChildren();
  for (const [k, v] of pairs) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    ui.metrics.append(dt, dd);
  }
}

function showAudit(removed) {
  ui.removedCount.textContent = String(removed.length);
  ui.ruleCounts.replaceChildren();
  for (const [rule, count] of ruleCounts(removed)) {
    const tr = document.createElement("tr");
    const a = document.createElement("td");
    const code = document.createElement("code");
    code.textContent = rule;
    a.append(code);
    if (rulesState.userIds.has(rule)) {
      tr.className = "user";
      a.append(" ", yoursTag());
    }
    const b = document.createElement("td");
    b.textContent = String(count);
    tr.append(a, b);
    ui.ruleCounts.append(tr);
  }
  ui.removed.replaceChildren();
  for (const r of removed) {
    const li = document.createElement("li");
    li.dataset.rule = r.rule;
    const head = document.createElement("div");
    const rule = document.createElement("code");
    rule.className = "rule";
    rule.textContent = r.rule;
    const action = document.createElement("span");
    action.className = `action action-${r.action}`;
    action.textContent = r.field ? `${r.action} → ${r.field}` : r.action;
    head.append(rule, " ", action);
    if (rulesState.userIds.has(r.rule)) {
      li.className = "user";
      li.dataset.user = "true";
      head.append(" ", yoursTag());
    }
    const reason = document.createElement("div");
    reason.className = "reason";
    reason.textContent = r.reason;
    const excerpt = document.createElement("blockquote");
    excerpt.className = "excerpt";
    excerpt.textContent = r.text;
    li.append(head, reason, excerpt);
    // What the edge layer weighed (position, vocabulary, links, score): one chip per signal.
    if (r.signals && r.signals.length) {
      const signals = document.createElement("div");
      signals.className = "signals";
      for (const s of r.signals) {
        const chip = document.createElement("span");
        chip.textContent = s;
        signals.append(chip);
      }
      li.append(signals);
    }
    ui.removed.append(li);
  }
}

function yoursTag() {
  const tag = document.createElement("span");
  tag.className = "yours";
  tag.textContent = "yours";
  tag.title = "a rule from the Rules tab";
  return tag;
}

// ---- Rules tab -------------------------------------------------------------------------------

/**
 * Where JSON text goes wrong, as " at line L, column C (…)", found by a small recursive-descent
 * scan (V8's JSON.parse messages often give no position, e.g. "Unexpected token '}'").
 */
function jsonErrorAt(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) i++;
  };
  const fail = (what) => {
    throw new Error(what);
  };
  const literal = (word) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail("expected a value");
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text[i] < " ") fail("control character in a string");
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail("expected a value");
    i += m[0].length;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a property name in double quotes");
        string();
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail("expected ',' or '}'");
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail("expected ',' or ']'");
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c >= "0" && c <= "9")) number();
    else fail(i >= text.length ? "unexpected end of text" : "expected a value");
  };
  try {
    value();
    ws();
    if (i < text.length) fail("unexpected text after the end");
    return "";
  } catch (e) {
    const before = text.slice(0, i);
    const line = before.split("\n").length;
    const column = i - before.lastIndexOf("\n");
    const found = i < text.length ? `, found ${JSON.stringify(text[i])}` : "";
    return ` at line ${line}, column ${column} (${e.message}${found})`;
  }
}

/** Your rules from the box: `{ rules }`, or `{ error }` when the text is not a JSON array. */
function readUserRules() {
  const text = ui.rulesJson.value;
  if (text.trim() === "") return { rules: [] };
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: { kind: "json", message: `Not valid JSON${jsonErrorAt(text) || `: ${e.message}`}` } };
  }
  if (!Array.isArray(value)) {
    return { error: { kind: "json", message: "Your rules must be a JSON array of rule objects: [ { \"id\": …, \"match\": …, \"action\": … } ]" } };
  }
  return { rules: value };
}

/** Shows a rules problem inline: a JSON error, or the library's INVALID_RULE error with its parts. */
function showRulesError(err) {
  const box = ui.rulesError;
  box.replaceChildren();
  delete box.dataset.path;
  delete box.dataset.ruleIndex;
  delete box.dataset.ruleId;
  if (!err) {
    box.hidden = true;
    box.dataset.kind = "";
    return;
  }
  box.hidden = false;
  box.dataset.kind = err.kind;
  if (err.kind === "rule") {
    const head = document.createElement("strong");
    head.textContent = `Rule #${err.ruleIndex ?? "?"}${err.ruleId ? ` (id "${err.ruleId}")` : ""}`;
    box.append(head);
    if (err.path) {
      const code = document.createElement("code");
      code.className = "path";
      code.textContent = err.path;
      box.append(" at ", code);
      box.dataset.path = err.path;
    }
    if (err.ruleIndex !== null && err.ruleIndex !== undefined) box.dataset.ruleIndex = String(err.ruleIndex);
    if (err.ruleId) box.dataset.ruleId = err.ruleId;
    box.append(":\n");
  }
  const msg = document.createElement("span");
  msg.className = "message";
  msg.textContent = err.message;
  box.append(msg);
  if (err.kind !== "json") box.append("\n", "The last good result stays on screen until this is fixed.");
}

function scopeSummary(rule) {
  const s = rule.scope ?? {};
  const parts = [];
  if (s.feeds?.length) parts.push(`feeds: ${s.feeds.join(", ")}`);
  if (s.domains?.length) parts.push(`domains: ${s.domains.join(", ")}`);
  if (s.urlPatterns?.length) parts.push(`URL: ${s.urlPatterns.join(" | ")}`);
  return parts.length ? parts.join("; ") : "everywhere";
}

function renderBuiltinRules() {
  ui.builtinList.replaceChildren();
  const filter = ui.rulesFilter.value.trim().toLowerCase();
  let shown = 0;
  for (const rule of rulesState.builtins) {
    const scope = scopeSummary(rule);
    const hay = `${rule.id} ${rule.action.type} ${scope} ${rule.description ?? ""}`.toLowerCase();
    if (filter && !hay.includes(filter)) continue;
    shown++;
    const li = document.createElement("li");
    li.dataset.id = rule.id;
    const off = rulesState.disabled.has(rule.id);
    li.classList.toggle("off", off);
    li.classList.toggle("overridden", rulesState.userIds.has(rule.id));
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = !off;
    box.dataset.ruleId = rule.id;
    box.title = off ? "switched off (in disableRules)" : "on";
    box.addEventListener("change", () => {
      if (box.checked) rulesState.disabled.delete(rule.id);
      else rulesState.disabled.add(rule.id);
      li.classList.toggle("off", !box.checked);
      run();
    });
    const id = document.createElement("code");
    id.textContent = rule.id;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = `${rule.action.type} · ${scope}${rule.flag ? ` · sets ${rule.flag}` : ""}`;
    label.append(box, id, meta);
    const desc = document.createElement("div");
    desc.className = "desc";
    desc.textContent = rule.description ?? "";
    li.append(label, desc);
    ui.builtinList.append(li);
  }
  const n = rulesState.builtins.length;
  const offCount = rulesState.disabled.size;
  ui.builtinCount.textContent = `(${n}${offCount ? `, ${offCount} off` : ""}${filter ? `, ${shown} shown` : ""})`;
}

function updateRulesBadge(userCount) {
  const n = userCount + rulesState.disabled.size;
  ui.rulesBadge.hidden = n === 0;
  ui.rulesBadge.textContent = String(n);
  ui.rulesBadge.title = `${userCount} rule(s) of yours, ${rulesState.disabled.size} built-in(s) off`;
}

function setUserRules(rules) {
  ui.rulesJson.value = `${JSON.stringify(rules, null, 2)}\n`;
}

function addTemplate() {
  const rule = rulesState.builtins[Number(ui.ruleTemplate.value)];
  if (!rule) return;
  const current = readUserRules();
  if (current.error) {
    showRulesError({ ...current.error, message: `${current.error.message}\nFix the JSON before adding a template.` });
    return;
  }
  // Same id: your copy replaces the built-in, so editing it changes what the built-in did.
  setUserRules([...current.rules, structuredClone(rule)]);
  ui.ruleTemplate.value = "";
  run();
}

function selectTab(which) {
  const rules = which === "rules";
  ui.tabInput.setAttribute("aria-selected", String(!rules));
  ui.tabRules.setAttribute("aria-selected", String(rules));
  ui.inputPane.hidden = rules;
  ui.rulesPane.hidden = !rules;
}

// ---- Cleaning --------------------------------------------------------------------------------

function run() {
  clearTimeout(timer);
  if (!ready) return;
  const html = ui.html.value;
  const options = {};
  const base = ui.url.value.trim();
  if (base) options.url = base;
  const user = readUserRules();
  if (user.error) {
    showRulesError(user.error);
    setStatus(`Could not clean: your rules: ${user.error.message}`, "error");
    ui.reader.classList.add("stale"); // the last good result stays, dimmed
    return;
  }
  if (user.rules.length) options.rules = user.rules;
  if (rulesState.disabled.size) options.disableRules = [...rulesState.disabled];
  let article;
  let stringPath = null; // live mode: clean(outerHTML) of the same page, for comparison
  const doc = liveMode ? ui.liveFrame.contentDocument : null;
  const t0 = performance.now();
  let ms = 0;
  // A feed document (RSS, Atom, JSON Feed) gets cleanFeed(): the list of its items, each
  // cleaned. Anything else is NOT_A_FEED (a cheap sniff) and is cleaned as one article.
  if (!doc) {
    let feed = null;
    try {
      const f0 = performance.now();
      feed = cleanFeed(html, options);
      ms = performance.now() - f0;
    } catch (e) {
      // The feed's own errors are shown here; option and rule errors (and NOT_A_FEED) go on to
      // clean(), which reports them as for any input.
      if (["INVALID_FEED", "TOO_MANY_ITEMS", "UNSUPPORTED_CHARSET"].includes(e?.code)) {
        setStatus(`Could not read the feed: ${e.code}: ${e.message}`, "error");
        ui.reader.classList.add("stale");
        return;
      }
    }
    if (feed) return showFeed(feed, html, ms);
  }
  try {
    article = doc ? cleanDocument(doc, options) : clean(html, options);
    ms = performance.now() - t0;
    if (doc) stringPath = clean(doc.documentElement.outerHTML, options);
  } catch (e) {
    const code = e && typeof e === "object" && "code" in e ? `${e.code}: ` : "";
    setStatus(`Could not clean: ${code}${e?.message ?? e}`, "error");
    if (e?.code === "INVALID_RULE" || (e?.code === "INVALID_OPTIONS" && String(e.path ?? "").startsWith("rules"))) {
      showRulesError({ kind: "rule", message: e.message, path: e.path, ruleIndex: e.ruleIndex, ruleId: e.ruleId });
    }
    ui.reader.classList.add("stale"); // the last good result stays, dimmed
    return;
  }
  showRulesError(null);
  rulesState.userIds = new Set(user.rules.map((r) => r.id));
  updateRulesBadge(user.rules.length);
  renderBuiltinRules();
  lastJson = JSON.stringify(article, null, 2);
  ui.reader.replaceChildren(renderArticle(document, article));
  ui.reader.classList.remove("stale");
  showAudit(article.removed);
  ui.json.textContent = lastJson;
  ui.copyStatus.textContent = "";
  const inBytes = utf8.encode(html).length;
  const hiddenCount = article.removed.filter((r) => r.rule === "hidden-computed" && r.action === "remove").length;
  showMetrics([
    [doc ? "cleanDocument()" : "clean()", `${ms.toFixed(1)} ms`],
    ["input", formatBytes(inBytes)],
    ["content", formatBytes(utf8.encode(article.content).length)],
    ["JSON", formatBytes(utf8.encode(JSON.stringify(article)).length)],
    ["kind", article.feed ? `${article.inputKind} (${article.feed})` : article.inputKind],
    ["blocks", String(article.blocks.length)],
    ["words", String(article.stats.words)],
    ...(stringPath
      ? [
          ["hidden by CSS", `${hiddenCount} block(s) left out`],
          ["clean(outerHTML)", `${stringPath.stats.words - article.stats.words} more word(s): text no reader sees`],
        ]
      : []),
  ]);
  const custom = [
    user.rules.length ? `${user.rules.length} rule(s) of yours` : "",
    rulesState.disabled.size ? `${rulesState.disabled.size} built-in(s) off` : "",
  ].filter(Boolean);
  if (doc) custom.push(`live page: ${hiddenCount} block(s) the browser hides left out`);
  setStatus(
    `Cleaned in ${ms.toFixed(1)} ms: ${article.blocks.length} blocks, ${article.removed.length} audit entries${custom.length ? ` (${custom.join(", ")})` : ""}.`,
    "ok",
  );
}

/** Shows a cleaned feed: its fields, then every item (reader view and its own audit). */
function showFeed(feed, html, ms) {
  showRulesError(null);
  const wrap = document.createElement("div");
  wrap.className = "feed";
  const head = document.createElement("header");
  const h = document.createElement("h2");
  h.textContent = feed.feed.title ?? "(untitled feed)";
  const meta = document.createElement("p");
  meta.className = "muted";
  meta.textContent = [feed.feed.format, feed.feed.generator, feed.feed.lang, `${feed.items.length} item(s)`]
    .filter(Boolean)
    .join(" · ");
  head.append(h, meta);
  wrap.append(head);
  const all = [];
  for (const [i, item] of feed.items.entries()) {
    const section = document.createElement("section");
    section.className = "feed-item";
    const label = document.createElement("p");
    label.className = "muted";
    label.textContent = `#${i + 1} ${[item.published, item.authors.join(", "), item.source].filter(Boolean).join(" · ")}`;
    section.append(label, renderArticle(document, item));
    const audit = document.createElement("details");
    const sum = document.createElement("summary");
    sum.textContent = `Removed from item #${i + 1}: ${item.removed.length}`;
    const list = document.createElement("ul");
    for (const r of item.removed) {
      const li = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = r.rule;
      li.append(code, ` ${r.action}${r.field ? ` → ${r.field}` : ""}: ${r.text}`);
      list.append(li);
      all.push({ ...r, text: `#${i + 1} ${r.text}` });
    }
    audit.append(sum, list);
    section.append(audit);
    wrap.append(section);
  }
  lastJson = JSON.stringify(feed, null, 2);
  ui.reader.replaceChildren(wrap);
  ui.reader.classList.remove("stale");
  showAudit(all);
  ui.json.textContent = lastJson;
  ui.copyStatus.textContent = "";
  showMetrics([
    ["cleanFeed()", `${ms.toFixed(1)} ms`],
    ["input", formatBytes(utf8.encode(html).length)],
    ["format", feed.feed.format],
    ["items", String(feed.items.length)],
    ["JSON", formatBytes(utf8.encode(JSON.stringify(feed)).length)],
  ]);
  setStatus(`Feed read and cleaned in ${ms.toFixed(1)} ms: ${feed.items.length} item(s), ${all.length} audit entries.`, "ok");
}

function schedule() {
  clearTimeout(timer);
  if (ui.live.checked) timer = setTimeout(run, DEBOUNCE_MS);
}

/** Loads `src` into the frame and resolves when its document (and stylesheet) is ready. */
function loadFrame(src) {
  return new Promise((resolve, reject) => {
    ui.liveFrame.addEventListener("load", () => resolve(), { once: true });
    ui.liveFrame.addEventListener("error", () => reject(new Error(`${src}: could not load`)), { once: true });
    ui.liveFrame.src = src;
  });
}

function leaveLiveMode() {
  liveMode = false;
  ui.livePane.hidden = true;
}

async function loadSample(index) {
  const s = SAMPLES[index];
  if (!s) return;
  if (s.live) {
    ui.livePane.hidden = false;
    await loadFrame(s.live);
    const doc = ui.liveFrame.contentDocument;
    if (!doc?.documentElement) throw new Error(`${s.live}: the frame's document is not readable`);
    ui.html.value = doc.documentElement.outerHTML;
    ui.url.value = "";
    liveMode = true;
    run();
    return;
  }
  leaveLiveMode();
  const res = await fetch(s.file);
  if (!res.ok) throw new Error(`${s.file}: HTTP ${res.status}`);
  ui.html.value = await res.text();
  ui.url.value = s.url ?? "";
  run();
}

async function loadFile(file) {
  if (!file) return;
  leaveLiveMode();
  ui.html.value = await file.text();
  ui.sample.value = "";
  run();
}

async function copyJson() {
  if (!lastJson) return;
  try {
    await navigator.clipboard.writeText(lastJson);
    ui.copyStatus.textContent = "copied";
  } catch {
    // No clipboard permission (e.g. not focused): select the text for a manual copy.
    const range = document.createRange();
    range.selectNodeContents(ui.json);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    ui.copyStatus.textContent = "selected: press Ctrl+C";
  }
}

function wire() {
  for (const [i, s] of SAMPLES.entries()) ui.sample.append(new Option(s.label, String(i)));
  ui.sample.append(new Option("(your own input)", ""));
  ui.sample.addEventListener("change", () => {
    if (ui.sample.value !== "") loadSample(Number(ui.sample.value)).catch((e) => setStatus(e.message, "error"));
  });
  ui.html.addEventListener("input", () => {
    ui.sample.value = "";
    leaveLiveMode();
    schedule();
  });
  ui.url.addEventListener("input", schedule);
  ui.tabInput.addEventListener("click", () => selectTab("input"));
  ui.tabRules.addEventListener("click", () => selectTab("rules"));
  ui.rulesJson.addEventListener("input", schedule);
  ui.rulesFilter.addEventListener("input", renderBuiltinRules);
  ui.addTemplate.addEventListener("click", addTemplate);
  ui.resetRules.addEventListener("click", () => {
    setUserRules(EXAMPLE_RULES);
    run();
  });
  ui.enableAll.addEventListener("click", () => {
    rulesState.disabled.clear();
    renderBuiltinRules();
    run();
  });
  setUserRules(EXAMPLE_RULES);
  // Clean cleans the HTML box as a string (on the live sample: its markup, hidden parts included).
  ui.clean.addEventListener("click", () => {
    if (liveMode) ui.sample.value = "";
    leaveLiveMode();
    run();
  });
  ui.file.addEventListener("change", () => loadFile(ui.file.files?.[0]));
  ui.copy.addEventListener("click", (e) => {
    e.preventDefault(); // the button sits in <summary>: do not toggle the <details>
    copyJson();
  });
  let depth = 0;
  document.addEventListener("dragenter", (e) => {
    if (!e.dataTransfer?.types.includes("Files")) return;
    depth++;
    ui.dropHint.hidden = false;
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) ui.dropHint.hidden = true;
  });
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    ui.dropHint.hidden = true;
    loadFile(e.dataTransfer?.files?.[0]);
  });
}

wire();
try {
  await init({ module_or_path: new URL("./pkg/article_cleaner_bg.wasm", import.meta.url) });
  ready = true;
  $("version").textContent = `v${version()}`;
  rulesState.builtins = builtinRules();
  for (const [i, r] of rulesState.builtins.entries()) ui.ruleTemplate.append(new Option(`${r.id} (${r.action.type})`, String(i)));
  renderBuiltinRules();
  await loadSample(0);
  ui.sample.value = "0";
} catch (e) {
  setStatus(`Could not start: ${e?.message ?? e}`, "error");
}
document.documentElement.dataset.ready = ready ? "true" : "error";
