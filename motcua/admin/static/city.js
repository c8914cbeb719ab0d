// The city view: refresh every office's figures every 10 s; show the offline badge when
// the server cannot be reached.
(function () {
  "use strict";
  var badge = document.getElementById("offline");
  function minutes(s) { return s === null ? "—" : window.motcuaWord("admin_city.minutes", { m: Math.round(s / 60) }); }
  function percent(x) { return x === null ? "—" : String(Math.round(x * 1000) / 10).replace(".", ",") + "%"; }
  function set(row, cls, text) { var cell = row.querySelector("." + cls); if (cell) { cell.textContent = text; } }
  function draw(data) {
    data.offices.forEach(function (o) {
      var row = document.querySelector('tr[data-office="' + o.slug + '"]');
      if (!row) { return; }
      set(row, "waiting", o.waiting);
      set(row, "open", o.open + "/" + o.counters);
      set(row, "serving", o.serving.map(function (s) { return s.ticket + "→" + s.counter; }).join(" "));
      set(row, "issued", o.issued); set(row, "served", o.served); set(row, "no_show", o.no_show);
      set(row, "wait", minutes(o.wait_s.p50)); set(row, "share", percent(o.ratings.satisfied_share));
    });
  }
  function poll() {
    fetch("city.json", { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { badge.hidden = true; draw(data); })
      .catch(function () { badge.hidden = false; });
  }
  setInterval(poll, 10000);
})();
