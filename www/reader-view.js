// Reader view: builds the DOM of a cleaned article (the JSON contract v1) with createElement,
// textContent and checked attributes. Shared by the demo (imported as a module for its side
// effect) and the browser extension (injected as a classic content script), so it defines one
// global instead of exporting: `globalThis.ArticleCleanerReader`.
//
// Nothing from the article reaches innerHTML. Paragraph/list/quote blocks carry sanitized inline
// HTML; it is parsed in an inert <template> and copied over element by element through a small
// allow-list (links, emphasis, code, line breaks), with URL schemes checked again. The core's
// sanitizer is the first line of defence; this is the second.
(() => {
  "use strict";

  const INLINE_TAGS = new Set([
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "wbr",
  ]);
  const LINK_SCHEMES = new Set(["http:", "https:", "mailto:"]);
  const IMAGE_SCHEMES = new Set(["http:", "https:"]);

  /** The URL as a string when it parses and its scheme is allowed, else null. */
  function safeUrl(value, schemes = LINK_SCHEMES) {
    if (typeof value !== "string" || value.trim() === "") return null;
    let url;
    try {
      url = new URL(value.trim());
    } catch {
      return null;
    }
    return schemes.has(url.protocol) ? url.href : null;
  }

  function el(doc, tag, props = {}, children = []) {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = String(v);
      else if (k === "className") node.className = v;
      else node.setAttribute(k, String(v));
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  function link(doc, href, text, className) {
    const url = safeUrl(href);
    if (!url) return el(doc, "span", { className, text });
    return el(doc, "a", { href: url, rel: "noopener noreferrer", target: "_blank", className, text });
  }

  /** Copies sanitized inline HTML into `parent` through the allow-list; text everywhere else. */
  function appendInline(doc, parent, html) {
    const tpl = doc.createElement("template");
    // Inert parse: a <template>'s content document runs no scripts and loads nothing.
    tpl.innerHTML = typeof html === "string" ? html : "";
    const stack = [[tpl.content, parent]];
    while (stack.length) {
      const [from, to] = stack.pop();
      // Children are pushed in reverse so they are appended in order.
      const kids = Array.from(from.childNodes);
      const pending = [];
      for (const child of kids) {
        if (child.nodeType === 3) {
          to.append(doc.createTextNode(child.data));
        } else if (child.nodeType === 1) {
          const tag = child.localName;
          if (!INLINE_TAGS.has(tag) || child.namespaceURI !== "http://www.w3.org/1999/xhtml") {
            // Unknown element: keep its text, drop the element.
            to.append(doc.createTextNode(child.textContent ?? ""));
            continue;
          }
          const copy = doc.createElement(tag);
          if (tag === "a") {
            const href = safeUrl(child.getAttribute("href"));
            if (href) {
              copy.setAttribute("href", href);
              copy.setAttribute("rel", "noopener noreferrer");
              copy.setAttribute("target", "_blank");
            }
          } else if (tag === "time" && child.hasAttribute("datetime")) {
            copy.setAttribute("datetime", child.getAttribute("datetime"));
          }
          for (const name of ["title", "lang", "dir"]) {
            if (child.hasAttribute(name)) copy.setAttribute(name, child.getAttribute(name));
          }
          to.append(copy);
          pending.push([child, copy]);
        }
        // Comments and anything else are dropped.
      }
      for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
    }
    return parent;
  }

  function formatDate(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return d.toISOString().replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
  }

  function timeEl(doc, label, iso) {
    if (!iso) return null;
    return el(doc, "span", { className: "ac-meta-item" }, [
      `${label} `,
      el(doc, "time", { datetime: iso, text: formatDate(iso) }),
    ]);
  }

  function figure(doc, src, alt, caption, extra = {}) {
    const url = safeUrl(src, IMAGE_SCHEMES);
    const fig = el(doc, "figure", { className: "ac-figure" });
    if (url) {
      // A failed image (offline, blocked, gone) collapses to a one-line note; the caption stays.
      fig.dataset.host = new URL(url).hostname;
      const img = el(doc, "img", {
        src: url,
        alt: alt ?? "",
        loading: "lazy",
        decoding: "async",
        referrerpolicy: "no-referrer",
        width: Number.isInteger(extra.width) ? extra.width : null,
        height: Number.isInteger(extra.height) ? extra.height : null,
      });
      img.addEventListener("error", () => fig.classList.add("ac-broken"), { once: true });
      fig.append(img);
    } else {
      fig.append(el(doc, "div", { className: "ac-missing-image", text: alt || "(image with an unsafe URL omitted)" }));
    }
    if (caption) fig.append(el(doc, "figcaption", { text: caption }));
    return fig;
  }

  function renderBlock(doc, block) {
    switch (block?.type) {
      case "paragraph":
        return appendInline(doc, el(doc, "p"), block.html ?? "");
      case "heading": {
        const level = Math.min(6, Math.max(2, Number(block.level) || 2));
        const h = el(doc, `h${level}`);
        return block.html != null ? appendInline(doc, h, block.html) : el(doc, `h${level}`, { text: block.text ?? "" });
      }
      case "image":
        return figure(doc, block.src, block.alt, block.caption, block);
      case "list": {
        const list = el(doc, block.ordered ? "ol" : "ul");
        for (const item of block.items ?? []) list.append(appendInline(doc, el(doc, "li"), item.html ?? ""));
        return list;
      }
      case "quote":
        return el(doc, "blockquote", {}, [appendInline(doc, el(doc, "p"), block.html ?? "")]);
      case "code": {
        const code = el(doc, "code", { text: block.text ?? "" });
        if (block.language) code.className = `language-${String(block.language).replace(/[^\w-]/g, "")}`;
        return el(doc, "pre", {}, [code]);
      }
      case "table": {
        const table = el(doc, "table");
        const body = el(doc, "tbody");
        for (const row of block.rows ?? []) {
          const tr = el(doc, "tr");
          for (const cell of row) tr.append(el(doc, "td", { text: cell }));
          body.append(tr);
        }
        table.append(body);
        return el(doc, "div", { className: "ac-table" }, [table]);
      }
      case "embed":
        // No third-party frames in the reader: a plain link to the player.
        return el(doc, "p", { className: "ac-embed" }, [
          `Embedded ${block.provider || "media"}: `,
          link(doc, block.src, block.src),
        ]);
      default:
        return null;
    }
  }

  /**
   * Builds an <article> element for `article` in `doc`.
   * Layout: kicker (site / source / feed), title, dates and byline, lead image with caption
   * (unless it is the first body block), body blocks, credits, related links, copyright footer.
   */
  function renderArticle(doc, article) {
    const a = article ?? {};
    const root = el(doc, "article", { className: "ac-article", lang: a.lang || null, dir: a.dir || null });

    const header = el(doc, "header", { className: "ac-header" });
    const kicker = a.siteName || a.source || (a.feed ? `via ${a.feed}` : null);
    if (kicker) header.append(el(doc, "p", { className: "ac-kicker", text: kicker }));
    const h1 = el(doc, "h1", { className: a.title ? "ac-title" : "ac-title ac-untitled" });
    // Feed items often carry no title of their own (the feed's <title> is outside the item).
    const title = a.title || "(no title in the input)";
    h1.append(a.url ? link(doc, a.url, title) : title);
    header.append(h1);
    const meta = el(doc, "p", { className: "ac-meta" }, [
      a.byline ? el(doc, "span", { className: "ac-meta-item ac-byline", text: a.byline }) : null,
      timeEl(doc, "Published", a.published),
      timeEl(doc, "Fetched", a.fetched),
      a.stats?.readingMinutes ? el(doc, "span", { className: "ac-meta-item", text: `${a.stats.readingMinutes} min read` }) : null,
    ]);
    if (meta.childNodes.length) header.append(meta);
    root.append(header);

    const blocks = Array.isArray(a.blocks) ? a.blocks : [];
    const firstImage = blocks.find((b) => b?.type === "image");
    if (a.leadImage?.src && !(firstImage && firstImage.src === a.leadImage.src)) {
      const lead = figure(doc, a.leadImage.src, a.leadImage.alt, a.leadImage.caption);
      lead.classList.add("ac-lead");
      root.append(lead);
    }

    const body = el(doc, "div", { className: "ac-body" });
    let first = true;
    for (const block of blocks) {
      const node = renderBlock(doc, block);
      if (!node) continue;
      if (first && block.type === "image") node.classList.add("ac-lead");
      first = false;
      body.append(node);
    }
    root.append(body);

    if (Array.isArray(a.credits) && a.credits.length) {
      root.append(el(doc, "p", { className: "ac-credits", text: a.credits.join(" ") }));
    }
    if (Array.isArray(a.related) && a.related.length) {
      const list = el(doc, "ul");
      for (const r of a.related) {
        const source = r.source ? el(doc, "span", { className: "ac-source", text: ` — ${r.source}` }) : null;
        list.append(el(doc, "li", {}, [link(doc, r.url, r.title || r.url), source]));
      }
      root.append(el(doc, "section", { className: "ac-related" }, [el(doc, "h2", { text: "Related" }), list]));
    }
    if (a.truncated) {
      const more = a.url ? link(doc, a.url, "Read the whole article") : null;
      root.append(el(doc, "p", { className: "ac-truncated" }, [doc.createTextNode("This item is an excerpt. "), more]));
    }
    if (a.copyright) {
      root.append(el(doc, "footer", { className: "ac-footer" }, [el(doc, "small", { text: a.copyright })]));
    }
    return root;
  }

  /** [[rule, count], …] for the audit list, most frequent first, then by rule id. */
  function ruleCounts(removed) {
    const counts = new Map();
    for (const r of removed ?? []) counts.set(r.rule, (counts.get(r.rule) ?? 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  }

  globalThis.ArticleCleanerReader = Object.freeze({ renderArticle, renderBlock, appendInline, safeUrl, ruleCounts });
})();
