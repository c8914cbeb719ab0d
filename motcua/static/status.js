// A citizen's phone: where the ticket is in the queue, and where to go when called.
(function () {
  "use strict";
  var ticket = window.motcuaTicket;
  var en = document.getElementById("status").dataset.lang === "en";
  var state = document.getElementById("state");
  var card = document.getElementById("state-card");
  var timer = null;
  function render(next) {
    var was = ticket.status;
    ticket = next;
    // The server says it for every status, in the page's language.
    state.textContent = next.status_text || next.status;
    card.className = next.status === "called" ? "card called" : "card";
    // Once called, "keep your ticket until called" no longer holds.
    document.getElementById("keep-ticket").hidden = next.status !== "waiting";
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
      fetch("/api/v1/tickets/" + ticket.id, { headers: { "Accept-Language": en ? "en" : "vi" } })
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
    snapshot: refresh,  // fetched again: the answer carries the page's words
    event: function (name, data) {
      if (mine(data) || ticket.status === "waiting" || ticket.status === "called") {
        refresh();
      }
    }
  });
})();
