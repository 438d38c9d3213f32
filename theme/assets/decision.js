// kb decision trees: one question at a time. Enhances the plain-link version
// that package decisionui writes (every node an anchor, every option a link),
// which works without this script. No inline handlers, no external requests.
//
// The answers live in the URL fragment, "#TREE/question=option/...", so a
// position can be shared as a link and the browser's Back button steps back.
// In the custom element of public/embed/kb-decision-tree.js (package embed),
// which includes this file, they live in memory instead, with a Back button.
(function () {
  "use strict";

  // Where the answers are kept: get returns the fragment, push stores a new
  // one, listen calls back when the browser changes it (Back, a link).
  function hashState() {
    return {
      get: function () { return location.hash; },
      push: function (hash) { history.pushState(null, "", hash); },
      listen: function (render) {
        window.addEventListener("popstate", function () { render(false); });
        window.addEventListener("hashchange", function () { render(true); });
      }
    };
  }
  function memoryState() {
    var hash = "";
    return {
      memory: true,
      get: function () { return hash; },
      push: function (h) { hash = h; },
      listen: function () {}
    };
  }

  function setup(root, state) {
    var prefix = root.id;
    if (root.classList.contains("js")) return; // already set up
    var nodes = {};
    var start = null;
    root.querySelectorAll(".decision-node").forEach(function (el) {
      var id = el.getAttribute("data-node");
      var options = [];
      el.querySelectorAll("a.decision-option").forEach(function (a) {
        options.push({ slug: a.getAttribute("data-option"), next: a.getAttribute("data-next"), label: a.textContent, link: a });
      });
      nodes[id] = {
        id: id, el: el, options: options,
        outcome: el.classList.contains("decision-outcome"),
        remaining: parseInt(el.getAttribute("data-remaining"), 10) || 0,
        heading: el.querySelector(".decision-heading")
      };
      if (el.classList.contains("decision-start")) start = nodes[id];
    });
    if (!start) return;
    root.classList.add("js");

    var status = document.createElement("p");
    status.className = "decision-progress";
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    var answersBox = document.createElement("div");
    answersBox.className = "decision-answers";
    var title = root.querySelector(".decision-title");
    title.insertAdjacentElement("afterend", status);
    status.insertAdjacentElement("afterend", answersBox);
    root.appendChild(live);

    // state: the answered steps, [{node, option}], and the node shown.
    function parse(hash) {
      var steps = [];
      var node = start;
      if (hash.indexOf("#" + prefix + "/") !== 0) {
        var target = hash.slice(1);
        if (target.indexOf(prefix + "-") === 0 && nodes[target.slice(prefix.length + 1)]) {
          node = nodes[target.slice(prefix.length + 1)]; // a plain node anchor
        }
        return { steps: steps, node: node };
      }
      var parts = hash.slice(prefix.length + 2).split("/");
      for (var i = 0; i < parts.length; i++) {
        var kv = parts[i].split("=");
        var opt = null;
        if (kv[0] !== node.id || node.outcome) break;
        node.options.forEach(function (o) { if (o.slug === kv[1]) opt = o; });
        if (!opt || !nodes[opt.next]) break;
        steps.push({ node: node, option: opt });
        node = nodes[opt.next];
      }
      return { steps: steps, node: node };
    }

    function fragment(steps) {
      if (!steps.length) return "#" + prefix;
      return "#" + prefix + "/" + steps.map(function (s) { return s.node.id + "=" + s.option.slug; }).join("/");
    }

    function go(steps) {
      state.push(fragment(steps));
      render(true);
    }

    function button(text, onClick) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.addEventListener("click", onClick);
      return b;
    }

    var current = null;
    function render(moveFocus) {
      var at = parse(state.get());
      current = at;
      Object.keys(nodes).forEach(function (id) { nodes[id].el.classList.remove("current"); });
      at.node.el.classList.add("current");
      var n = at.steps.length + 1;
      var text;
      if (at.node.outcome) {
        text = "Result after " + at.steps.length + (at.steps.length === 1 ? " answer" : " answers");
      } else {
        text = "Question " + n + " of at most " + (at.steps.length + at.node.remaining);
      }
      status.textContent = text;

      answersBox.textContent = "";
      if (at.steps.length) {
        var h = document.createElement("p");
        h.className = "decision-answers-title";
        h.textContent = "Your answers";
        var list = document.createElement("ol");
        at.steps.forEach(function (s, i) {
          var li = document.createElement("li");
          var q = document.createElement("span");
          q.className = "decision-answer-question";
          q.textContent = s.node.heading.textContent + " ";
          var a = document.createElement("strong");
          a.textContent = s.option.label;
          li.appendChild(q);
          li.appendChild(a);
          li.appendChild(document.createTextNode(" "));
          var change = button("Change", function () { go(at.steps.slice(0, i)); });
          change.setAttribute("aria-label", "Change your answer to: " + s.node.heading.textContent);
          li.appendChild(change);
          list.appendChild(li);
        });
        answersBox.appendChild(h);
        answersBox.appendChild(list);
        if (state.memory) { // no browser history to step back in
          answersBox.appendChild(button("Back", function () { go(at.steps.slice(0, -1)); }));
          answersBox.appendChild(document.createTextNode(" "));
        }
        answersBox.appendChild(button("Start over", function () { go([]); }));
      }
      if (moveFocus && at.node.heading) {
        at.node.heading.focus();
        live.textContent = text + ": " + at.node.heading.textContent;
      }
    }

    root.addEventListener("click", function (e) {
      var a = e.target.closest("a");
      if (!a || !root.contains(a)) return;
      if (a.classList.contains("decision-option")) {
        var opt = null;
        current.node.options.forEach(function (o) { if (o.link === a) opt = o; });
        if (!opt) return;
        e.preventDefault();
        go(current.steps.concat([{ node: current.node, option: opt }]));
      } else if (a.parentNode.classList.contains("decision-restart")) {
        e.preventDefault();
        go([]);
      }
    });
    // A tree of a page the single-file bundle took away keeps still.
    state.listen(function (moveFocus) { if (root.isConnected) render(moveFocus); });
    render(false);
  }

  // In kb-decision-tree.js this file runs inside a function that defines
  // kbDecisionEmbed, which takes setup over; on a page, every tree is set up,
  // and so are those of a page the single-file bundle shows in place.
  if (typeof kbDecisionEmbed === "function") {
    kbDecisionEmbed(setup, memoryState);
  } else {
    document.querySelectorAll("section.decision").forEach(function (root) { setup(root, hashState()); });
    document.addEventListener("kb:page", function (e) {
      e.target.querySelectorAll("section.decision").forEach(function (root) { setup(root, hashState()); });
    });
  }
})();
