// kb serve's live reload. kb serve adds this script to the HTML it serves
// (never to the built files), with the id of the build the page comes from in
// data-build. The server sends the id of every new build on the event stream
// /_kb/events; a different id means the page is out of date: reload it. A
// failed build is a new build too: the page reloads and shows its errors.
//
// A browser opens at most six connections to a server, and an event stream
// holds one for as long as the page is open: with one stream per page, the
// seventh page would never load. So the pages share one stream, held by a
// shared worker (/_kb/worker.js); a browser without shared workers opens one
// per page.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-build") : "";
  var reloading = false;

  function build(id) {
    if (id !== shown && !reloading) {
      reloading = true;
      location.reload();
    }
  }

  if (typeof SharedWorker === "function") {
    var port = new SharedWorker("/_kb/worker.js", { name: "kb-serve" }).port;
    port.addEventListener("message", function (e) {
      build(e.data);
    });
    port.start();
  } else {
    var events = new EventSource("/_kb/events");
    events.addEventListener("build", function (e) {
      build(e.data);
    });
  }

  // The errors of a failed build cover the page: let the reader hide them.
  var panel = document.getElementById("kb-serve-error");
  var hide = document.getElementById("kb-serve-dismiss");
  if (panel && hide) {
    hide.addEventListener("click", function () {
      panel.hidden = true;
    });
  }
})();
