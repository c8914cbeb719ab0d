// Lobby board: redrawn from each snapshot; calls update the row of their counter.
(function () {
  "use strict";
  var board = document.getElementById("board");
  var office = board.dataset.office;
  var state = null;
  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text; tr.appendChild(td); }
  function draw() {
    var tbody = document.getElementById("counters");
    tbody.textContent = "";
    state.counters.forEach(function (c) {
      var tr = document.createElement("tr");
      tr.id = "counter-" + c.number;
      cell(tr, c.name);
      cell(tr, c.ticket ? c.ticket.number : (c.state === "paused" ? "Tạm dừng" : "—"));
      tbody.appendChild(tr);
    });
    var waiting = document.getElementById("waiting");
    waiting.textContent = "";
    state.services.forEach(function (s) {
      var li = document.createElement("li");
      li.textContent = s.name + ": " + s.waiting;
      waiting.appendChild(li);
    });
  }
  function called(data) {
    state.counters.forEach(function (c) {
      if (data.counter && c.number === data.counter.number) { c.ticket = data.ticket; }
    });
    draw();
    var row = document.getElementById("counter-" + data.counter.number);
    if (row) { row.className = "latest"; }
    var text = data.announcement ? data.announcement.text : "Mời số " + data.ticket.number;
    document.getElementById("announcement").textContent = text;
    var li = document.createElement("li");
    li.textContent = data.ticket.number + " → " + data.counter.name;
    var recent = document.getElementById("recent");
    recent.insertBefore(li, recent.firstChild);
  }
  function tick() { document.getElementById("clock").textContent = new Date().toLocaleTimeString("vi-VN"); }
  setInterval(tick, 1000);
  tick();
  window.motcuaLive("/display", { office: office }, {
    snapshot: function (s) { state = s; draw(); },
    event: function (name, data) {
      if (!state) { return; }
      if (name === "ticket.called" || name === "ticket.recalled") { called(data); }
      if (data.waiting) {
        state.services.forEach(function (s) { if (s.code in data.waiting) { s.waiting = data.waiting[s.code]; } });
        draw();
      }
    }
  });
})();
