// Lobby board: drawn from each snapshot, kept current by events, announces calls.
// A display limited to a zone (its device's "counters" setting) draws and announces
// only those counters; the server sends it the whole office.
(function () {
  "use strict";
  var board = document.getElementById("board");
  var office = board.dataset.office;
  var zone = JSON.parse(board.dataset.zone || "null");
  var RECENT = 4;
  var FLASH_MS = 12000;
  var REFRESH_MS = 120000;
  var word = window.motcuaWord;
  var state = null;
  var latest = null;      // {number, counter, name}: what is said, or was last
  var flashUntil = 0;
  var perPerson = {};     // seconds of wait per person ahead, per field
  var skew = 0;           // server clock minus ours, ms
  var offsetMin = null;   // the office's UTC offset, minutes
  // What the server last said of its clock, kept: a board opened while the server is
  // down still shows the office's time, not the TV's own zone.
  try {
    var kept = JSON.parse(localStorage.getItem("motcua.clock") || "null");
    if (kept) { skew = kept.skew || 0; offsetMin = kept.offsetMin; }
  } catch (e) { /* no storage: the TV's clock until the server answers */ }

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function inZone(number) { return !zone || zone.indexOf(number) >= 0; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Office-local time from the server's clock, whatever the TV's clock and zone say.
  function tick() {
    var now = new Date(Date.now() + skew);
    var shown = offsetMin === null ? now
      : new Date(now.getTime() + (offsetMin + now.getTimezoneOffset()) * 60000);
    $("clock").textContent = pad(shown.getHours()) + ":" + pad(shown.getMinutes());
    $("date").textContent = word("board.day_" + shown.getDay()) + ", " + pad(shown.getDate()) + "/" +
      pad(shown.getMonth() + 1) + "/" + shown.getFullYear();
    if (flashUntil && Date.now() > flashUntil) { flashUntil = 0; drawCounters(); }
  }
  function syncClock(iso) {
    var t = Date.parse(iso || "");
    if (isNaN(t)) { return; }
    skew = t - Date.now();
    var m = /([+-])(\d\d):(\d\d)$/.exec(iso);
    offsetMin = m ? (m[1] === "-" ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3], 10)) : null;
    try { localStorage.setItem("motcua.clock", JSON.stringify({ skew: skew, offsetMin: offsetMin })); } catch (e) { /* kept in memory only */ }
    tick();
  }

  var UNSTAFFED = word("board.unstaffed");  // no clerk at any counter of the field
  function minutes(seconds) {
    if (seconds === null || seconds === undefined) { return "—"; }
    if (seconds < 60) { return word("board.now"); }
    var m = Math.round(seconds / 60);
    return m < 120 ? word("board.minutes", { m: m }) : word("board.hours", { h: Math.round(m / 60) });
  }

  function counterLine(c) {
    if (c.state === "paused") { return c.pause_reason ? word("board.paused_because", { reason: c.pause_reason }) : word("board.paused"); }
    if (c.ticket) { return c.ticket.service.name; }
    return word(c.staffed === false ? "board.no_clerk" : "board.ready");
  }

  // What a citizen holding a number needs to find their counter: its fields.
  function counterFields(c) {
    if (c.services.length >= state.services.length) { return board.dataset.allFields; }
    var names = {};
    state.services.forEach(function (s) { names[s.code] = s.name_vi || s.name; });
    return c.services.map(function (code) { return names[code] || code; }).join(", ");
  }

  function drawCounters() {
    var box = $("counters");
    var list = state.counters.filter(function (c) { return inZone(c.number); });
    box.textContent = "";
    box.className = "tv-counters cols-" + (list.length <= 4 ? 2 : list.length <= 9 ? 3 : 4);
    list.forEach(function (c) {
      var tile = el("article", "tv-counter");
      tile.id = "counter-" + c.number;
      if (c.state === "paused") { tile.className += " paused"; }
      if (latest && latest.counter === c.number && c.ticket && c.ticket.number === latest.number) {
        tile.className += " latest" + (flashUntil ? " flash" : "");
      }
      tile.appendChild(el("p", "tv-counter-name", c.name));
      tile.appendChild(el("p", "tv-counter-fields", counterFields(c)));
      tile.appendChild(el("p", "tv-counter-number", c.ticket ? c.ticket.number : "—"));
      tile.appendChild(el("p", "tv-counter-line", counterLine(c)));
      box.appendChild(tile);
    });
  }

  function drawLatest() {
    $("latest-number").textContent = latest ? latest.number : "—";
    $("latest-counter").textContent = latest ? "→ " + latest.name : "";
  }

  function drawRecent() {
    var ol = $("recent");
    ol.textContent = "";
    state.recent_calls.slice(0, RECENT).forEach(function (r) {
      var li = el("li", "tv-recent-item");
      li.appendChild(el("span", "tv-recent-number", r.ticket));
      li.appendChild(el("span", "tv-recent-counter", r.counter ? r.counter.name : ""));
      ol.appendChild(li);
    });
  }

  function zoneServices() {
    if (!zone) { return null; }
    var codes = {};
    state.counters.forEach(function (c) {
      if (inZone(c.number)) { c.services.forEach(function (s) { codes[s] = true; }); }
    });
    return codes;
  }

  // Fields with people waiting get a row; the others share one line, so nine
  // fields fit on the screen.
  function drawWaiting() {
    var body = $("waiting");
    var codes = zoneServices();
    var idle = [];
    body.textContent = "";
    state.services.forEach(function (s) {
      if (!s.open || (codes && !codes[s.code])) { return; }
      if (!s.waiting && s.staffed !== false) { idle.push(s.name_vi || s.name); return; }
      var tr = el("tr");
      tr.id = "waiting-" + s.code;
      tr.appendChild(el("th", "tv-field", s.name_vi || s.name));
      tr.appendChild(el("td", "tv-count", String(s.waiting)));
      tr.appendChild(el("td", "tv-wait", s.staffed === false ? UNSTAFFED : minutes(s.estimated_wait_s)));
      body.appendChild(tr);
    });
    $("waiting-rest").textContent = idle.length ? word("board.no_wait", { fields: idle.join(", ") }) : "";
    fitWaiting();
  }

  // Every waiting field stays on screen: the list's type shrinks until it fits.
  function fitWaiting() {
    var box = document.querySelector(".tv-waiting"), table = box.querySelector("table");
    var size = window.innerHeight * 0.026, least = window.innerHeight * 0.014;
    table.style.fontSize = size + "px";
    while (box.scrollHeight > box.clientHeight + 1 && size > least) {
      size *= 0.94;
      table.style.fontSize = size + "px";
      $("waiting-rest").style.fontSize = size * 0.9 + "px";
    }
  }

  function draw() { drawCounters(); drawLatest(); drawRecent(); drawWaiting(); }

  // Calls and recalls said (or already made when the board opened), by number,
  // counter and the ticket's count of calls and recalls, which every call and every
  // recall moves on: each is said once, whether its event came or only a snapshot.
  var heard = {}, heardOrder = [];
  function firstHeard(number, counter, calls) {
    var key = number + "@" + counter + "@" + calls;
    if (heard[key]) { return false; }
    heard[key] = true;
    heardOrder.push(key);
    if (heardOrder.length > 200) { delete heard[heardOrder.shift()]; }
    return true;
  }

  // Calls and recalls a snapshot shows that no event told us of (missed while the
  // connection was down, or an event lost): said now, oldest first, once, without
  // the chime, if made within the catch-up bound.
  function sayMissed(s, opening) {
    var at = Date.parse(s.at || "");
    s.recent_calls.slice().reverse().forEach(function (r) {
      if (!firstHeard(r.ticket, r.counter.number, r.calls) || opening) { return; }
      var age = at - Date.parse(r.recalled_at || r.called_at || "");
      if (r.status !== "called" || !r.announcement || !(age <= speaker.calls.maxLagMs)) { return; }
      var a = r.announcement;
      speaker.say({
        ticket: r.ticket + "@" + r.counter.number, number: r.ticket,
        counter: r.counter.number, name: r.counter.name, late: true,
        recall: !!r.recalled_at, since: Date.now() - Math.max(0, age),
        audio: a.audio, audio_url: a.audio_url, text: a.text
      });
    });
  }

  function fromSnapshot(s) {
    s.recent_calls = s.recent_calls.filter(function (r) { return r.counter && inZone(r.counter.number); });
    var opening = state === null;
    state = s;
    syncClock(s.at);
    s.services.forEach(function (f) {
      if (f.waiting && f.estimated_wait_s !== null) { perPerson[f.code] = f.estimated_wait_s / f.waiting; }
    });
    // While calls are being said, the panel stays with the voice.
    var r = s.recent_calls[0];
    if (!speaker.calls.size()) {
      latest = r ? { number: r.ticket, counter: r.counter.number, name: r.counter.name } : null;
    }
    draw();
    sayMissed(s, opening);
  }

  function findCounter(number) {
    for (var i = 0; i < state.counters.length; i++) {
      if (state.counters[i].number === number) { return state.counters[i]; }
    }
    return null;
  }

  // The tiles change at once; the "Mời số" panel when the call is said.
  function called(data, recall) {
    var c = data.counter && findCounter(data.counter.number);
    if (!c || !inZone(c.number)) { return; }
    // A counter shows one citizen: the ticket it called last.
    state.counters.forEach(function (o) { if (o.ticket && o.ticket.id === data.ticket.id) { o.ticket = null; } });
    c.ticket = data.ticket;
    state.recent_calls = state.recent_calls.filter(function (r) {
      return !(r.ticket === data.ticket.number && r.counter && r.counter.number === c.number);
    });
    state.recent_calls.unshift({ ticket: data.ticket.number, counter: data.counter, service: data.ticket.service.code });
    draw();
    // Said already from a snapshot that came first (every recall has a count of its own).
    if (!firstHeard(data.ticket.number, c.number, data.calls)) { return; }
    var a = data.announcement || {};
    speaker.say({
      ticket: data.ticket.number + "@" + c.number, number: data.ticket.number,
      counter: c.number, name: c.name,
      recall: recall, audio: a.audio, audio_url: a.audio_url,
      text: a.text || word("board.call", { number: data.ticket.number, counter: c.name })
    });
  }

  function saying(call) {
    announcement.hidden = !call;
    announcement.textContent = call ? call.text : "";
    document.body.setAttribute("data-speaking", call ? "1" : "0");
    if (!call) { return; }
    latest = { number: call.number, counter: call.counter, name: call.name };
    flashUntil = Date.now() + FLASH_MS;
    drawCounters();
    drawLatest();
  }

  function ticketChanged(data) {
    state.counters.forEach(function (c) {
      if (!c.ticket || c.ticket.id !== data.ticket.id) { return; }
      c.ticket = data.ticket.status === "serving" || data.ticket.status === "called" ? data.ticket : null;
    });
    drawCounters();
  }

  function counterChanged(data) {
    var c = data.counter && findCounter(data.counter.number);
    if (!c) { return; }
    c.state = data.counter.state;
    c.pause_reason = data.counter.pause_reason;
    // A clerk came or left: the fields' waits change with it.
    if (c.staffed !== data.counter.staffed) { refreshWaits(); }
    c.staffed = data.counter.staffed;
    c.name = data.counter.name;
    drawCounters();
    staffingChanged();
  }

  // A clerk came or left: a field is served while a staffed counter serves it. Its
  // wait comes with the next snapshot (fetching one now would upset announcements).
  function staffingChanged() {
    state.services.forEach(function (s) {
      var served = state.counters.some(function (c) {
        return c.staffed && c.services.indexOf(s.code) >= 0;
      });
      if (served !== s.staffed) { s.staffed = served; s.estimated_wait_s = null; }
    });
    drawWaiting();
  }

  function waitingChanged(waiting) {
    state.services.forEach(function (s) {
      if (!(s.code in waiting)) { return; }
      s.waiting = waiting[s.code];
      if (perPerson[s.code] !== undefined) { s.estimated_wait_s = Math.round(perPerson[s.code] * s.waiting); }
    });
    drawWaiting();
  }

  function onEvent(name, data) {
    if (name === "office.changed") { loadConfig(); return; }
    if (!state || !data) { return; }
    if (name === "ticket.called" || name === "ticket.recalled") { called(data, name === "ticket.recalled"); }
    else if (name === "counter.changed") { counterChanged(data); }
    else if (data.ticket) { ticketChanged(data); }
    if (data.waiting) { waitingChanged(data.waiting); }
  }

  // Waiting counts and waits from the server, without a snapshot: events that come
  // meanwhile are applied (and their calls said), none dropped as already known.
  function refreshWaits() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/v1/offices/" + encodeURIComponent(office) + "/services");
    xhr.onload = function () {
      if (xhr.status !== 200 || !state) { return; }
      var fresh = {};
      JSON.parse(xhr.responseText).services.forEach(function (f) { fresh[f.code] = f; });
      state.services.forEach(function (s) {
        var f = fresh[s.code];
        if (!f) { return; }
        s.waiting = f.waiting; s.estimated_wait_s = f.estimated_wait_s; s.staffed = f.staffed;
        s.open = f.open;
        if (f.waiting && f.estimated_wait_s !== null) { perPerson[s.code] = f.estimated_wait_s / f.waiting; }
      });
      drawWaiting();
    };
    xhr.send();
  }

  // What the admin may change while the board runs: the ticker and the name.
  function loadConfig() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/o/" + encodeURIComponent(office) + "/display/config.json");
    xhr.onload = function () {
      if (xhr.status !== 200) { return; }
      var cfg = JSON.parse(xhr.responseText);
      $("office-name").textContent = cfg.office_name;
      $("ticker-text").textContent = cfg.ticker;
      $("ticker").hidden = !cfg.ticker;
      if (JSON.stringify(cfg.zone) !== JSON.stringify(zone)) { window.location.reload(); }
    };
    xhr.send();
  }

  // Refused sockets: a revoked device reloads into the "not paired" page; anything
  // else (a server starting up, a database hiccup) is simply retried.
  function checkPaired() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/o/" + encodeURIComponent(office) + "/display/config.json");
    xhr.onload = function () {
      if (xhr.status === 401 || xhr.status === 403) { window.location.reload(); }
    };
    xhr.send();
  }

  var announcement = $("announcement");
  var soundButton = $("sound-on");
  var speaker = new window.MotcuaSpeaker({
    show: saying,
    prompt: function (on) {
      soundButton.hidden = !on;
      document.body.setAttribute("data-sound", on ? "blocked" : "plays");
    },
    queued: function (n) { document.body.setAttribute("data-queued", String(n)); },
    layout: JSON.parse(board.dataset.audio)
  });
  soundButton.addEventListener("click", function () { speaker.unlock(); });
  speaker.probe();

  window.addEventListener("resize", function () { if (state) { fitWaiting(); } });
  setInterval(tick, 1000);
  tick();
  var socket = window.motcuaLive("/display", { office: office }, {
    snapshot: function (s) { fromSnapshot(s); loadConfig(); },
    event: onEvent,
    refused: checkPaired
  });
  // Estimated waits drift with service times: redraw them from the server now and then.
  setInterval(refreshWaits, REFRESH_MS + Math.random() * 20000);
})();
