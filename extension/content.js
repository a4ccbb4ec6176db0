// Content script, injected on demand (toolbar button / keyboard command) after reader-view.js.
// Sends the page's HTML to the background worker, which runs the wasm cleaner, and shows the
// article in an overlay inside a shadow root. Close (button or Escape) removes the overlay and
// puts the page back as it was. Injected again on the same page, it toggles the overlay.
(() => {
  "use strict";

  if (globalThis.__articleCleanerOverlay) {
    globalThis.__articleCleanerOverlay.toggle();
    return;
  }

  const api = globalThis.browser ?? globalThis.chrome;
  const { renderArticle, ruleCounts } = globalThis.ArticleCleanerReader;
  const HOST_TAG = "article-cleaner-overlay";
  // Enough to cover the page while the worker cleans; the full CSS comes with the reply.
  const BASE_CSS = ":host{all:initial;position:fixed!important;inset:0!important;z-index:2147483647!important;display:block!important}" +
    ".acx-backdrop{position:absolute;inset:0;background:#f4f1ea;overflow:auto;font:16px system-ui,sans-serif}";

  let host = null;
  let savedOverflow = null;
  let lastJson = "";

  function h(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === "text") node.textContent = v;
      else if (k === "className") node.className = v;
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  }

  // A constructed stylesheet is not subject to the page's style-src CSP. Where adopting one fails
  // (Firefox content-script wrappers), a <style> element in the shadow root is the fallback.
  function applyCss(shadow, css) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      shadow.querySelector("style[data-acx]")?.remove();
      shadow.prepend(h("style", { "data-acx": "", text: css }));
    }
  }

  function onKey(e) {
    if (e.key === "Escape") close();
  }

  function close() {
    if (!host) return;
    host.remove();
    host = null;
    const html = document.documentElement;
    if (savedOverflow === null) html.style.removeProperty("overflow");
    else html.style.overflow = savedOverflow;
    if (html.getAttribute("style") === "") html.removeAttribute("style");
    savedOverflow = null;
    document.removeEventListener("keydown", onKey, true);
  }

  async function copyJson(status) {
    try {
      await navigator.clipboard.writeText(lastJson);
      status.textContent = "JSON copied";
    } catch {
      // Clipboard API refused (no focus, or an old browser): a hidden textarea and execCommand.
      const ta = h("textarea", { "aria-hidden": "true" });
      ta.value = lastJson;
      ta.style.cssText = "position:fixed;left:-9999px;top:0";
      status.parentNode.append(ta);
      ta.select();
      const ok = document.execCommand("copy");
      ta.remove();
      status.textContent = ok ? "JSON copied" : "Copy failed";
    }
  }

  function showReply(shadow, page, bar, reply) {
    if (reply?.css) applyCss(shadow, reply.css);
    if (!reply?.ok) {
      page.replaceChildren(
        h("p", { className: "acx-error", text: `Could not clean this page: ${reply?.error?.code ?? "ERROR"}: ${reply?.error?.message ?? "no reply"}` }),
      );
      return;
    }
    const article = reply.article;
    lastJson = JSON.stringify(article, null, 2);
    page.replaceChildren(renderArticle(document, article));
    const counts = ruleCounts(article.removed);
    bar.count.textContent = `${article.removed.length} removed`;
    bar.count.title = counts.map(([rule, n]) => `${rule}: ${n}`).join("\n");
    bar.copy.disabled = false;
  }

  async function open() {
    // Read the page before adding anything to it.
    const html = document.documentElement.outerHTML;
    host = h(HOST_TAG);
    const shadow = host.attachShadow({ mode: "open" });
    applyCss(shadow, BASE_CSS);
    const status = h("span", { className: "acx-status", role: "status" });
    const count = h("span", { className: "acx-count", text: "cleaning…" });
    const copy = h("button", { type: "button", className: "acx-copy", text: "Copy JSON" });
    copy.disabled = true;
    const closeBtn = h("button", { type: "button", className: "acx-close", text: "Close ✕", title: "Close (Esc)" });
    const bar = h("div", { className: "acx-bar" }, [
      h("span", { className: "acx-brand", text: "Article Cleaner" }), count, status,
      h("span", { className: "acx-spacer" }), copy, closeBtn,
    ]);
    const page = h("div", { className: "acx-page" }, [h("p", { className: "acx-loading", text: "Cleaning…" })]);
    shadow.append(h("div", { className: "acx-backdrop", role: "dialog", "aria-modal": "true", "aria-label": "Article Cleaner reader view" }, [bar, page]));
    copy.addEventListener("click", () => copyJson(status));
    closeBtn.addEventListener("click", close);

    const root = document.documentElement;
    savedOverflow = root.style.getPropertyValue("overflow") || null;
    root.style.overflow = "hidden";
    root.append(host);
    document.addEventListener("keydown", onKey, true);
    closeBtn.focus();

    const mine = host;
    let reply;
    try {
      reply = await api.runtime.sendMessage({ type: "article-cleaner:clean", html, url: location.href });
    } catch (e) {
      reply = { ok: false, error: { code: "NO_WORKER", message: e?.message ?? String(e) } };
    }
    if (host === mine) showReply(shadow, page, { count, copy }, reply);
  }

  function toggle() {
    if (host) close();
    else open();
  }

  globalThis.__articleCleanerOverlay = { toggle, open, close };
  open();
})();
