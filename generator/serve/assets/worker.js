// kb serve's shared worker: one event stream for every page of the site open
// in the browser (see reload.js). It passes each build id to every page, and
// the last one to a page as it connects.
//
// Pages are not told apart when they go: a port of a page that has gone
// ignores messages, and a page that comes back from the back-forward cache
// still gets them.
"use strict";
var ports = [];
var last = null;
var events = new EventSource("/_kb/events");
events.addEventListener("build", function (e) {
  last = e.data;
  ports.forEach(function (port) {
    port.postMessage(last);
  });
});
self.addEventListener("connect", function (e) {
  var port = e.ports[0];
  ports.push(port);
  if (last !== null) {
    port.postMessage(last);
  }
});
