// kb serve's live reload. kb serve adds this script to the HTML it serves
// (never to the built files), with the id of the build the page comes from in
// data-build. The server sends the id of every new build on the event stream
// /_kb/events; a different id means the page is out of date: reload it. A
// failed build is a new build too: the page reloads and shows its errors.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-build") : "";
  var events = new EventSource("/_kb/events");
  events.addEventListener("build", function (e) {
    if (e.data !== shown) {
      events.close();
      location.reload();
    }
  });

  // The errors of a failed build cover the page: let the reader hide them.
  var panel = document.getElementById("kb-serve-error");
  var hide = document.getElementById("kb-serve-dismiss");
  if (panel && hide) {
    hide.addEventListener("click", function () {
      panel.hidden = true;
    });
  }
})();
