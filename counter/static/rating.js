// Rating terminal of one counter: shows who is served; after "finish", 5 levels for
// about 30 s; 3 or fewer asks for a reason. The device token is in a cookie.
(function () {
  "use strict";
  var root = document.getElementById("rating");
  var office = root.dataset.office, number = parseInt(root.dataset.counter, 10);
  var $ = function (id) { return document.getElementById(id); };
  var ASK_S = 30, ticket = null, score = null, timer = null, left = 0;

  function only(id) { ["idle", "ask", "why", "thanks"].forEach(function (s) { $(s).hidden = s !== id; }); }
  var current = null;
  function serving(t) {
    current = t || null;
    $("serving").textContent = t ? t.number : "—";
    $("serving-line").hidden = !t;
    if (!ticket) { only("idle"); }
  }
  function stop() { if (timer) { clearInterval(timer); timer = null; } }
  function idle() { stop(); ticket = null; score = null; only("idle"); }
  function ask(t) {
    stop();
    ticket = t; score = null; left = ASK_S;
    $("ask-number").textContent = t.number;
    $("countdown").textContent = left;
    document.querySelectorAll("[data-reason]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    $("message").textContent = "";
    only("ask");
    timer = setInterval(function () {
      left -= 1;
      $("countdown").textContent = left;
      if (left <= 0) { if (score !== null) { send(); } else { idle(); } }
    }, 1000);
  }
  function chosenReasons() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-reason]"), function (b) {
      return b.getAttribute("aria-pressed") === "true";
    }).map(function (b) { return b.dataset.reason; });
  }
  function send() {
    if (!ticket || score === null) { return; }
    var body = { score: score };
    var reasons = chosenReasons();
    if (reasons.length) { body.reasons = reasons; }
    var id = ticket.id;
    stop();
    fetch("/api/v1/tickets/" + encodeURIComponent(id) + "/rating", {
      method: "POST", headers: { "Content-Type": "application/json" },
      credentials: "same-origin", body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (b) { if (!r.ok && b.error.code !== "already_rated") { throw b.error; } });
    }).then(function () {
      only("thanks");
      ticket = null;
      setTimeout(function () { if (!ticket) { idle(); } }, 5000);
    }).catch(function (e) { $("message").textContent = e.message || window.motcuaWord("rating.not_sent"); idle(); });
  }
  function choose(value) {
    if (!ticket) { return; }
    score = value;
    if (score <= 3) { only("why"); document.querySelector("[data-reason]").focus(); } else { send(); }
  }
  document.querySelectorAll("[data-score]").forEach(function (b) {
    b.addEventListener("click", function () { choose(parseInt(b.dataset.score, 10)); });
  });
  document.querySelectorAll("[data-reason]").forEach(function (b) {
    b.addEventListener("click", function () {
      b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
    });
  });
  $("send").addEventListener("click", send);
  document.addEventListener("keydown", function (ev) {
    if (!$("ask").hidden && /^[1-5]$/.test(ev.key)) { ev.preventDefault(); choose(parseInt(ev.key, 10)); }
  });
  function mine(data) { return data && data.counter && data.counter.number === number; }
  window.motcuaLive("/counter", { office: office }, {
    snapshot: function (s) { serving(s.counter && s.counter.ticket); },
    event: function (name, data) {
      var gone = data && data.ticket && current && data.ticket.id === current.id &&
        ["waiting", "no_show", "cancelled"].indexOf(data.ticket.status) >= 0;
      if (gone) { serving(null); }
      if (!mine(data)) { return; }
      if (name === "ticket.called" || name === "ticket.recalled" || name === "ticket.started") {
        serving(data.ticket);
      } else if (name === "ticket.finished") {
        serving(null);
        ask(data.ticket);
      } else if (name === "ticket.no_show" || name === "ticket.transferred" || name === "ticket.cancelled") {
        serving(null);
      }
    }
  });
})();
