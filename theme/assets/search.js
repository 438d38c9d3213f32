// kb search. Loads the index that kb wrote at build time (package search) as
// plain script files, only the parts a query needs, so it works from a web
// server and from disk alike: no fetch, no modules, no eval.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var root = form.getAttribute("data-root") || "";
  var input = form.querySelector("input");
  var box = document.getElementById("search-results");
  var live = document.getElementById("search-status");
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", code = {};
  for (var c = 0; c < 64; c++) code[B64.charAt(c)] = c;

  // Loading: each file calls a global function that hands over its data.
  var manifest = null, shards = {}, docs = {}, loaded = {}, waiting = {};
  function load(key, src, done) {
    if (loaded[key]) return done();
    if (waiting[key]) return waiting[key].push(done);
    waiting[key] = [done];
    var s = document.createElement("script");
    s.src = root + src;
    s.onerror = function () { finish(key); };
    document.head.appendChild(s);
  }
  function finish(key) {
    loaded[key] = true;
    var cbs = waiting[key] || [];
    waiting[key] = null;
    cbs.forEach(function (f) { f(); });
  }
  function all(jobs, done) {
    var left = jobs.length;
    if (!left) return done();
    jobs.forEach(function (j) { load(j[0], j[1], function () { if (!--left) done(); }); });
  }
  window.kbManifest = function (m) { manifest = m; finish("m"); };
  window.kbShard = function (i, s) {
    var out = [], prev = "";
    s.split("~").forEach(function (e) {
      var p = e.split("|"), df = p[1].split(".").map(function (d) { return parseInt(d, 36); });
      prev = prev.slice(0, parseInt(p[0].charAt(0), 36)) + p[0].slice(1);
      out.push({ t: prev, df: df, bits: p.slice(2) });
    });
    shards[i] = out;
    finish("t" + i);
  };
  window.kbDoc = function (i, d) { docs[i] = d; finish("d" + i); };

  // The words of a text, as the indexer makes them (generator/search
  // tokens.go; both are checked against generator/search/testdata/tokens.json):
  // NFKC ("x²" is "x2"), lower case by the simple mapping (toLowerCase's full
  // one makes "İ" an "i" and a combining dot), final sigma as sigma, then
  // runs of letters, marks and numbers.
  function fold(s) { return s.normalize("NFKC").replace(/\u0130/g, "i").toLowerCase().replace(/\u03c2/g, "\u03c3"); }
  function tokens(s) { return fold(s).match(/[\p{L}\p{M}\p{N}]+/gu) || []; }
  function riceK(n) {
    if (!n) return 0;
    var mean = manifest.n / n, k = 0;
    while (Math.pow(2, k + 1) <= mean * 0.69) k++;
    return k;
  }
  // postings decodes a Rice-coded list once and keeps it.
  function postings(e, i) {
    var key = "p" + i;
    if (e[key]) return e[key];
    var str = e.bits[i], n = e.df[i], k = riceK(n), out = new Int32Array(n), prev = -1, buf = 0, left = 0, c = 0;
    // Bits come six to a character; buf holds the next ones, left of them.
    for (var j = 0; j < n; j++) {
      var q = 0;
      for (;;) {
        if (!left) { buf = code[str.charAt(c++)]; left = 6; }
        var ones = Math.clz32(~(buf << (32 - left))); // leading ones of what is left
        if (ones < left) { q += ones; left -= ones + 1; break; }
        q += left; left = 0;
      }
      var r = 0, need = k;
      while (need) {
        if (!left) { buf = code[str.charAt(c++)]; left = 6; }
        var take = need < left ? need : left;
        r = r * (1 << take) + (buf >> (left - take) & ((1 << take) - 1));
        left -= take; need -= take;
      }
      prev += q * (1 << k) + r + 1;
      out[j] = prev;
    }
    return (e[key] = out);
  }
  function shardOf(t) {
    var s = manifest.s, lo = 0, hi = s.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (s[mid] <= t) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function near(a, b) { // edit distance at most 1
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++; else if (b.length > a.length) j++; else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // A query: words (the last matched as a prefix while typing), "phrases".
  function parse(q) {
    var words = [], phrases = [];
    q.replace(/"([^"]*)"?/g, function (_, p) { var t = tokens(p); if (t.length) phrases.push(t); return " "; })
      .split(/\s+/).forEach(function (w) { tokens(w).forEach(function (t) { words.push({ t: t }); }); });
    phrases.forEach(function (p) { p.forEach(function (t) { words.push({ t: t, exact: true }); }); });
    // The last word is still being typed: match it as a prefix, once it has
    // two letters (one letter would match a good part of the index).
    var last = words[words.length - 1];
    if (last && !/[\s"]$/.test(q) && !last.exact && last.t.length > 1) last.prefix = true;
    return { words: words, phrases: phrases };
  }
  // search calls ranked (if given) with the best document numbers as soon as
  // the term shards are in, then done with the results once their document
  // files are.
  function search(q, limit, done, ranked) {
    var query = parse(q);
    if (!query.words.length) return done([], query);
    load("m", "search/manifest.js", function () {
      var jobs = [];
      query.words.forEach(function (w) {
        var i = shardOf(w.t);
        w.shards = [i];
        // A prefix of three letters or more also reads the next shards that
        // start with it; a shorter one only its own (it matches too much).
        for (var j = i + 1; w.prefix && w.t.length > 2 && j < manifest.s.length && j < i + 3 && manifest.s[j].indexOf(w.t) === 0; j++) w.shards.push(j);
        w.shards.forEach(function (s) { jobs.push(["t" + s, "search/t/" + s + ".js"]); });
      });
      all(jobs, function () { rank(query, limit, done, ranked); });
    });
  }
  function rank(query, limit, done, ranked) {
    // One array of scores per word; a document must score for every word,
    // so the candidates are the documents of the word with the fewest.
    var n = manifest.n, lists = [], cands = null, fields = [3, 1.8, 1];
    query.words.forEach(function (w) {
      var best = new Float32Array(n), found = [];
      w.shards.forEach(function (s) {
        (shards[s] || []).forEach(function (e) {
          var weight = e.t === w.t ? 1 : w.prefix && e.t.indexOf(w.t) === 0 ? 0.7 : !w.exact && w.t.length > 4 && near(e.t, w.t) ? 0.5 : 0;
          if (!weight) return;
          var df = e.df[0] + e.df[1] + e.df[2], idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          for (var f = 0; f < 3; f++) {
            var docs = postings(e, f), v = idf * weight * fields[f];
            for (var j = 0; j < docs.length; j++) {
              var d = docs[j];
              if (!best[d]) found.push(d);
              if (best[d] < v) best[d] = v;
            }
          }
        });
      });
      lists.push(best);
      if (!cands || found.length < cands.length) cands = found;
    });
    // Keep the best few, best first (ties: lower number first).
    var keep = query.phrases.length ? limit * 4 : limit, ids = [], top = [];
    for (var c = 0; c < cands.length; c++) {
      var d = cands[c], sum = 0, j = 0;
      for (; j < lists.length && lists[j][d] > 0; j++) sum += lists[j][d];
      if (j < lists.length) continue;
      var at = top.length;
      while (at > 0 && (top[at - 1] < sum || top[at - 1] === sum && ids[at - 1] > d)) at--;
      if (at >= keep) continue;
      top.splice(at, 0, sum);
      ids.splice(at, 0, d);
      if (top.length > keep) { top.pop(); ids.pop(); }
    }
    if (ranked) ranked(ids);
    all(ids.map(function (d) { return ["d" + d, "search/d/" + d + ".js"]; }), function () {
      var out = [];
      ids.forEach(function (d) { var r = result(docs[d], query); if (r && out.length < limit) out.push(r); });
      done(out, query);
    });
  }
  // result picks the document's section that matches best.
  function result(doc, query) {
    if (!doc) return null;
    var best = null, bestScore = -1;
    doc.s.forEach(function (s) {
      var text = fold(s.x), score = 0;
      if (query.phrases.some(function (p) { return tokens(s.h + " " + s.x).join(" ").indexOf(p.join(" ")) < 0; })) return;
      query.words.forEach(function (w) {
        if (tokens(s.h).some(function (t) { return t.indexOf(w.t) === 0; })) score += 2;
        if (text.indexOf(w.t) >= 0) score += 1;
      });
      if (score > bestScore) { best = s; bestScore = score; }
    });
    if (!best) return null;
    return { title: doc.t, url: doc.u.split("#")[0] + (best.a ? "#" + best.a : doc.u.indexOf("#") > 0 ? doc.u.slice(doc.u.indexOf("#")) : ""),
      crumb: doc.b + (best.h ? " › " + best.h : ""), text: best.x };
  }

  // Rendering, with text nodes only: a query can never inject markup.
  function marked(el, text, query) {
    var words = query.words.map(function (w) { return w.t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var re = new RegExp("(^|[^\\p{L}\\p{M}\\p{N}])(" + words.join("|") + ")[\\p{L}\\p{M}\\p{N}]*", "giu");
    var m = re.exec(text), start = m ? Math.max(0, m.index - 60) : 0;
    var snippet = (start ? "…" : "") + text.slice(start, start + 180) + (text.length > start + 180 ? "…" : "");
    var last = 0;
    re.lastIndex = 0;
    while ((m = re.exec(snippet))) {
      var at = m.index + m[1].length;
      el.appendChild(document.createTextNode(snippet.slice(last, at)));
      var mark = document.createElement("mark");
      mark.textContent = snippet.slice(at, m.index + m[0].length);
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(snippet.slice(last)));
  }
  function item(r, query, tag) {
    var el = document.createElement(tag);
    var t = document.createElement("span"), b = document.createElement("span"), s = document.createElement("span");
    t.className = "sr-title"; b.className = "sr-crumb"; s.className = "sr-snippet";
    t.textContent = r.title;
    b.textContent = r.crumb;
    marked(s, r.text, query);
    el.appendChild(t); el.appendChild(b); el.appendChild(s);
    return el;
  }

  // The combobox in the header.
  var results = [], active = -1, seq = 0;
  function close() { box.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
  function select(i) {
    var opts = box.querySelectorAll("[role=option]");
    if (active >= 0 && opts[active]) opts[active].setAttribute("aria-selected", "false");
    active = i;
    if (i >= 0 && opts[i]) {
      opts[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[i].id);
      opts[i].scrollIntoView({ block: "nearest" });
    }
  }
  // href is where a result's URL leads; the single-file bundle, which holds
  // every page in one file, sets window.kbHref to route to its own pages.
  function href(url) { return window.kbHref ? window.kbHref(url) : root + url; }
  function go(r) { location.href = href(r.url); }
  // Fetch the manifest as soon as the reader comes to the box, and read a
  // query once, so that the first real one finds the code ready.
  input.addEventListener("focus", function () { load("m", "search/manifest.js", function () {}); parse("kb \"search\""); });
  input.addEventListener("input", function () {
    var q = input.value, n = ++seq;
    if (!q.trim()) { close(); live.textContent = ""; return; }
    search(q, 8, function (rs, query) {
      if (n !== seq) return;
      results = rs;
      box.textContent = "";
      rs.forEach(function (r, i) {
        var o = item(r, query, "li");
        o.id = "search-option-" + i;
        o.setAttribute("role", "option");
        o.setAttribute("aria-selected", "false");
        o.addEventListener("mousedown", function (e) { e.preventDefault(); go(r); });
        box.appendChild(o);
      });
      if (!rs.length) { var none = document.createElement("li"); none.className = "sr-none"; none.textContent = "No results"; box.appendChild(none); }
      box.hidden = false;
      box.setAttribute("data-query", q);
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
      live.textContent = rs.length ? rs.length + (rs.length === 1 ? " result" : " results") : "No results";
    });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && results.length) { e.preventDefault(); if (box.hidden) { box.hidden = false; input.setAttribute("aria-expanded", "true"); } select((active + 1) % results.length); }
    else if (e.key === "ArrowUp" && results.length) { e.preventDefault(); select(active <= 0 ? results.length - 1 : active - 1); }
    else if (e.key === "Enter" && active >= 0 && !box.hidden) { e.preventDefault(); go(results[active]); }
    else if (e.key === "Escape") { if (box.hidden) input.value = ""; close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  document.addEventListener("keydown", function (e) {
    var t = e.target.tagName;
    if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && t !== "INPUT" && t !== "TEXTAREA" && t !== "SELECT" && !e.target.isContentEditable) {
      e.preventDefault();
      input.focus();
    }
  });

  // The search page reads ?q= so that searches can be linked.
  var page = document.getElementById("search-page");
  if (page) {
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    if (q) search(q, 30, function (rs, query) {
      var list = document.createElement("ol");
      rs.forEach(function (r) {
        var li = item(r, query, "li"), a = document.createElement("a");
        a.href = href(r.url);
        a.appendChild(li.firstChild);
        li.insertBefore(a, li.firstChild);
        list.appendChild(li);
      });
      page.textContent = rs.length ? rs.length + (rs.length === 1 ? " result" : " results") + " for “" + q + "”" : "No results for “" + q + "”";
      page.appendChild(list);
    });
  }
  window.kbSearch = { search: search, tokens: tokens };
})();
