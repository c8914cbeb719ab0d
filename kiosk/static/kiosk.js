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
  var screens = ["start", "ticket", "assistant", "lookup", "guide", "priority", "consent"];
  var READING = ["assistant", "lookup", "guide", "priority", "consent"];
  var pending = null;      // {code, key, body, path}: retried with the same key
  var busy = false;
  var priority = null;     // {code, name, pin, request} while a priority number is asked
  var consentFor = null;   // the field waiting for the ID card step
  var lookupKind = "ticket";
  var current = "start";
  var history = [];        // screens to go back to
  var $ = function (id) { return document.getElementById(id); };

  function fill(text, n) { return text.replace("{n}", n).replace("{m}", n); }
  function waitText(s) {
    if (s === null || s === undefined) { return t.wait_unknown; }
    return s < 60 ? t.wait_short : fill(t.wait_about, Math.round(s / 60));
  }
  // Nobody waiting yet a wait: the counters are busy (with this field's citizen
  // being served, or with other fields); "0 waiting, 55 min" read as a contradiction.
  function queueText(s) {
    return s.waiting === 0 && s.estimated_wait_s >= 60 ? t.none_waiting_busy : fill(t.waiting, s.waiting);
  }

  function say(text) { message.textContent = text || ""; armIdle(); }
  function show(name, keep) {
    if (!keep && name !== current && current !== "ticket") { history.push(current); }
    if (name === "start" || name === "ticket") { history = []; }
    current = name;
    screens.forEach(function (s) { $(s).hidden = s !== name; });
    $("nav-back").disabled = name === "start" && !priority;
    message.textContent = "";
    armIdle();
    window.scrollTo(0, 0);
  }
  function back() {
    if (current === "start" && priority) { priority = null; $("priority-banner").hidden = true; show("priority", true); return; }
    var to = history.pop();
    if (!to || to === "start") { home(); return; }
    show(to, true);
  }
  // Done and Back keep the language; the idle timer hands the kiosk back to the next
  // citizen, in Vietnamese.
  function home() {
    priority = null; consentFor = null; pending = null; history = [];
    $("priority-banner").hidden = true;
    ["lookup-input", "guide-input", "pin-input", "scan-input", "assistant-input"].forEach(function (id) {
      if ($(id)) { $(id).value = ""; }
    });
    ["lookup-result", "guide-result", "assistant-result"].forEach(function (id) { $(id).textContent = ""; });
    show("start", true);
    reloadIfFree();
  }
  // The admin changed the office's texts or classes: take them in as soon as the
  // kiosk is free (its start screen, nobody in the middle of something).
  var stale = false;
  function reloadIfFree() {
    if (stale && current === "start" && !priority) { window.location.reload(); }
  }

  // Idle: reading screens wait long and ask "Bạn cần thêm thời gian?" with a countdown
  // before going back; the ticket screen goes back sooner; a message on the start
  // screen is cleared before the next citizen.
  var idleTimer = null, warnTimer = null, tick = null, idleLong = false;
  function idle() {
    hideWarning();
    if (lang === "en") { window.location.href = window.location.pathname; return; }
    home();
  }
  function idleSeconds() {
    if (current === "ticket") {  // no paper ticket: more time to note the number
      if (idleLong) { return cfg.state.idle_s * 3; }
      return cfg.state.printer ? cfg.state.idle_s : cfg.state.idle_s * 2;
    }
    if (current === "start") {
      if (priority) { return cfg.state.read_idle_s; }
      return message.textContent ? cfg.state.idle_s : 0;
    }
    return cfg.state.read_idle_s;
  }
  function armIdle() {
    clearTimeout(idleTimer); clearTimeout(warnTimer); hideWarning();
    var total = idleSeconds();
    if (!total) { return; }
    var warn = READING.indexOf(current) >= 0 || priority ? Math.min(cfg.state.warn_s, total) : 0;
    idleTimer = setTimeout(idle, total * 1000);
    if (warn) { warnTimer = setTimeout(function () { showWarning(warn); }, (total - warn) * 1000); }
  }
  // What had the keyboard before the question: it gets it back with more time.
  var focusBefore = null;
  function showWarning(seconds) {
    focusBefore = document.activeElement;
    var left = seconds;
    var text = function () { $("idle-text").textContent = fill(t.more_time_text, left); };
    text();
    $("idle-warning").hidden = false;
    $("more-time").focus();
    tick = setInterval(function () { left = Math.max(0, left - 1); text(); }, 1000);
  }
  function hideWarning() {
    clearInterval(tick);
    var shown = !$("idle-warning").hidden;
    $("idle-warning").hidden = true;
    var back = focusBefore; focusBefore = null;
    if (shown && back && back !== document.body && document.contains(back)) { back.focus(); }
  }
  document.addEventListener("pointerdown", armIdle, true);
  document.addEventListener("keydown", armIdle, true);
  $("more-time").addEventListener("click", armIdle);
  // The tap that answers the question hides it (armIdle, above): it must not also
  // take the keyboard away from the box the citizen was typing in.
  $("idle-warning").addEventListener("pointerdown", function (e) { e.preventDefault(); });

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
  function errorText(r) {
    if (r.status >= 500 || !r.body.error) { return t.offline; }
    return r.body.error.message;
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
        queueText(s) + " · " + waitText(s.estimated_wait_s);
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
      }).catch(function () {});
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
      else if (priority.request) { path = api + "/priority-requests"; }
    }
    if (personId) { body.person_id = personId; body.consent = true; }
    var same = pending && pending.path === path && JSON.stringify(pending.body) === JSON.stringify(body);
    if (!same) { pending = { key: newKey(), body: body, path: path }; }
    busy = true;
    setTiles(true);
    say(t.busy);
    request("POST", pending.path, pending.body, pending.key).then(function (r) {
      busy = false; setTiles(false);
      if (r.status !== 201) {
        pending = null;
        say(errorText(r));
        if (r.status === 403 && priority && priority.pin) {
          priority = null; $("priority-banner").hidden = true;
          var text = message.textContent; show("priority", true); say(text);
        }
        load();
        return;
      }
      var asked = !!(priority && priority.request);
      pending = null; priority = null;
      $("priority-banner").hidden = true;
      showTicket(r.body, asked);
      load();
    }).catch(function () { busy = false; setTiles(false); say(t.offline); });
  }
  function setTiles(off) {
    Array.prototype.forEach.call(document.querySelectorAll(".tile"), function (b) {
      if (off) { b.dataset.was = b.disabled ? "1" : ""; b.disabled = true; }
      else if (b.dataset.was !== undefined) { b.disabled = b.dataset.was === "1"; }
    });
  }
  var shownTicket = null;
  function showTicket(ticket, priorityAsked) {
    shownTicket = ticket.id;
    idleLong = false;
    $("ticket-print").hidden = true;
    if ($("ticket-take")) { $("ticket-take").hidden = false; }
    $("ticket-priority").hidden = !priorityAsked;
    $("ticket-number").textContent = ticket.number;
    $("ticket-service").textContent = lang === "en" ? ticket.service.name_en : ticket.service.name;
    // English says "1 person"; Vietnamese has one form.
    $("ticket-ahead").textContent = fill(ticket.ahead === 1 && t.ahead_one ? t.ahead_one : t.ahead, ticket.ahead);
    $("ticket-wait").textContent = waitText(ticket.estimated_wait_s);
    // The office's time as the server wrote it, never the kiosk PC's clock.
    var hhmm = String(ticket.issued_at || "").slice(11, 16);
    $("ticket-time").textContent = t.taken_at.replace("{t}", hhmm);
    $("ticket-qr").src = "/t/" + encodeURIComponent(ticket.id) + "/qr.svg";
    show("ticket");
  }
  $("done").addEventListener("click", home);
  $("nav-home").addEventListener("click", function () { hideWarning(); home(); });
  $("nav-back").addEventListener("click", back);

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

  // Priority: the citizen picks a group, staff confirm it (or a helper's PIN grants it,
  // or the office lets citizens choose), then the field as usual.
  if ($("open-priority")) {
    $("open-priority").addEventListener("click", function () { show("priority"); });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".priority-class"), function (b) {
    b.addEventListener("click", function () {
      var pin = $("pin-input") ? $("pin-input").value : "";
      priority = {
        code: b.dataset.class, name: b.textContent, pin: pin || null,
        request: !pin && !cfg.state.self_priority
      };
      $("priority-banner").textContent = t.priority_field + " · " + priority.name;
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
  function line(parent, label, value, cls) {
    var p = document.createElement("p");
    if (cls) { p.className = cls; }
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
        if (r.status === 201) { showTicket(r.body, false); } else { say(errorText(r)); }
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
      say(t.lookup_number); return;
    }
    request("GET", path).then(function (r) {
      if (r.status !== 200) { say(r.body.error ? r.body.error.message : t.retry); return; }
      message.textContent = "";
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

  // A procedure, with one button to take a number in its field ----------------------
  function takeButton(service) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "action primary take-here";
    b.textContent = t.take_in.replace("{field}", service.name);
    b.dataset.code = service.code;
    b.addEventListener("click", function () {
      var tile = document.querySelector('.tile[data-code="' + service.code + '"]');
      if (tile && tile.disabled) { show("start"); say(t.closed); return; }
      if (cfg.state.cccd) { consentFor = service.code; openConsent(); return; }
      take(service.code, null);
    });
    return b;
  }
  function procedureCard(p) {
    var card = document.createElement("article"); card.className = "procedure";
    var h = document.createElement("h3"); h.textContent = p.title; card.appendChild(h);
    line(card, t.service, lang === "en" ? p.service.name_en : p.service.name);
    line(card, t.papers, p.papers.join("; "));
    line(card, t.fee, p.fee);
    line(card, t.duration, p.duration);
    if (!p.checked) { line(card, null, t.to_check, "to-check"); }
    if (p.source) { line(card, t.source, p.source, "source"); }
    card.appendChild(takeButton({ code: p.service.code, name: lang === "en" ? p.service.name_en : p.service.name }));
    return card;
  }

  // Procedure guide --------------------------------------------------------------
  var guideSeq = 0;
  function guide(q) {
    var mineSeq = ++guideSeq;  // a slower earlier answer must not replace a newer one
    request("GET", api + "/procedures?q=" + encodeURIComponent(q)).then(function (r) {
      if (mineSeq !== guideSeq) { return; }
      var out = $("guide-result"); out.textContent = "";
      var list = r.body.procedures || [];
      if (!list.length) { line(out, null, t.no_result); return; }
      list.forEach(function (p) { out.appendChild(procedureCard(p)); });
    }).catch(function () { say(t.retry); });
  }
  $("open-guide").addEventListener("click", function () { show("guide"); guide(""); });
  $("guide-form").addEventListener("submit", function (e) {
    e.preventDefault(); guide($("guide-input").value);
  });

  // Ask the assistant -------------------------------------------------------------
  var askSeq = 0;
  function ask(q) {
    var mineSeq = ++askSeq;
    var out = $("assistant-result");
    request("GET", api + "/assistant?q=" + encodeURIComponent(q)).then(function (r) {
      if (mineSeq !== askSeq) { return; }
      out.textContent = "";
      if (r.status !== 200) { say(errorText(r)); return; }
      var answers = r.body.answers || [];
      if (!answers.length) { line(out, null, t.assistant_none); return; }
      var best = answers[0];
      line(out, t.answer_field, best.service.name, "lead");
      if (best.procedure) { out.appendChild(procedureCard(best.procedure)); }
      else { out.appendChild(takeButton(best.service)); }
      if (answers.length > 1) {
        line(out, null, t.other_fields);
        // Each with the title of the procedure it answers, so the citizen sees why.
        answers.slice(1).forEach(function (a) {
          var item = document.createElement("div"); item.className = "also";
          if (a.procedure) { line(item, null, a.procedure.title, "also-title"); }
          item.appendChild(takeButton(a.service));
          out.appendChild(item);
        });
      }
      out.scrollIntoView({ block: "start" });
    }).catch(function () { say(t.retry); });
  }
  $("open-assistant").addEventListener("click", function () { show("assistant"); });
  $("assistant-form").addEventListener("submit", function (e) {
    e.preventDefault(); ask($("assistant-input").value);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".example"), function (b) {
    b.addEventListener("click", function () { $("assistant-input").value = b.textContent; ask(b.textContent); });
  });

  // Need help ----------------------------------------------------------------------
  $("help").addEventListener("click", function () {
    request("POST", api + "/help", {}).then(function (r) {
      say(r.status === 201 ? t.help_sent : errorText(r));
    }).catch(function () { say(t.retry); });
  });

  // Printing happens after the number is given; a failure keeps the number on screen
  // longer and says plainly what to do. The ticket itself is never lost.
  function printChanged(data) {
    if (!data.ticket || data.ticket.id !== shownTicket || current !== "ticket") { return; }
    var job = data.job || {};
    var box = $("ticket-print");
    if (job.status === "failed") {
      box.textContent = t.print_failed; box.hidden = false;
      if ($("ticket-take")) { $("ticket-take").hidden = true; }
      idleLong = true; armIdle();
    } else if (job.status === "queued" && job.attempts > 0) {
      box.textContent = t.print_retry; box.hidden = false;
    } else if (job.status === "printed") {
      box.hidden = true;
    }
  }
  show("start", true);
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
