// Staff: today's bookings by slot and field, check-ins and no-shows; refreshed often.
(function () {
  "use strict";
  var root = document.getElementById("bookings");
  var office = root.dataset.office;
  var STORE = "motcua.counter." + office;  // the console's sign-in serves here too
  var $ = function (id) { return document.getElementById(id); };
  var words = window.motcuaWords, word = window.motcuaWord;
  // A status in the page's words, or as the server sent it when it has none.
  function named(group, status) { return words[group + status] === undefined ? status : word(group + status); }
  function token() { return (JSON.parse(sessionStorage.getItem(STORE) || "{}")).token; }
  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text; tr.appendChild(td); }
  function draw(body) {
    var f = body.figures;
    $("figures").textContent = word("booking_staff.figures", f);
    var tbody = $("list").querySelector("tbody"); tbody.textContent = "";
    body.bookings.forEach(function (b) {
      var tr = document.createElement("tr");
      cell(tr, b.slot_at ? b.slot_at.slice(11, 16) : word("booking_staff.today_remote"));
      cell(tr, b.service.name); cell(tr, b.code); cell(tr, b.person || "");
      cell(tr, named("booking_staff.status_", b.status));
      cell(tr, b.ticket ? b.ticket.number + " (" + named("ticket_state.", b.ticket.status) + ")" : "");
      tbody.appendChild(tr);
    });
    $("list").hidden = false;
    var outbox = $("outbox").querySelector("tbody"); outbox.textContent = "";
    (body.outbox || []).forEach(function (m) {
      var tr = document.createElement("tr");
      cell(tr, m.at); cell(tr, m.to); cell(tr, m.text);
      outbox.appendChild(tr);
    });
    $("outbox-card").hidden = !(body.outbox || []).length;
  }
  function load() {
    fetch("/api/v1/offices/" + office + "/bookings", { headers: { Authorization: "Bearer " + token() } })
      .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (r) {
        if (r.status === 401) { $("signin").hidden = false; return; }
        if (r.status !== 200) { $("message").textContent = r.body.error.message; return; }
        $("message").textContent = ""; draw(r.body);
      }).catch(function () { $("message").textContent = word("booking_staff.offline"); });
  }
  $("signin").addEventListener("submit", function (e) {
    e.preventDefault();
    fetch("/api/v1/auth/token", { method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": "vi" },
      body: JSON.stringify({ username: $("username").value, password: $("password").value }) })
      .then(function (r) { return r.json(); }).then(function (b) {
        if (!b.token) { $("message").textContent = b.error.message; return; }
        sessionStorage.setItem(STORE, JSON.stringify({ token: b.token })); $("signin").hidden = true; load();
      });
  });
  load(); setInterval(load, 15000);
})();
