// Kiosk: one tap on a field takes a number; a retried tap never gives two.
(function () {
  "use strict";
  var root = document.getElementById("kiosk");
  var office = root.dataset.office;
  var tiles = document.getElementById("tiles");
  var message = document.getElementById("message");
  var pending = null;
  function key() { return Date.now().toString(36) + Math.random().toString(36).slice(2); }
  function wait(s) {
    if (s === null) { return "Chưa có quầy mở"; }
    return s < 60 ? "Chờ dưới 1 phút" : "Chờ khoảng " + Math.round(s / 60) + " phút";
  }
  function drawTiles(services) {
    tiles.textContent = "";
    services.forEach(function (s) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "tile";
      b.disabled = !s.open;
      b.textContent = s.name;
      var small = document.createElement("small");
      small.textContent = s.waiting + " người đang chờ · " + wait(s.estimated_wait_s);
      b.appendChild(document.createElement("br"));
      b.appendChild(small);
      b.addEventListener("click", function () { take(s.code); });
      tiles.appendChild(b);
    });
  }
  function load() {
    fetch("/api/v1/offices/" + office + "/services", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (body) { if (body.services) { drawTiles(body.services); } });
  }
  function take(code) {
    if (!pending || pending.code !== code) { pending = { code: code, key: key() }; }
    fetch("/api/v1/offices/" + office + "/tickets", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Idempotency-Key": pending.key },
      body: JSON.stringify({ service: code, lang: "vi" })
    }).then(function (r) { return r.json().then(function (b) { return [r.status, b]; }); })
      .then(function (res) {
        if (res[0] !== 201) { message.textContent = res[1].error.message; return; }
        pending = null;
        show(res[1]);
      })
      .catch(function () { message.textContent = "Mất kết nối, vui lòng chạm lại."; });
  }
  function show(t) {
    message.textContent = "";
    document.getElementById("ticket-number").textContent = t.number;
    document.getElementById("ticket-service").textContent = t.service.name;
    document.getElementById("ticket-wait").textContent =
      "Còn " + t.ahead + " người trước bạn · " + wait(t.estimated_wait_s);
    document.getElementById("ticket").hidden = false;
    tiles.hidden = true;
    setTimeout(back, 20000);
  }
  function back() { document.getElementById("ticket").hidden = true; tiles.hidden = false; }
  document.getElementById("done").addEventListener("click", back);
  load();
  window.motcuaLive("/kiosk", { office: office }, { snapshot: function (s) { drawTiles(s.services); },
    event: function () { load(); } });
})();
