// Counter console: sign in, then one click or one key per action.
(function () {
  "use strict";
  var root = document.getElementById("console");
  var office = root.dataset.office;
  var message = document.getElementById("message");
  var token = null, counter = null, current = null;
  var KEYS = { n: "call-next", r: "recall", s: "start", f: "finish", v: "no-show" };
  function api(method, path, body) {
    return fetch("/api/v1" + path, {
      method: method,
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      if (r.status === 204) { return null; }
      return r.json().then(function (b) { if (!r.ok) { throw b.error; } return b; });
    });
  }
  function showCurrent(t) {
    current = t;
    document.getElementById("current").textContent = t ? t.number : "—";
  }
  function act(action) {
    message.textContent = "";
    var p = action === "call-next"
      ? api("POST", "/offices/" + office + "/counters/" + counter + "/call-next")
      : current ? api("POST", "/tickets/" + current.id + "/" + action) : Promise.resolve(current);
    p.then(function (t) {
      if (action === "call-next" && !t) { message.textContent = "Không có ai đang chờ."; }
      showCurrent(t && (t.status === "called" || t.status === "serving") ? t : null);
    }).catch(function (e) { message.textContent = e.message || "Lỗi kết nối"; });
  }
  function drawWaiting(services) {
    var ul = document.getElementById("waiting");
    ul.textContent = "";
    services.forEach(function (s) {
      var li = document.createElement("li");
      li.textContent = s.name + ": " + s.waiting;
      ul.appendChild(li);
    });
  }
  function start() {
    document.getElementById("signin").hidden = true;
    document.getElementById("work").hidden = false;
    document.getElementById("counter-title").textContent = "Quầy " + counter;
    window.motcuaLive("/counter", { office: office, token: token }, {
      snapshot: function (s) {
        drawWaiting(s.services);
        s.counters.forEach(function (c) { if (c.number === counter) { showCurrent(c.ticket); } });
      },
      event: function (name, data) {
        if (!data.ticket) { return; }
        api("GET", "/offices/" + office + "/snapshot").then(function (s) { drawWaiting(s.services); });
      }
    });
  }
  document.getElementById("signin").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var form = ev.target;
    counter = parseInt(form.counter.value, 10);
    fetch("/api/v1/auth/token", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: form.username.value, password: form.password.value })
    }).then(function (r) { return r.json(); }).then(function (b) {
      if (!b.token) { message.textContent = b.error.message; return; }
      token = b.token;
      start();
    });
  });
  document.querySelectorAll("[data-action]").forEach(function (b) {
    b.addEventListener("click", function () { act(b.dataset.action); });
  });
  document.addEventListener("keydown", function (ev) {
    if (!token || ev.target.tagName === "INPUT") { return; }
    var action = KEYS[ev.key.toLowerCase()];
    if (action) { ev.preventDefault(); act(action); }
  });
})();
