// kb decision-tree embed (package embed): in a frame, tell the parent page
// the height of this document whenever it changes, so that the page can fit
// the frame to the tree:
//
//   {type: "kb-decision-tree:height", tree: "ID", height: N}
//
// N is the height in CSS pixels, a whole number. Nothing else is sent and no
// message is read. The target origin is "*": the frame is sandboxed without
// allow-same-origin and cannot know the page's origin, and the height is no
// secret.
(function () {
  "use strict";
  if (window.parent === window) return;
  var root = document.querySelector("section.decision");
  var tree = root ? root.getAttribute("data-tree") : "";
  var last = -1;
  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last || height === 0) return; // 0: not laid out yet
    last = height;
    window.parent.postMessage({ type: "kb-decision-tree:height", tree: tree, height: height }, "*");
  }
  if (window.ResizeObserver) {
    new ResizeObserver(post).observe(document.documentElement);
  } else {
    ["load", "resize", "hashchange", "click"].forEach(function (e) { window.addEventListener(e, post); });
  }
  post();
})();
