// Service worker (Chromium) / event page (Firefox, from background.scripts). Runs the wasm
// cleaner: wasm compiled in a content script is governed by the page's CSP, which on many sites
// forbids it, while the extension's own CSP allows 'wasm-unsafe-eval'.
//
// Flow: toolbar button or Alt+Shift+L (_execute_action) → cleanTab(tab) injects reader-view.js and
// content.js into the tab (activeTab grant) → content.js sends the page's HTML here → clean() →
// the reply carries the article and the overlay's CSS → content.js shows the overlay.

import init, { clean, version } from "./pkg/article_cleaner.js";

const api = globalThis.browser ?? globalThis.chrome;

// No top-level await in a service worker: keep the promise and await it per message.
const ready = init({ module_or_path: api.runtime.getURL("pkg/article_cleaner_bg.wasm") });

let cssText;
function overlayCss() {
  cssText ??= Promise.all(
    ["reader.css", "overlay.css"].map((f) => fetch(api.runtime.getURL(f)).then((r) => r.text())),
  ).then((parts) => parts.join("\n"));
  return cssText;
}

/** Injects the overlay into `tab`; a second call on the same page closes it (content.js toggles). */
export async function cleanTab(tab) {
  if (!tab?.id && tab?.id !== 0) throw new Error("no tab to clean");
  await api.scripting.executeScript({ target: { tabId: tab.id }, files: ["reader-view.js", "content.js"] });
}

/** Cleans one page's HTML. Errors come back as { ok: false, error: { code, message } }. */
export async function cleanPage(html, url) {
  await ready;
  const options = {};
  if (typeof url === "string" && /^https?:/i.test(url)) options.url = url;
  try {
    const t0 = performance.now();
    const article = clean(String(html ?? ""), options);
    const ms = performance.now() - t0;
    return { ok: true, article, ms, version: version(), css: await overlayCss() };
  } catch (e) {
    return {
      ok: false,
      error: { code: e?.code ?? "ERROR", message: e?.message ?? String(e) },
      css: await overlayCss(),
    };
  }
}

/** The toolbar button's (and Alt+Shift+L's) listener. */
export async function actionClicked(tab) {
  try {
    await cleanTab(tab);
    if (tab?.id !== undefined) await api.action.setBadgeText({ tabId: tab.id, text: "" }).catch(() => {});
  } catch (e) {
    // Browser pages (chrome://, the web store, PDF viewer) do not take content scripts: say so on
    // the button instead of failing silently.
    const message = e?.message ?? String(e);
    console.warn("article-cleaner: cannot clean this tab:", message);
    if (tab?.id !== undefined) {
      await api.action.setBadgeText({ tabId: tab.id, text: "!" }).catch(() => {});
      await api.action.setTitle({ tabId: tab.id, title: `Article Cleaner cannot read this page: ${message}` }).catch(() => {});
    }
  }
}

api.action.onClicked.addListener(actionClicked);

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.type !== "article-cleaner:clean" || sender.id !== api.runtime.id) return false;
  cleanPage(message.html, message.url).then(sendResponse);
  return true; // the reply is asynchronous
});

// For debugging from the service worker console (and the browser test): the same functions the
// listeners call.
globalThis.articleCleaner = Object.freeze({ actionClicked, cleanTab, cleanPage });
