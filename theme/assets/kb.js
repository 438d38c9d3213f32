// kb default theme script. Everything here is an enhancement: every page works
// without it. No inline handlers, no external requests.
(function () {
  "use strict";

  // The 404 page has <base href> (a server sends it at any address), which
  // would make "#main" mean the home page's #main: in-page links stay here.
  if (document.querySelector("base[href]")) {
    document.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
      var target = null;
      try { target = a && document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))); } catch (err) { /* not an id */ }
      if (!target) return;
      e.preventDefault();
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView();
    });
  }

  // Embed snippets (a tree page's Embed panel) name this site's files
  // relative to the page; served from a web server, show them in full, as
  // another site needs them.
  if (/^https?:$/.test(location.protocol)) {
    document.querySelectorAll(".embed-url[data-href]").forEach(function (el) {
      el.textContent = new URL(el.getAttribute("data-href"), location.href).href.replace(/&/g, "&amp;");
    });
  }

  // A "Copy" button on every code block.
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text, done); });
    } else {
      fallback(text, done);
    }
  }
  function fallback(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* nothing to do */ }
    document.body.removeChild(area);
  }
  // One polite live region tells screen-reader users that the copy worked.
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  // enhance adds what follows to the page, or to a page shown in place.
  function enhance(root) {
  root.querySelectorAll(".code").forEach(function (block) {
    var code = block.querySelector("code");
    if (!code) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code to clipboard");
    button.addEventListener("click", function () {
      copyText(code.textContent, function () {
        button.textContent = "Copied";
        status.textContent = "Code copied to clipboard";
        setTimeout(function () { button.textContent = "Copy"; status.textContent = ""; }, 2000);
      });
    });
    block.appendChild(button);
  });

  // Compatibility tables: a select per dimension hides the rows or columns of
  // other values. Without JavaScript the whole table shows.
  root.querySelectorAll("figure.compat").forEach(function (fig, n) {
    var table = fig.querySelector("table");
    if (!table) return;
    var dims = (fig.getAttribute("data-rows") || "").split(" ").filter(Boolean);
    var column = fig.getAttribute("data-columns");
    var head = table.tHead.rows[0];
    var box = document.createElement("div");
    box.className = "compat-filters";
    var selects = [];
    function addSelect(dim, label, values) {
      if (values.length < 2) return;
      var wrap = document.createElement("label");
      wrap.textContent = "Show " + label;
      var sel = document.createElement("select");
      sel.setAttribute("data-dim", dim);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "All";
      sel.appendChild(all);
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v[0];
        o.textContent = v[1];
        sel.appendChild(o);
      });
      sel.addEventListener("change", apply);
      wrap.appendChild(sel);
      box.appendChild(wrap);
      selects.push(sel);
    }
    dims.forEach(function (dim, i) {
      var seen = {}, values = [];
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        var id = tr.getAttribute("data-" + dim);
        if (id && !seen[id]) { seen[id] = true; values.push([id, tr.cells[i].textContent]); }
      });
      addSelect(dim, head.cells[i].textContent, values);
    });
    if (column) {
      var values = [];
      Array.prototype.forEach.call(head.cells, function (th) {
        var id = th.getAttribute("data-value");
        if (id) values.push([id, th.textContent]);
      });
      addSelect("", fig.getAttribute("data-columns-name") || "column", values);
    }
    function apply() {
      selects.forEach(function (sel) {
        var dim = sel.getAttribute("data-dim"), want = sel.value;
        if (dim) {
          table.querySelectorAll("tbody tr").forEach(function (tr) {
            var hide = want && tr.getAttribute("data-" + dim) !== want;
            tr.setAttribute("data-hidden-" + dim, hide ? "1" : "");
            tr.hidden = Array.prototype.some.call(tr.attributes, function (a) {
              return a.name.indexOf("data-hidden-") === 0 && a.value === "1";
            });
          });
        } else {
          table.querySelectorAll("[data-value]").forEach(function (cell) {
            cell.hidden = !!want && cell.getAttribute("data-value") !== want;
          });
        }
      });
    }
    if (selects.length) fig.insertBefore(box, fig.querySelector(".compat-scroll"));
  });
  }
  enhance(document);
  // The single-file bundle shows its pages in place and announces each one.
  document.addEventListener("kb:page", function (e) { enhance(e.target); });
})();
