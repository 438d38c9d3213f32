// Fit each kb decision-tree frame to its tree (see docs/embedding.md).
window.addEventListener("message", function (e) {
  var d = e.data;
  if (!d || d.type !== "kb-decision-tree:height" || typeof d.height !== "number") return;
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === e.source) {
      frames[i].style.height = Math.min(Math.max(Math.ceil(d.height), 50), 20000) + "px";
    }
  }
});
