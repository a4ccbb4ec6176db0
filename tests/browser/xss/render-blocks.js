// Renders an Article's blocks into DOM the way the demo does: text through textContent, URLs
// through setAttribute only after a scheme check. No HTML string is ever parsed here.
// Works as a classic script in a page (defines globalThis.renderBlocks) and as a CommonJS module.
(function (root) {
  "use strict";
  var SAFE = { "http:": true, "https:": true, "mailto:": true };

  /** The URL if it parses (absolute) with an http:, https: or mailto: scheme, else null. */
  function safeUrl(u) {
    if (typeof u !== "string" || u === "") return null;
    try {
      var p = new URL(u);
      return SAFE[p.protocol] ? p.href : null;
    } catch (e) {
      return null;
    }
  }

  function el(doc, name, text) {
    var e = doc.createElement(name);
    if (text != null && text !== "") e.textContent = text;
    return e;
  }

  function link(doc, href, text) {
    var a = el(doc, "a", text);
    var u = safeUrl(href);
    if (u) {
      a.setAttribute("href", u);
      a.setAttribute("rel", "noopener noreferrer");
    }
    return a;
  }

  /** Builds a DocumentFragment for `article` (the object clean() returns) in `doc`. */
  function renderBlocks(doc, article) {
    var frag = doc.createDocumentFragment();
    if (article.title) {
      var h = el(doc, "h1");
      if (article.url && safeUrl(article.url)) h.appendChild(link(doc, article.url, article.title));
      else h.textContent = article.title;
      frag.appendChild(h);
    }
    if (article.leadImage && safeUrl(article.leadImage.src)) {
      var li = el(doc, "img");
      li.setAttribute("src", safeUrl(article.leadImage.src));
      if (article.leadImage.alt) li.setAttribute("alt", article.leadImage.alt);
      frag.appendChild(li);
    }
    (article.blocks || []).forEach(function (b) {
      switch (b.type) {
        case "paragraph":
          frag.appendChild(el(doc, "p", b.text));
          break;
        case "heading":
          frag.appendChild(el(doc, "h" + Math.min(6, Math.max(2, b.level | 0)), b.text));
          break;
        case "quote":
          frag.appendChild(el(doc, "blockquote", b.text));
          break;
        case "code": {
          var pre = el(doc, "pre");
          pre.appendChild(el(doc, "code", b.text));
          frag.appendChild(pre);
          break;
        }
        case "list": {
          var list = el(doc, b.ordered ? "ol" : "ul");
          (b.items || []).forEach(function (i) {
            list.appendChild(el(doc, "li", i.text));
          });
          frag.appendChild(list);
          break;
        }
        case "table": {
          var t = el(doc, "table");
          (b.rows || []).forEach(function (r) {
            var tr = el(doc, "tr");
            r.forEach(function (c) {
              tr.appendChild(el(doc, "td", c));
            });
            t.appendChild(tr);
          });
          frag.appendChild(t);
          break;
        }
        case "image": {
          var src = safeUrl(b.src);
          if (!src) break;
          var fig = el(doc, "figure");
          var img = el(doc, "img");
          img.setAttribute("src", src);
          if (b.alt) img.setAttribute("alt", b.alt);
          if (b.width) img.setAttribute("width", String(b.width | 0));
          if (b.height) img.setAttribute("height", String(b.height | 0));
          fig.appendChild(img);
          if (b.caption) fig.appendChild(el(doc, "figcaption", b.caption));
          frag.appendChild(fig);
          break;
        }
        case "embed": {
          var p = el(doc, "p");
          p.appendChild(link(doc, b.src, "Embedded content (" + b.provider + ")"));
          frag.appendChild(p);
          break;
        }
        default:
          break;
      }
    });
    var links = el(doc, "ul");
    (article.links || []).forEach(function (l) {
      var item = el(doc, "li");
      item.appendChild(link(doc, l.href, l.text));
      links.appendChild(item);
    });
    (article.related || []).forEach(function (r) {
      var item = el(doc, "li");
      item.appendChild(link(doc, r.url, r.title));
      links.appendChild(item);
    });
    frag.appendChild(links);
    return frag;
  }

  root.renderBlocks = renderBlocks;
  root.safeUrl = safeUrl;
  if (typeof module === "object" && module.exports) module.exports = { renderBlocks: renderBlocks, safeUrl: safeUrl };
})(typeof globalThis !== "undefined" ? globalThis : this);
