// Live state over Socket.IO: a snapshot on connect, enveloped events after it, and a
// fresh snapshot whenever the office's seq jumps (a missed event), the heartbeat says
// the office is further on than we are, or the admin changed the office.
//
// Events that arrive while a snapshot is awaited are held, then those newer than the
// snapshot are applied after it: nothing is lost between the two, nothing applied twice.
// A ticket's status page hears only of its own ticket and of the queue moving, so a
// jump in the office's seq says nothing there: it follows its ticket's "mark" instead
// (in its snapshot, its own events and its heartbeat), and asks again only when the
// heartbeat's mark differs from one at least as new as the page's.
// Connection state: <html data-connection="online|offline"> and a "motcua:connection"
// event on document ({detail: {online}}), for pages that must say what cannot be done.
(function () {
  "use strict";
  var RETRY_MIN_MS = 300;        // a server restarting on the LAN answers within seconds:
  var RETRY_MAX_MS = 1500;       // try often, so pages are right again quickly
  var REFUSED_MAX_MS = 5000;     // refused (a revoked device, a database down): slower
  var SNAPSHOT_WAIT_MS = 6000;
  var HEARTBEAT_GRACE_MS = 1500; // an event committed just before the beat is on its way
  var SHELL = "motcua-shell-v1"; // the service worker's cache of pages and static files

  function $(id) { return document.getElementById(id); }
  var online = null;
  function setOnline(up) {
    if (up === online) { return; }
    online = up;
    document.documentElement.setAttribute("data-connection", up ? "online" : "offline");
    if ($("offline")) { $("offline").hidden = up; }
    if (typeof window.CustomEvent === "function") {
      document.dispatchEvent(new CustomEvent("motcua:connection", { detail: { online: up } }));
    }
  }
  // The full screen shown by a page that has not had its live state yet (say, opened
  // from the cache while the server is down).
  function connecting(on) { if ($("connecting")) { $("connecting").hidden = !on; } }

  function envSeq(env) {
    if (typeof env.seq === "number") { return env.seq; }
    return env.data && typeof env.data.seq === "number" ? env.data.seq : null;
  }

  function live(namespace, auth, handlers) {
    var seq = null;          // the office's last seq applied here
    var syncing = true;      // a snapshot is awaited: events wait in held
    var held = [];
    var asking = false;
    var everSynced = false;
    var low = 0;             // heartbeats in a row below our seq (the office was reset)
    var mark = null;         // a status page: what it shows of its ticket,
    var markSeq = 0;         // and the seq it was read at
    var refusedDelay = 0;
    var connection = 0;      // bumped on each disconnect: late answers are ignored
    var socket = io(namespace, {
      auth: auth,
      // Staff screens speak the office's language, not the browser's.
      query: { lang: document.documentElement.lang || "vi" },
      transports: ["websocket"],
      reconnectionDelay: RETRY_MIN_MS,
      reconnectionDelayMax: RETRY_MAX_MS,
      randomizationFactor: 0.3,
      timeout: 5000
    });

    function apply(name, env) {
      if (seq !== null && env.seq <= seq) { return; } // already in the snapshot
      var gap = seq !== null && env.seq > seq + 1 && mark === null;
      seq = env.seq;
      if (typeof env.mark === "string") { mark = env.mark; markSeq = env.seq; }
      if (handlers.event) { handlers.event(name, env.data, env); }
      if (gap || name === "office.changed") { ask(); }
    }
    function release() {
      syncing = false;
      var waiting = held;
      held = [];
      waiting.sort(function (a, b) { return a[1].seq - b[1].seq; });
      waiting.forEach(function (e) { apply(e[0], e[1]); });
    }
    function takeSnapshot(env) {
      if (!env || !env.data) { release(); return; }
      var s = envSeq(env);
      if (s !== null) { seq = s; }
      if (typeof env.mark === "string") { mark = env.mark; markSeq = s || 0; }
      low = 0;
      everSynced = true;
      connecting(false);
      handlers.snapshot(env.data);
      release();
    }
    function ask() {
      if (asking || !socket.connected) { return; }
      asking = true;
      syncing = true;
      var mine = connection;
      socket.timeout(SNAPSHOT_WAIT_MS).emit("snapshot", { office: auth.office || null },
        function (err, env) {
          if (mine !== connection) { return; } // asked on a connection since lost
          asking = false;
          if (err || !env) { release(); } else { takeSnapshot(env); }
        });
    }
    // The ticket's own heartbeat: read after our mark and different, once an event
    // on its way has had time to come.
    function markBeat(beat) {
      function stale() { return !syncing && beat.seq >= markSeq && beat.mark !== mark; }
      if (stale()) { setTimeout(function () { if (stale()) { ask(); } }, HEARTBEAT_GRACE_MS); }
    }
    function heartbeat(beat) {
      if (!beat || typeof beat.seq !== "number" || syncing) { return; }
      if (typeof beat.mark === "string") { markBeat(beat); return; }
      if (auth.office && beat.office !== auth.office) { return; }
      if (seq !== null && beat.seq < seq) {
        low += 1;  // once may be a beat read just before our last event; twice is a reset
        if (low >= 2) { ask(); }
        return;
      }
      low = 0;
      if (seq !== null && beat.seq === seq) { return; }
      setTimeout(function () {
        if (!syncing && (seq === null || seq < beat.seq)) { ask(); }
      }, HEARTBEAT_GRACE_MS);
    }

    socket.on("connect", function () {
      refusedDelay = 0;
      setOnline(true);
      // The server sends the snapshot before it confirms the connection: if none came
      // (it failed to read one), ask for it.
      if (syncing) { ask(); }
    });
    socket.on("disconnect", function (reason) {
      setOnline(false);
      connection += 1;
      syncing = true; held = []; asking = false;
      // Sent away by the server (it restarts, or no longer knows us): ask again, and
      // a refusal then tells the page why.
      if (reason === "io server disconnect") { retryLater(); }
    });
    function retryLater() {
      refusedDelay = Math.min(refusedDelay ? refusedDelay * 2 : 1000, REFUSED_MAX_MS);
      setTimeout(function () { if (!socket.connected) { socket.connect(); } }, refusedDelay);
    }
    socket.on("connect_error", function () {
      setOnline(false);
      if (!everSynced) { connecting(true); }
      // Refused by the server (say, while it restarts): socket.io gives up, we don't.
      if (!socket.active) {
        retryLater();
        if (handlers.refused) { handlers.refused(); }
      }
    });
    socket.on("snapshot", takeSnapshot);
    socket.on("heartbeat", heartbeat);
    socket.onAny(function (name, env) {
      if (name === "snapshot" || name === "heartbeat") { return; }
      if (!env || typeof env.seq !== "number") { return; }
      if (syncing) { held.push([name, env]); return; }
      apply(name, env);
    });
    // A fresh snapshot on demand, e.g. to refresh estimated waits now and then.
    socket.refresh = ask;
    return socket;
  }

  // Pages keep working when the server is down as they load: a service worker at the
  // root keeps a copy of each live page and its static files (never API answers).
  function offlineCopy() {
    if (!("serviceWorker" in navigator) || !window.caches) { return; }
    var viaWorker = !!navigator.serviceWorker.controller; // then it kept the copies
    navigator.serviceWorker.register("/sw.js").then(function () {
      if (viaWorker) { return; }
      var urls = [location.pathname + location.search];
      Array.prototype.forEach.call(document.querySelectorAll("script[src], link[rel=stylesheet]"),
        function (el) {
          var url = el.src || el.href;
          if (url && url.indexOf(location.origin + "/static/") === 0) { urls.push(url); }
        });
      return caches.open(SHELL).then(function (cache) { return cache.addAll(urls); });
    }).catch(function () { /* no copy: the page still works while it stays open */ });
  }
  offlineCopy();

  window.motcuaConnecting = connecting;
  window.motcuaLive = live;
})();
