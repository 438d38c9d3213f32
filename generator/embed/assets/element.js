  // The custom element <kb-decision-tree tree="ID" base="URL"> (package
  // embed). This part of kb-decision-tree.js follows the trees, the
  // stylesheet and decision.js, which handed its setup over through
  // kbDecisionEmbed. base, optional, is the address of the site, for the
  // links to its articles; without it they lead to the site this script was
  // loaded from.
  var script = document.currentScript;
  var scriptURL = script && script.src ? script.src : "";
  var sheet = null;
  var policy = null;

  // The trees' HTML is kb's own, escaped when the site was built; where the
  // page requires Trusted Types, it passes through a policy of this name.
  function trustedHTML(html) {
    if (window.trustedTypes && !policy) {
      try {
        policy = window.trustedTypes.createPolicy("kb-decision-tree", { createHTML: function (s) { return s; } });
      } catch (e) { /* the page does not allow the policy; try the plain string */ }
    }
    return policy ? policy.createHTML(html) : html;
  }

  function stylesheet() {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    return sheet;
  }

  class KbDecisionTree extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return; // moved, not new
      var shadow = this.attachShadow({ mode: "open" });
      shadow.adoptedStyleSheets = [stylesheet()];
      var id = this.getAttribute("tree") || "";
      var tree = Object.prototype.hasOwnProperty.call(trees, id) ? trees[id] : null;
      if (!tree) {
        var p = document.createElement("p");
        p.className = "decision-error";
        p.textContent = "kb-decision-tree: no decision tree \"" + id + "\"; the trees are " + Object.keys(trees).join(", ") + ".";
        shadow.appendChild(p);
        return;
      }
      var base = this.getAttribute("base");
      var from = base ? new URL("embed/", new URL(base.replace(/\/?$/, "/"), document.baseURI)).href : (scriptURL || document.baseURI);
      var template = document.createElement("template");
      template.innerHTML = trustedHTML(tree);
      template.content.querySelectorAll("a[href]").forEach(function (a) {
        var href = a.getAttribute("href");
        if (href.charAt(0) !== "#") a.setAttribute("href", new URL(href, from).href);
      });
      shadow.appendChild(template.content);
      setupTree(shadow.querySelector("section.decision"), memoryState());
    }
  }
  if (!customElements.get("kb-decision-tree")) customElements.define("kb-decision-tree", KbDecisionTree);
