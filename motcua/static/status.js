// A citizen's phone: where the ticket is in the queue, and where to go when called.
(function () {
  "use strict";
  var ticket = window.motcuaTicket;
  var state = document.getElementById("state");
  function minutes(s) { return s < 60 ? "dưới 1 phút" : "khoảng " + Math.round(s / 60) + " phút"; }
  function render(t) {
    ticket = t;
    var text;
    if (t.status === "waiting") {
      text = "Đang chờ. Còn " + t.ahead + " người trước bạn" +
        (t.estimated_wait_s === null ? "." : ", " + minutes(t.estimated_wait_s) + ".");
    } else if (t.status === "called" || t.status === "serving") {
      text = "Mời bạn đến " + t.counter.name + ".";
    } else if (t.status === "done") {
      text = "Đã phục vụ xong. Cảm ơn bạn.";
    } else if (t.status === "no_show") {
      text = "Bạn đã được gọi nhưng chưa có mặt. Hãy đến quầy để được hướng dẫn.";
    } else {
      text = "Số này đã bị huỷ.";
    }
    state.textContent = text;
    state.className = t.status === "called" ? "error" : "";
  }
  function refresh() {
    fetch("/api/v1/tickets/" + ticket.id).then(function (r) { return r.json(); }).then(render);
  }
  render(ticket);
  window.motcuaLive("/status", { ticket: ticket.id }, {
    snapshot: render,
    event: function (name, data) {
      if (data && data.ticket && data.ticket.number === ticket.number &&
          data.ticket.service.code === ticket.service.code) { refresh(); return; }
      if (ticket.status === "waiting") { refresh(); }
    }
  });
})();
