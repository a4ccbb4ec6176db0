// In-page half of tests/browser/xss.test.mjs: inserts cleaner outputs through several sinks,
// inspects the live DOM for anything script-capable, and pokes every element with events.
// Script *execution* is detected from outside (DevTools `Debugger.scriptParsed`) and by the
// alert/confirm/prompt/print/open hooks installed here.
(function () {
  "use strict";
  var hits = [];
  var current = null;
  ["alert", "confirm", "prompt", "print", "open"].forEach(function (name) {
    window[name] = function () {
      hits.push({ id: current, via: name });
    };
  });
  // Never navigate: links are clicked to fire handlers, not to leave the page.
  ["click", "auxclick", "submit"].forEach(function (t) {
    document.addEventListener(t, function (e) { e.preventDefault(); }, true);
  });

  var URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "data", "poster",
    "background", "cite", "longdesc", "ping", "codebase", "dynsrc", "lowsrc", "manifest",
    "icon", "profile", "usemap", "classid", "archive", "srcset", "imagesrcset", "to", "from",
    "values", "by"];
  var BAD_TAGS = ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "meta", "link", "style", "form", "input", "button", "textarea", "select", "svg", "math",
    "template", "noscript", "portal", "set", "animate", "use", "foreignobject"];
  var SAFE = { "http:": true, "https:": true, "mailto:": true };
  var EVENTS = ["click", "dblclick", "mousedown", "mouseup", "mouseover", "mouseenter",
    "mousemove", "mouseout", "mouseleave", "pointerdown", "pointerup", "pointerover",
    "pointerenter", "focus", "focusin", "blur", "focusout", "keydown", "keyup", "keypress",
    "input", "change", "load", "error", "abort", "toggle", "animationstart", "animationend",
    "transitionend", "scroll", "wheel", "copy", "paste", "dragstart", "drop", "contextmenu",
    "beforetoggle", "begin", "end", "show", "invalid", "select", "search"];

  function urlFindings(el, name, value, out) {
    var values = name === "srcset" || name === "imagesrcset"
      ? value.split(",").map(function (c) { return c.trim().split(/\s+/)[0] || ""; })
      : [value];
    values.forEach(function (v) {
      var proto = null;
      try { proto = new URL(v, document.baseURI).protocol; } catch (e) { proto = null; }
      if (proto && !SAFE[proto]) out.push("scheme " + proto + " in " + el.localName + "[" + name + "]");
      if (/^\s*(javascript|vbscript|data)\s*:/i.test(v)) out.push("script-capable URL in " + el.localName + "[" + name + "]");
    });
  }

  function inspect(root, out) {
    var all = root.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      var tag = el.localName.toLowerCase();
      if (BAD_TAGS.indexOf(tag) >= 0) out.push("element <" + tag + ">");
      for (var j = 0; j < el.attributes.length; j++) {
        var a = el.attributes[j];
        var n = a.name.toLowerCase();
        if (n.indexOf("on") === 0) out.push("handler attribute " + n + " on <" + tag + ">");
        if (n === "srcdoc" || n === "style" || n === "formaction" || n === "is") out.push("attribute " + n + " on <" + tag + ">");
        if (URL_ATTRS.indexOf(n) >= 0 || n.indexOf("href") >= 0) urlFindings(el, n, a.value, out);
      }
    }
  }

  function poke(root) {
    var all = root.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      for (var k = 0; k < EVENTS.length; k++) {
        try { el.dispatchEvent(new Event(EVENTS[k], { bubbles: true, cancelable: true })); } catch (e) {}
      }
      try { el.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true })); } catch (e) {}
      try { if (typeof el.click === "function") el.click(); } catch (e) {}
      try { if (typeof el.focus === "function") { el.focus(); el.blur(); } } catch (e) {}
    }
  }

  function container(parent) {
    var c = document.createElement("div");
    parent.appendChild(c);
    return c;
  }

  var SINKS = {
    innerHTML: function (c, html) { c.innerHTML = html; return c; },
    template: function (c, html) {
      var t = document.createElement("template");
      t.innerHTML = html;
      c.appendChild(document.importNode(t.content, true));
      return c;
    },
    domparser: function (c, html) {
      var d = new DOMParser().parseFromString(html, "text/html");
      [d.head, d.body].forEach(function (p) {
        while (p && p.firstChild) c.appendChild(document.adoptNode(p.firstChild));
      });
      return c;
    },
    roundtrip: function (c, html, mutations, id) {
      var t = document.createElement("template");
      t.innerHTML = html;
      var s1 = t.innerHTML;
      var c1 = container(c);
      c1.innerHTML = s1;
      var s2 = c1.innerHTML;
      var c2 = container(c);
      c2.innerHTML = s2;
      if (s2 !== s1 || c2.innerHTML !== s2) mutations.push(id);
      return c;
    },
  };

  /** items: [{id, html}] → {unsafe: [{id, sink, what}], mutations: [id]} */
  window.__judgeHtml = function (items) {
    var unsafe = [];
    var mutations = [];
    var host = container(document.body);
    items.forEach(function (it) {
      Object.keys(SINKS).forEach(function (sink) {
        current = it.id;
        var out = [];
        var c = container(host);
        try { SINKS[sink](c, it.html, mutations, it.id); } catch (e) { out.push("sink threw " + e); }
        inspect(c, out);
        poke(c);
        out.forEach(function (w) { unsafe.push({ id: it.id, sink: sink, what: w }); });
      });
    });
    current = null;
    return { unsafe: unsafe, mutations: mutations };
  };

  /** items: [{id, article}] → rendered with renderBlocks (DOM APIs only), then judged. */
  window.__judgeRendered = function (items) {
    var unsafe = [];
    var host = container(document.body);
    items.forEach(function (it) {
      current = it.id;
      var out = [];
      var c = container(host);
      try { c.appendChild(window.renderBlocks(document, it.article)); } catch (e) { out.push("render threw " + e); }
      inspect(c, out);
      poke(c);
      out.forEach(function (w) { unsafe.push({ id: it.id, sink: "renderBlocks", what: w }); });
    });
    current = null;
    return { unsafe: unsafe, mutations: [] };
  };

  window.__hits = function () { return hits.splice(0); };
  window.__reset = function () { document.body.textContent = ""; };
})();
//# sourceURL=xss-harness.js
