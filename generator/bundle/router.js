// The single-file bundle's router. Every page of the knowledge base is in
// this one file, as a <template data-page="path.html">; the fragment says
// which one shows: #/path.html, or #/path.html#anchor for a place in it. Any
// other fragment (a heading of the page shown, a decision tree's answers) is
// left to the page. The start page is in place without JavaScript.
(function () {
  "use strict";
  var slot = document.getElementById("kb-page");
  var pages = {}, current = slot.getAttribute("data-page");
  document.querySelectorAll("template[data-page]").forEach(function (t) { pages[t.getAttribute("data-page")] = t; });
  // Keep the start page as it is now, before the page scripts enhance it.
  var home = document.createElement("template");
  home.setAttribute("data-title", slot.getAttribute("data-title"));
  slot.childNodes.forEach(function (n) { home.content.appendChild(n.cloneNode(true)); });
  pages[current] = home;

  // Search results lead to pages of this file.
  window.kbHref = function (url) { return "#/" + url; };

  function mark(path) {
    document.querySelectorAll("#site-nav a, .site-header a").forEach(function (a) {
      if (a.getAttribute("href") === "#/" + path) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
  }
  function show(path, anchor, moved) {
    var t = pages[path];
    if (!t) { path = "index.html"; t = pages[path]; anchor = ""; }
    if (path !== current) {
      slot.textContent = "";
      slot.appendChild(t.content.cloneNode(true));
      current = path;
      document.title = t.getAttribute("data-title");
      mark(path);
      slot.dispatchEvent(new CustomEvent("kb:page", { bubbles: true }));
    }
    var target = anchor && document.getElementById(anchor);
    if (target) {
      target.scrollIntoView();
    } else if (moved) {
      window.scrollTo(0, 0);
      // Tell screen readers that the page changed: focus its heading.
      var h = slot.querySelector("h1") || document.getElementById("main");
      if (h) {
        if (!h.hasAttribute("tabindex")) h.setAttribute("tabindex", "-1");
        h.focus({ preventScroll: true });
      }
    }
  }
  // treePage finds the page with the decision tree a fragment such as
  // #choose-ha-option/server=2019 is a position in (a shared answer).
  function treePage(h) {
    var tree = h.split("/")[0], found = "";
    Object.keys(pages).forEach(function (p) {
      if (!found && pages[p].content.querySelector('section.decision[data-tree="' + tree.replace(/["\\]/g, "") + '"]')) found = p;
    });
    return found;
  }
  function route(e) {
    var h = location.hash.slice(1);
    if (h.charAt(0) !== "/") {
      // A place in the page shown; on opening the file, maybe a tree's.
      var p = !e || e.type !== "DOMContentLoaded" || !h || document.getElementById(h) ? "" : treePage(h);
      if (p) show(p, "", true);
      return;
    }
    var at = h.indexOf("#", 1);
    var path = decodeURIComponent(at < 0 ? h.slice(1) : h.slice(1, at));
    // #/path.html?view=x: the query is the page's (select.js reads it).
    if (path.indexOf("?") >= 0) path = path.slice(0, path.indexOf("?"));
    var anchor = at < 0 ? "" : decodeURIComponent(h.slice(at + 1));
    show(path, anchor, path !== current);
  }
  window.addEventListener("hashchange", route);
  // The search box: Enter without a chosen result opens the first one.
  var form = document.querySelector("form.search");
  if (form) form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = document.querySelector("#search-results [role=option]");
    if (first) first.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
  });
  mark(current);
  // After the page scripts have run on the start page.
  document.addEventListener("DOMContentLoaded", route);
})();
