// A citizen's phone: where the ticket is in the queue, and where to go when called.
(function () {
  "use strict";
  var ticket = window.motcuaTicket;
  var t = window.motcuaTexts;
  var en = document.getElementById("status").dataset.lang === "en";
  var state = document.getElementById("state");
  var ahead = document.getElementById("ahead");
  var wait = document.getElementById("wait");
  var card = document.getElementById("state-card");
  var timer = null;
  function fill(text, n) { return text.replace("{n}", n).replace("{m}", n).replace("{counter}", n); }
  function waitText(s) {
    if (s === null || s === undefined) { return t.wait_unknown; }
    return s < 60 ? t.wait_short : fill(t.wait_about, Math.round(s / 60));
  }
  function render(next) {
    var was = ticket.status;
    ticket = next;
    var counter = next.counter ? next.counter.name : "";
    ahead.textContent = next.status === "waiting" ? fill(t.ahead, next.ahead) : "";
    wait.textContent = next.status === "waiting" ? waitText(next.estimated_wait_s) : "";
    if (next.status === "waiting") { state.textContent = t.waiting; }
    else if (next.status === "called") { state.textContent = fill(t.called, counter); }
    else if (next.status === "serving") { state.textContent = fill(t.serving, counter); }
    else { state.textContent = t[next.status] || next.status; }
    card.className = next.status === "called" ? "card called" : "card";
    document.getElementById("service").textContent =
      en ? next.service.name_en || next.service.name : next.service.name;
    if (next.status === "called" && was !== "called" && navigator.vibrate) {
      navigator.vibrate([300, 200, 300]);
    }
  }
  function refresh() {
    if (timer) { return; }
    timer = setTimeout(function () {
      timer = null;
      fetch("/api/v1/tickets/" + ticket.id)
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { if (body) { render(body); } });
    }, 150);
  }
  function mine(data) {
    return data && data.ticket && data.ticket.number === ticket.number &&
      data.ticket.service && data.ticket.service.code === ticket.service.code;
  }
  render(ticket);
  window.motcuaLive("/status", { ticket: ticket.id }, {
    snapshot: render,
    event: function (name, data) {
      if (mine(data) || ticket.status === "waiting" || ticket.status === "called") {
        refresh();
      }
    }
  });
})();
