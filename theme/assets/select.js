// Selections: zone pivots, monikers (versions) and tabs, one mechanism
// (docs/architecture.md#selections). The page holds every block, each
// labelled, with data-kb-when="selector=option ..." saying what it applies
// to; this script shows the selectors (.kb-selector, hidden without it) and
// only the blocks the reader's choice applies to. The choice comes from the
// URL (?view=, ?pivots=, as on Microsoft Learn; in the single-file bundle
// from the route, #/page.html?view=...), else from the reader's last choice
// (localStorage, when the browser allows it), else the page's default; it is
// written back to the URL so that it can be shared. A tab group is a local
// selector: its options are its tabs, and choosing one chooses the tab of
// the same id in every group, on this page and the next.
// Without this script and in print, every block is shown under its label.
(function () {
  "use strict";
  var KEY = "kb.select";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(s) {
    try { window.localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* file:// or private mode */ }
  }
  function dec(s) {
    try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch (e) { return s; }
  }

  // The URL's query: location.search, or the route's in the bundle.
  function bundleRoute() {
    var h = location.hash;
    if (h.indexOf("#/") !== 0) return null;
    var r = h.slice(1), at = r.indexOf("#"), anchor = at < 0 ? "" : r.slice(at);
    if (at >= 0) r = r.slice(0, at);
    var q = r.indexOf("?");
    return { path: q < 0 ? r : r.slice(0, q), query: q < 0 ? "" : r.slice(q + 1), anchor: anchor };
  }
  function queryPairs() {
    var r = bundleRoute(), q = r ? r.query : location.search.replace(/^\?/, "");
    var out = [];
    q.split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      out.push([dec(i < 0 ? kv : kv.slice(0, i)), dec(i < 0 ? "" : kv.slice(i + 1))]);
    });
    return out;
  }
  function param(name) {
    var v = "";
    queryPairs().forEach(function (p) { if (p[0] === name) v = p[1]; });
    return v;
  }
  function setParams(values) {
    var pairs = queryPairs().filter(function (p) { return !(p[0] in values); });
    Object.keys(values).forEach(function (k) { if (values[k]) pairs.push([k, values[k]]); });
    var q = pairs.map(function (p) { return encodeURIComponent(p[0]) + "=" + encodeURIComponent(p[1]).replace(/%2C/g, ","); }).join("&");
    var r = bundleRoute(), url;
    if (r) url = "#" + r.path + (q ? "?" + q : "") + r.anchor;
    else url = location.pathname + (q ? "?" + q : "") + location.hash;
    try { history.replaceState(history.state, "", url); } catch (e) { /* a browser that refuses it for file:// */ }
  }

  // The conditions of a block: {selector: [options]}.
  function conditions(el, attr) {
    var out = {};
    (el.getAttribute(attr) || "").split(" ").forEach(function (t) {
      var i = t.indexOf("=");
      if (i < 0) return;
      var s = dec(t.slice(0, i));
      (out[s] = out[s] || []).push(dec(t.slice(i + 1)));
    });
    return out;
  }
  function chosen(root) {
    var v = {};
    root.querySelectorAll(".kb-selector[data-kb-selector]").forEach(function (box) {
      v[box.getAttribute("data-kb-selector")] = box.querySelector("select").value;
    });
    return v;
  }
  function applies(c, v) {
    return Object.keys(c).every(function (s) { return !(s in v) || c[s].indexOf(v[s]) >= 0; });
  }
  function apply(root) {
    var v = chosen(root);
    root.querySelectorAll(".kb-when[data-kb-when]").forEach(function (el) {
      el.hidden = !applies(conditions(el, "data-kb-when"), v);
    });
    root.querySelectorAll("[data-kb-for]").forEach(function (el) {
      el.hidden = applies(conditions(el, "data-kb-for"), v);
    });
  }
  function remember(root) {
    var s = load(), params = {};
    root.querySelectorAll(".kb-selector[data-kb-selector]").forEach(function (box) {
      var name = box.getAttribute("data-kb-selector"), p = box.getAttribute("data-kb-param"), value = box.querySelector("select").value;
      s[name] = value;
      if (p) params[p] = params[p] ? params[p] + "," + value : value;
    });
    save(s);
    setParams(params);
  }

  function selectors(root) {
    var stored = load();
    root.querySelectorAll(".kb-selector[data-kb-selector]").forEach(function (box) {
      if (box.getAttribute("data-kb-ready")) return;
      box.setAttribute("data-kb-ready", "1");
      var name = box.getAttribute("data-kb-selector"), sel = box.querySelector("select");
      var options = Array.prototype.map.call(sel.options, function (o) { return o.value; });
      var want = "";
      param(box.getAttribute("data-kb-param") || "").split(",").forEach(function (v) {
        if (!want && options.indexOf(v) >= 0) want = v;
      });
      if (!want && options.indexOf(stored[name]) >= 0) want = stored[name];
      if (!want) want = box.getAttribute("data-kb-default") || options[0];
      sel.value = want;
      box.hidden = false;
      sel.addEventListener("change", function () { apply(root); remember(root); });
    });
    root.querySelectorAll(".kb-when").forEach(function (el) { el.classList.add("kb-js"); });
    apply(root);
  }

  // Tabs (the WAI-ARIA tabs pattern, automatic activation).
  function groupOf(b) { return b.closest(".kb-tabs"); }
  function tabIDs(g) {
    var ids = [];
    g.querySelectorAll(":scope > .kb-tab-panel").forEach(function (p) {
      var id = p.getAttribute("data-kb-tab");
      if (ids.indexOf(id) < 0) ids.push(id);
    });
    return ids;
  }
  function showTab(g, id, picked) {
    g.querySelectorAll(":scope > [role=tablist] > [role=tab]").forEach(function (b) {
      var on = b.getAttribute("data-kb-tab") === id;
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.tabIndex = on ? 0 : -1;
    });
    var panels = Array.prototype.filter.call(g.querySelectorAll(":scope > .kb-tab-panel"), function (p) {
      return p.getAttribute("data-kb-tab") === id;
    });
    // A dependent tab (#tab/id/cond): the panel whose cond is chosen elsewhere.
    var show = panels.filter(function (p) { return picked.indexOf(p.getAttribute("data-kb-cond")) >= 0; })[0] || panels[0];
    g.querySelectorAll(":scope > .kb-tab-panel").forEach(function (p) { p.hidden = p !== show; });
    g.setAttribute("data-kb-chosen", id);
  }
  function syncTabs(root, first) {
    var order = load().tabs || [];
    if (first) order = [first].concat(order.filter(function (t) { return t !== first; }));
    var groups = root.querySelectorAll(".kb-tabs.kb-js");
    var picked = [];
    groups.forEach(function (g) {
      var ids = tabIDs(g), id = order.filter(function (t) { return ids.indexOf(t) >= 0; })[0] || g.getAttribute("data-kb-chosen") || ids[0];
      picked.push(id);
      g._kbTab = id;
    });
    groups.forEach(function (g) { showTab(g, g._kbTab, picked); });
    return order;
  }
  function chooseTab(root, id) {
    var s = load();
    s.tabs = syncTabs(root, id).slice(0, 50);
    save(s);
  }
  function tabs(root) {
    root.querySelectorAll(".kb-tabs").forEach(function (g) {
      if (g.classList.contains("kb-js")) return;
      g.classList.add("kb-js");
      var list = document.createElement("div");
      list.setAttribute("role", "tablist");
      list.className = "kb-tablist";
      var panels = g.querySelectorAll(":scope > .kb-tab-panel");
      tabIDs(g).forEach(function (id) {
        var mine = Array.prototype.filter.call(panels, function (p) { return p.getAttribute("data-kb-tab") === id; });
        var b = document.createElement("button");
        b.type = "button";
        b.setAttribute("role", "tab");
        b.id = mine[0].id.replace(/-panel$/, "") + "-tab";
        b.setAttribute("data-kb-tab", id);
        b.setAttribute("aria-controls", mine.map(function (p) { return p.id; }).join(" "));
        b.textContent = mine[0].querySelector(".kb-tab-label").textContent;
        mine.forEach(function (p) {
          p.setAttribute("role", "tabpanel");
          p.setAttribute("aria-labelledby", b.id);
          p.tabIndex = 0;
        });
        list.appendChild(b);
      });
      list.addEventListener("click", function (e) {
        var b = e.target.closest("[role=tab]");
        if (b) chooseTab(root, b.getAttribute("data-kb-tab"));
      });
      list.addEventListener("keydown", function (e) {
        var all = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
        var i = all.indexOf(document.activeElement), next = -1;
        if (i < 0) return;
        if (e.key === "ArrowRight") next = (i + 1) % all.length;
        else if (e.key === "ArrowLeft") next = (i - 1 + all.length) % all.length;
        else if (e.key === "Home") next = 0;
        else if (e.key === "End") next = all.length - 1;
        if (next < 0) return;
        e.preventDefault();
        chooseTab(root, all[next].getAttribute("data-kb-tab"));
        all[next].focus();
      });
      g.insertBefore(list, g.firstChild);
    });
    syncTabs(root, "");
  }

  // A heading inside a hidden block (from "On this page", or a link to it)
  // chooses the block's tab, pivot or version first.
  function reveal(root, el) {
    var changed = false;
    for (var n = el; n && n !== root; n = n.parentElement) {
      if (n.hidden && n.classList.contains("kb-tab-panel")) {
        chooseTab(root, n.getAttribute("data-kb-tab"));
      } else if (n.hidden && n.matches(".kb-when[data-kb-when]")) {
        var c = conditions(n, "data-kb-when"), v = chosen(root);
        Object.keys(c).forEach(function (s) {
          if (!(s in v) || c[s].indexOf(v[s]) >= 0) return;
          root.querySelectorAll(".kb-selector[data-kb-selector]").forEach(function (box) {
            if (box.getAttribute("data-kb-selector") === s) box.querySelector("select").value = c[s][0];
          });
          changed = true;
        });
      }
    }
    if (changed) { apply(root); remember(root); }
  }
  function target(href) {
    var at = href.lastIndexOf("#");
    if (at < 0) return null;
    try { return document.getElementById(decodeURIComponent(href.slice(at + 1))); } catch (e) { return null; }
  }

  function setup(root) {
    selectors(root);
    tabs(root);
    var r = bundleRoute(), t = target(r ? r.anchor : location.hash);
    if (t && root.contains(t) && t.closest("[hidden]")) { reveal(root, t); t.scrollIntoView(); }
  }
  setup(document);
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href*='#']") : null;
    var t = a && target(a.getAttribute("href"));
    if (t && t.closest("[hidden]")) reveal(document, t);
  }, true);
  window.addEventListener("hashchange", function () {
    var r = bundleRoute(), t = target(r ? r.anchor : location.hash);
    if (t && t.closest("[hidden]")) { reveal(document, t); t.scrollIntoView(); }
  });
  // The single-file bundle shows its pages in place and announces each one.
  document.addEventListener("kb:page", function (e) { setup(e.target); });
})();
