// Kiosk: one tap on a field takes a number; a retried or doubled tap never gives two.
(function () {
  "use strict";
  var cfg = window.motcuaKiosk;
  var t = cfg.t;
  var root = document.getElementById("kiosk");
  var office = root.dataset.office;
  var lang = root.dataset.lang;
  var api = "/api/v1/offices/" + office;
  var message = document.getElementById("message");
  var screens = ["start", "ticket", "lookup", "guide", "priority", "consent"];
  var pending = null;      // {code, key, body, path}: retried with the same key
  var busy = false;
  var priority = null;     // {code, name, pin} while a helper gives a priority number
  var consentFor = null;   // the field waiting for the ID card step
  var lookupKind = "ticket";
  var idleTimer = null;
  var $ = function (id) { return document.getElementById(id); };

  function fill(text, n) { return text.replace("{n}", n).replace("{m}", n); }
  function waitText(s) {
    if (s === null || s === undefined) { return t.wait_unknown; }
    return s < 60 ? t.wait_short : fill(t.wait_about, Math.round(s / 60));
  }
  function say(text) { message.textContent = text || ""; }
  function show(name) {
    screens.forEach(function (s) { $(s).hidden = s !== name; });
    say("");
    armIdle();
  }
  // Done and Back keep the language; the idle timer hands the kiosk back to the next
  // citizen, in Vietnamese.
  function home() {
    priority = null; consentFor = null; pending = null;
    $("priority-banner").hidden = true;
    ["lookup-input", "guide-input", "pin-input", "scan-input"].forEach(function (id) {
      if ($(id)) { $(id).value = ""; }
    });
    $("lookup-result").textContent = ""; $("guide-result").textContent = "";
    show("start");
    reloadIfFree();
  }
  // The admin changed the office's texts or classes: take them in as soon as the
  // kiosk is free (its start screen, nobody in the middle of something).
  var stale = false;
  function reloadIfFree() {
    if (stale && !$("start").hidden && !priority) { window.location.reload(); }
  }
  function idle() {
    if (lang === "en") { window.location.href = window.location.pathname; return; }
    home();
  }
  function armIdle() {
    clearTimeout(idleTimer);
    if (!$("start").hidden && !priority) { return; }
    idleTimer = setTimeout(idle, cfg.state.idle_s * 1000);
  }
  document.addEventListener("pointerdown", armIdle, true);
  document.addEventListener("keydown", armIdle, true);

  function request(method, path, body, key) {
    var headers = { "Accept-Language": lang };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (key) { headers["Idempotency-Key"] = key; }
    return fetch(path, {
      method: method, credentials: "same-origin", headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; })
        .then(function (b) { return { status: r.status, body: b }; });
    });
  }

  // Tiles ------------------------------------------------------------------
  function drawTiles(services) {
    var tiles = $("tiles");
    tiles.textContent = "";
    var closed = 0;
    services.forEach(function (s) {
      var full = s.numbers_left === 0 || s.outside_hours;
      var b = document.createElement("button");
      b.type = "button"; b.className = "tile"; b.dataset.code = s.code;
      b.disabled = !s.open || full || busy;
      if (!s.open || full) { closed += 1; }
      var name = document.createElement("span");
      name.className = "tile-name"; name.textContent = s.name;
      var info = document.createElement("span");
      info.className = "tile-info";
      info.textContent = !s.open ? t.closed : s.outside_hours ? t.outside_hours : full ? t.cap :
        fill(t.waiting, s.waiting) + " · " + waitText(s.estimated_wait_s);
      b.appendChild(name); b.appendChild(info);
      tiles.appendChild(b);
    });
    $("still").hidden = closed === 0;
  }
  var loadTimer = null;
  function load() {
    clearTimeout(loadTimer);
    loadTimer = setTimeout(function () {
      request("GET", api + "/services").then(function (r) {
        if (r.status === 200) { drawTiles(r.body.services); }
      });
    }, 100);
  }
  drawTiles(cfg.state.services);
  $("tiles").addEventListener("click", function (e) {
    var tile = e.target.closest(".tile");
    if (!tile || tile.disabled || busy) { return; }
    if (offline()) { say(t.offline); return; }
    if (cfg.state.cccd && !priority) { consentFor = tile.dataset.code; openConsent(); return; }
    take(tile.dataset.code, null);
  });

  // Taking a number ----------------------------------------------------------
  function newKey() { return Date.now().toString(36) + Math.random().toString(36).slice(2); }
  function take(code, personId) {
    var body = { service: code, lang: lang };
    var path = api + "/tickets";
    if (priority) {
      body.priority = priority.code;
      if (priority.pin) { body.pin = priority.pin; path = api + "/priority-tickets"; }
    }
    if (personId) { body.person_id = personId; body.consent = true; }
    var same = pending && JSON.stringify(pending.body) === JSON.stringify(body);
    if (!same) { pending = { key: newKey(), body: body, path: path }; }
    busy = true;
    setTiles(true);
    say(t.busy);
    request("POST", pending.path, pending.body, pending.key).then(function (r) {
      busy = false; setTiles(false);
      if (r.status !== 201) {
        pending = null;
        say(r.body.error ? r.body.error.message : t.retry);
        if (r.status === 403 && priority && priority.pin) { priority = null; show("priority"); }
        load();
        return;
      }
      pending = null; priority = null;
      $("priority-banner").hidden = true;
      showTicket(r.body);
      load();
    }).catch(function () { busy = false; setTiles(false); say(t.retry); });
  }
  function setTiles(off) {
    Array.prototype.forEach.call(document.querySelectorAll(".tile"), function (b) {
      if (off) { b.dataset.was = b.disabled ? "1" : ""; b.disabled = true; }
      else if (b.dataset.was !== undefined) { b.disabled = b.dataset.was === "1"; }
    });
  }
  var shownTicket = null;
  function showTicket(ticket) {
    shownTicket = ticket.id;
    $("ticket-print").hidden = true;
    $("ticket-number").textContent = ticket.number;
    $("ticket-service").textContent = lang === "en" ? ticket.service.name_en : ticket.service.name;
    $("ticket-ahead").textContent = fill(t.ahead, ticket.ahead);
    $("ticket-wait").textContent = waitText(ticket.estimated_wait_s);
    var at = new Date(ticket.issued_at);
    var hhmm = ("0" + at.getHours()).slice(-2) + ":" + ("0" + at.getMinutes()).slice(-2);
    $("ticket-time").textContent = t.taken_at.replace("{t}", hhmm);
    $("ticket-qr").src = "/t/" + encodeURIComponent(ticket.id) + "/qr.svg";
    show("ticket");
  }
  $("done").addEventListener("click", home);
  Array.prototype.forEach.call(document.querySelectorAll(".back"), function (b) {
    b.addEventListener("click", home);
  });

  // ID card (with consent) -----------------------------------------------------
  function openConsent() { $("scan-form").hidden = true; show("consent"); }
  $("consent-no").addEventListener("click", function () { take(consentFor, null); });
  $("consent-yes").addEventListener("click", function () {
    $("scan-form").hidden = false; $("scan-input").value = ""; $("scan-input").focus();
  });
  $("scan-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var card = window.motcuaCccd.parse($("scan-input").value);
    $("scan-input").value = "";
    if (!card) { say(t.scan_bad); return; }
    take(consentFor, card.id);
  });

  // Priority ---------------------------------------------------------------------
  if ($("open-priority")) {
    $("open-priority").addEventListener("click", function () { show("priority"); });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".priority-class"), function (b) {
    b.addEventListener("click", function () {
      var pin = $("pin-input") ? $("pin-input").value : null;
      if (cfg.state.pin && !pin) { say(t.pin_prompt); $("pin-input").focus(); return; }
      priority = { code: b.dataset.class, name: b.textContent, pin: pin };
      $("priority-banner").textContent = t.priority + ": " + priority.name;
      $("priority-banner").hidden = false;
      show("start");
    });
  });

  // On-screen keyboards ----------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll(".keyboard"), function (kb) {
    var input = $(kb.dataset.target);
    kb.addEventListener("click", function (e) {
      var key = e.target.closest(".key");
      if (!key) { return; }
      var k = key.dataset.key;
      if (k === "back") { input.value = input.value.slice(0, -1); }
      else if (k === "clear") { input.value = ""; }
      else { input.value += k; }
    });
  });

  // Look-ups -------------------------------------------------------------------
  function setLookup(kind) {
    lookupKind = kind;
    $("by-ticket").setAttribute("aria-pressed", String(kind === "ticket"));
    $("by-dossier").setAttribute("aria-pressed", String(kind === "dossier"));
  }
  $("open-lookup").addEventListener("click", function () { show("lookup"); $("lookup-input").focus(); });
  $("by-ticket").addEventListener("click", function () { setLookup("ticket"); });
  $("by-dossier").addEventListener("click", function () { setLookup("dossier"); });
  function line(parent, label, value) {
    var p = document.createElement("p");
    if (label) { var b = document.createElement("strong"); b.textContent = label + ": "; p.appendChild(b); }
    p.appendChild(document.createTextNode(value));
    parent.appendChild(p);
  }
  function ticketResult(ticket) {
    var out = $("lookup-result"); out.textContent = "";
    var big = document.createElement("p"); big.className = "big-number"; big.textContent = ticket.number;
    out.appendChild(big);
    line(out, null, lang === "en" ? ticket.service.name_en : ticket.service.name);
    // The server words every status (done, no-show, moved...) in the kiosk's language.
    line(out, null, ticket.status_text || ticket.status);
  }
  function dossierResult(d) {
    var out = $("lookup-result"); out.textContent = "";
    line(out, null, d.code);
    if (d.procedure) { line(out, null, d.procedure); }
    line(out, t.dossier_status, d.status_text);
    if (d.due_date) { line(out, t.due, d.due_date.split("-").reverse().join("/")); }
    if (d.note) { line(out, null, d.note); }
  }
  function lookup(raw) {
    var value = raw.trim();
    if (/^LH-?[0-9A-Z]{6}$/i.test(value.replace(/\s/g, ""))) {  // a booking: check in
      request("POST", api + "/bookings/check-in", { code: value }).then(function (r) {
        if (r.status === 201) { showTicket(r.body); } else { say(r.body.error ? r.body.error.message : t.retry); }
      }).catch(function () { say(t.retry); });
      return;
    }
    var link = value.match(/\/t\/([A-Za-z0-9_-]+)/);
    var kind = link ? "link" : /^\d{1,4}$/.test(value) ? "ticket" :
      /[A-Za-z]\d\d-\d{6}-/.test(value) ? "dossier" : lookupKind;
    setLookup(kind === "dossier" ? "dossier" : "ticket");
    var path = kind === "link" ? "/api/v1/tickets/" + link[1] :
      kind === "ticket" ? api + "/tickets/by-number/" + encodeURIComponent(value || "0") :
      api + "/dossiers/" + encodeURIComponent(value.toUpperCase() || "-");
    $("lookup-result").textContent = "";
    if (kind === "ticket" && !/^\d{1,4}$/.test(value)) {
      say(t.lookup_hint); return;
    }
    request("GET", path).then(function (r) {
      if (r.status !== 200) { say(r.body.error ? r.body.error.message : t.retry); return; }
      say("");
      if (r.body.dossier) { dossierResult(r.body.dossier); } else { ticketResult(r.body); }
    }).catch(function () { say(t.retry); });
  }
  $("lookup-form").addEventListener("submit", function (e) {
    e.preventDefault(); lookup($("lookup-input").value);
  });

  // A scanner types fast and ends with Enter: on the start screen a ticket's or a
  // receipt's QR opens the look-up by itself.
  var scanned = "";
  document.addEventListener("keydown", function (e) {
    if (document.activeElement && document.activeElement.tagName === "INPUT") { return; }
    if (e.key === "Enter") {
      if (scanned.length > 3) { show("lookup"); $("lookup-input").value = scanned; lookup(scanned); }
      scanned = ""; return;
    }
    if (e.key.length === 1) { scanned = (scanned + e.key).slice(-200); }
  });

  // Procedure guide --------------------------------------------------------------
  var guideSeq = 0;
  function guide(q) {
    var mineSeq = ++guideSeq;  // a slower earlier answer must not replace a newer one
    request("GET", api + "/procedures?q=" + encodeURIComponent(q)).then(function (r) {
      if (mineSeq !== guideSeq) { return; }
      var out = $("guide-result"); out.textContent = "";
      var list = r.body.procedures || [];
      if (!list.length) { line(out, null, t.no_result); return; }
      list.forEach(function (p) {
        var card = document.createElement("article"); card.className = "procedure";
        var h = document.createElement("h3"); h.textContent = p.title; card.appendChild(h);
        line(card, null, lang === "en" ? p.service.name_en : p.service.name);
        line(card, t.papers, p.papers.join("; "));
        line(card, t.fee, p.fee);
        line(card, t.duration, p.duration);
        out.appendChild(card);
      });
    });
  }
  $("open-guide").addEventListener("click", function () { show("guide"); guide(""); });
  $("guide-form").addEventListener("submit", function (e) {
    e.preventDefault(); guide($("guide-input").value);
  });

  // Need help ----------------------------------------------------------------------
  $("help").addEventListener("click", function () {
    request("POST", api + "/help", {}).then(function (r) {
      say(r.status === 201 ? t.help_sent : (r.body.error ? r.body.error.message : t.retry));
    }).catch(function () { say(t.retry); });
  });

  // Printing happens after the number is given; a failure keeps the number on screen
  // longer and says plainly what to do. The ticket itself is never lost.
  function printChanged(data) {
    if (!data.ticket || data.ticket.id !== shownTicket || $("ticket").hidden) { return; }
    var job = data.job || {};
    var box = $("ticket-print");
    if (job.status === "failed") {
      box.textContent = t.print_failed; box.hidden = false;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(idle, cfg.state.idle_s * 3000);
    } else if (job.status === "queued" && job.attempts > 0) {
      box.textContent = t.print_retry; box.hidden = false;
    } else if (job.status === "printed") {
      box.hidden = true;
    }
  }
  // Fields, counters and the like come with the snapshot that follows; the words on
  // the page (welcome, notice, priority classes) need the page again, once it is free.
  var FROM_SNAPSHOT = ["services", "counters", "staff", "procedures", "booking", "voice",
    "display_ticker"];
  function officeChanged(data) {
    var names = (data && data.changed) || [];
    if (names.some(function (n) { return FROM_SNAPSHOT.indexOf(n) < 0; })) {
      stale = true; reloadIfFree();
    }
  }
  // No server, no number: say so plainly and send people to the staff.
  function offline() { return document.documentElement.getAttribute("data-connection") === "offline"; }
  document.addEventListener("motcua:connection", function (e) {
    $("kiosk-offline").hidden = e.detail.online;
    $("tiles").classList.toggle("unreachable", !e.detail.online);
  });
  window.motcuaLive("/kiosk", { office: office }, {
    snapshot: load,
    event: function (name, data) {
      if (name === "print.changed") { printChanged(data); return; }
      if (name === "office.changed") { officeChanged(data); return; }
      load();
    }
  });
})();
