// The demo page: loads the wasm build, cleans the input as you type, and shows the reader view,
// the removed-items audit and the JSON. Plain ES module, no framework, no network beyond this
// origin (article images load from their own hosts when online).

import init, { clean, version } from "./pkg/article_cleaner.js";
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
];
const DEBOUNCE_MS = 300;

const $ = (id) => document.getElementById(id);
const ui = {
  sample: $("sample"), url: $("url"), html: $("html"), clean: $("clean"), live: $("live"),
  file: $("file"), status: $("status"), metrics: $("metrics"), reader: $("reader"),
  removedCount: $("removed-count"), ruleCounts: $("rule-counts").tBodies[0], removed: $("removed"),
  json: $("json"), copy: $("copy-json"), copyStatus: $("copy-status"), dropHint: $("drop-hint"),
};

let ready = false;
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
    const reason = document.createElement("div");
    reason.className = "reason";
    reason.textContent = r.reason;
    const excerpt = document.createElement("blockquote");
    excerpt.className = "excerpt";
    excerpt.textContent = r.text;
    li.append(head, reason, excerpt);
    ui.removed.append(li);
  }
}

function run() {
  clearTimeout(timer);
  if (!ready) return;
  const html = ui.html.value;
  const options = {};
  const base = ui.url.value.trim();
  if (base) options.url = base;
  let article;
  const t0 = performance.now();
  try {
    article = clean(html, options);
  } catch (e) {
    const code = e && typeof e === "object" && "code" in e ? `${e.code}: ` : "";
    setStatus(`Could not clean: ${code}${e?.message ?? e}`, "error");
    ui.reader.classList.add("stale"); // the last good result stays, dimmed
    return;
  }
  const ms = performance.now() - t0;
  lastJson = JSON.stringify(article, null, 2);
  ui.reader.replaceChildren(renderArticle(document, article));
  ui.reader.classList.remove("stale");
  showAudit(article.removed);
  ui.json.textContent = lastJson;
  ui.copyStatus.textContent = "";
  const inBytes = utf8.encode(html).length;
  showMetrics([
    ["clean()", `${ms.toFixed(1)} ms`],
    ["input", formatBytes(inBytes)],
    ["content", formatBytes(utf8.encode(article.content).length)],
    ["JSON", formatBytes(utf8.encode(JSON.stringify(article)).length)],
    ["kind", article.feed ? `${article.inputKind} (${article.feed})` : article.inputKind],
    ["blocks", String(article.blocks.length)],
    ["words", String(article.stats.words)],
  ]);
  setStatus(`Cleaned in ${ms.toFixed(1)} ms: ${article.blocks.length} blocks, ${article.removed.length} audit entries.`, "ok");
}

function schedule() {
  clearTimeout(timer);
  if (ui.live.checked) timer = setTimeout(run, DEBOUNCE_MS);
}

async function loadSample(index) {
  const s = SAMPLES[index];
  if (!s) return;
  const res = await fetch(s.file);
  if (!res.ok) throw new Error(`${s.file}: HTTP ${res.status}`);
  ui.html.value = await res.text();
  ui.url.value = s.url ?? "";
  run();
}

async function loadFile(file) {
  if (!file) return;
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
    schedule();
  });
  ui.url.addEventListener("input", schedule);
  ui.clean.addEventListener("click", run);
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
  await loadSample(0);
  ui.sample.value = "0";
} catch (e) {
  setStatus(`Could not start: ${e?.message ?? e}`, "error");
}
document.documentElement.dataset.ready = ready ? "true" : "error";
