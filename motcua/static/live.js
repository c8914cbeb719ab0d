// Live state over Socket.IO: a snapshot on connect, enveloped events after it, and a
// fresh snapshot whenever the office's seq jumps (a missed event) or we reconnect.
(function () {
  "use strict";
  function live(namespace, auth, handlers) {
    var badge = document.getElementById("offline");
    var seq = null;
    var socket = io(namespace, {
      auth: auth,
      // Staff screens speak the office's language, not the browser's.
      query: { lang: document.documentElement.lang || "vi" },
      transports: ["websocket"],
      reconnectionDelay: 500,
      reconnectionDelayMax: 8000
    });
    function offline(down) { if (badge) { badge.hidden = !down; } }
    function takeSnapshot(env) {
      if (env && env.data) {
        if (typeof env.data.seq === "number") { seq = env.data.seq; }
        handlers.snapshot(env.data);
      }
    }
    var retry = 0;
    socket.on("connect", function () { retry = 0; offline(false); });
    socket.on("disconnect", function () { offline(true); });
    socket.on("connect_error", function () {
      offline(true);
      // Refused by the server (say, while it restarts): socket.io gives up, we don't.
      if (!socket.active) {
        retry = Math.min(retry ? retry * 2 : 1000, 30000);
        setTimeout(function () { socket.connect(); }, retry);
        if (handlers.refused) { handlers.refused(); }
      }
    });
    socket.on("snapshot", takeSnapshot);
    socket.onAny(function (name, env) {
      if (name === "snapshot" || !env || typeof env.seq !== "number") { return; }
      if (seq !== null && env.seq <= seq) { return; } // already in the snapshot
      var gap = seq !== null && env.seq > seq + 1;
      if (seq === null || env.seq > seq) { seq = env.seq; }
      if (handlers.event) { handlers.event(name, env.data, env); }
      if (gap && auth.office) { socket.emit("snapshot", { office: auth.office }, takeSnapshot); }
    });
    // A fresh snapshot on demand, e.g. to refresh estimated waits now and then.
    socket.refresh = function () {
      if (socket.connected && auth.office) {
        socket.emit("snapshot", { office: auth.office }, takeSnapshot);
      }
    };
    return socket;
  }
  window.motcuaLive = live;
})();
