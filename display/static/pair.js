// Pairing page: ask the server every few seconds whether an admin entered our code.
(function () {
  "use strict";
  var root = document.getElementById("pair");
  var every = parseInt(root.dataset.pollMs, 10) || 2000;
  var ends = Date.now() + (parseInt(root.dataset.left, 10) || 0) * 1000;
  var badge = document.getElementById("offline");
  var status = document.getElementById("pair-status");
  function offline(down) { if (badge) { badge.hidden = !down; } }
  function minutesLeft() {
    var left = Math.max(0, Math.ceil((ends - Date.now()) / 60000));
    document.getElementById("pair-left").textContent = window.motcuaWord("pair.left", { m: left });
  }
  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/pair/claim");
    xhr.timeout = 10000;
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      offline(!body);
      if (body && body.status === "paired") {
        status.textContent = window.motcuaWord("pair.paired");
        window.location.replace(body.url);
        return;
      }
      if (body && body.status === "expired") { window.location.reload(); return; }
      setTimeout(poll, every);
    };
    xhr.onerror = xhr.ontimeout = function () { offline(true); setTimeout(poll, every); };
    xhr.send();
    minutesLeft();
  }
  setTimeout(poll, every);
})();
