// Live updates (progressive enhancement: without this script every page is complete as served).
// On each incident event the page re-reads itself and swaps in the parts marked data-live, except one that holds
// the keyboard focus (someone is typing there). The page's own URL keeps the filters.
(function () {
  "use strict";
  if (!window.EventSource || !window.fetch || !window.DOMParser) return;
  var live = document.querySelectorAll("[data-live]");
  if (live.length === 0) return;
  var incident = document.body.getAttribute("data-incident");
  var url = "/events" + (incident ? "?incident=" + encodeURIComponent(incident) : "");
  var status = document.getElementById("live-status");
  var timer = null;
  var TYPES = ["incident.declared", "incident.alert-attached", "incident.alert-activity", "incident.alerts-resolved",
    "incident.severity-changed", "incident.escalated", "incident.responders-paged", "incident.commander-assigned",
    "incident.war-room-opened", "incident.acknowledged", "incident.status-changed", "incident.resolved",
    "incident.reopened", "diagnostics.collected", "diagnostics.updated", "runbook.started", "runbook.step-completed",
    "runbook.completed", "mitigation.applied", "mitigation.failed", "mitigation.approved", "recovery.verified",
    "recovery.failed", "comms.status-page-updated", "report.published", "pir.scheduled"
  ];

  function refresh() {
    timer = null;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (old) {
          var replacement = old.id && fresh.getElementById(old.id);
          if (!replacement || old.contains(document.activeElement)) return;
          old.replaceWith(document.importNode(replacement, true));
        });
        var freshStatus = fresh.getElementById("live-status");
        if (status && freshStatus) status.textContent = "Updated " + new Date().toLocaleTimeString() + ". " + freshStatus.textContent;
      })
      .catch(function () { /* the next event tries again */ });
  }

  var source = null;
  // A browser gives a host six HTTP/1.1 connections: a stream left open by a page the user left (the back-forward
  // cache keeps pages alive) would hold one of them, and a few navigations later the console's own requests queue
  // behind the streams. So a page streams only while it is shown.
  window.addEventListener("pagehide", function () {
    if (source) source.close();
    source = null;
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) schedule(); // back from the cache: catch up on what happened meanwhile
    if (!source) listen();
  });
  listen();

  function listen() {
    source = new EventSource(url, { withCredentials: true });
    source.onmessage = schedule;
    // named events (event: incident.declared ...) do not reach onmessage: listen to every type we show
    TYPES.forEach(function (type) { source.addEventListener(type, schedule); });
  }

  function schedule() {
    if (timer === null) timer = setTimeout(refresh, 250);
  }
})();
