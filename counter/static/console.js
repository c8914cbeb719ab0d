// Counter console: sign in, pick a counter, then one click or one key per action.
// Commands go over the /counter socket with an id; a command with no answer is sent
// again with the same id after a reconnect, and the server answers it only once.
(function () {
  "use strict";
  var root = document.getElementById("console");
  var office = root.dataset.office;
  // Messages in the office's language, whatever language the browser prefers.
  var LANG = document.documentElement.lang || "vi";
  var STORE = "motcua.counter." + office;
  var $ = function (id) { return document.getElementById(id); };
  var message = $("message");
  var saved = JSON.parse(sessionStorage.getItem(STORE) || "{}");
  var token = saved.token || null, counter = saved.counter || null;
  var socket = null, state = null, refreshTimer = null;
  var seen = 0, acked = 0;  // the office's highest seq seen; commands answered so far
  var KEYS = { n: "call-next", r: "recall", s: "start", f: "finish", v: "no-show", q: "return", i: "reprint" };
  var FORMS = { c: "transfer", g: "call", u: "priority", h: "dossier" };
  var word = window.motcuaWord;  // the page's words, in the office's language
  // What each done command says: "console.done_" + the action, "{number}" filled in.
  var DONE = ["call-next", "recall", "start", "finish", "no-show", "return", "transfer",
    "call", "priority", "dossier"];
  function priorityName(priority) {  // what people read for a priority class
    return window.motcuaWords["priority." + priority] === undefined ? priority : word("priority." + priority);
  }
  function statusName(status) {
    return window.motcuaWords["ticket_state." + status] === undefined ? status : word("ticket_state." + status);
  }

  // How a recent ticket left this counter: a transfer says where to, whatever
  // became of the ticket since.
  function handedOn(t) {
    var to = t.transferred_to;
    if (to) { return word(to.counter ? "console.recent_to_counter" : "console.recent_to_field", { to: to.name }); }
    return statusName(t.outcome || t.status);
  }

  function save() { sessionStorage.setItem(STORE, JSON.stringify({ token: token, counter: counter })); }
  function show(id) { ["signin", "pick", "work"].forEach(function (s) { $(s).hidden = s !== id; }); }
  function say(text, bad) { message.textContent = text; message.className = bad ? "message error" : "message"; }
  function minutes(s) { return s === null || s === undefined ? "—" : s < 60 ? word("console.under_minute") : word("console.minutes", { m: Math.round(s / 60) }); }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) { e.textContent = text; } if (cls) { e.className = cls; } return e; }

  function api(method, path, body) {
    return fetch("/api/v1" + path, {
      method: method,
      headers: { "Content-Type": "application/json", "Accept-Language": LANG, "Authorization": "Bearer " + token },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      if (r.status === 204) { return null; }
      return r.json().then(function (b) { if (!r.ok) { b.error.status = r.status; throw b.error; } return b; });
    });
  }

  // --- commands over the socket, retried with the same id -----------------------
  var pending = {};
  function newId() { return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10); }
  function send(cmd) {
    return new Promise(function (resolve) {
      var tries = 0;
      function attempt() {
        tries += 1;
        if (!socket || !socket.connected) { pending[cmd.id] = attempt; return; }
        socket.timeout(6000).emit("command", cmd, function (err, answer) {
          if (!err) { delete pending[cmd.id]; resolve(answer); return; }
          if (tries < 3) { pending[cmd.id] = attempt; if (socket.connected) { attempt(); } return; }
          delete pending[cmd.id];
          resolve({ ok: false, error: { code: "timeout", message: word("console.not_sent") } });
        });
      }
      attempt();
    });
  }
  function resend() { Object.keys(pending).forEach(function (id) { var f = pending[id]; delete pending[id]; f(); }); }

  // One command at a time: while one waits for its answer the buttons are off and
  // further presses are dropped, never queued behind it (a stall must not turn
  // into several calls once it passes).
  var busy = false, slowTimer = null, calledAt = 0;
  var SLOW_MS = 1500;
  // A second press of "Xong, gọi tiếp" this soon after a call is a double press, not
  // a citizen served in a blink: it is dropped.
  var DOUBLE_PRESS_MS = 1000;
  function setBusy(on) {
    busy = on;
    document.querySelectorAll("#actions button, form.form button[type=submit]").forEach(function (b) { b.disabled = on; });
    root.classList.toggle("busy", on);
    if (slowTimer) { clearTimeout(slowTimer); slowTimer = null; }
    if (on) { slowTimer = setTimeout(slowNote, SLOW_MS); }
  }
  // Offline, the press is held until the connection is back: the server is not slow.
  function slowNote() {
    say(socket && socket.connected
      ? word("console.slow")
      : word("console.offline_held"), true);
  }

  function command(action, args) {
    if (busy) { return Promise.resolve({ ok: false, dropped: true, error: { code: "busy" } }); }
    var cmd = Object.assign({ id: newId(), action: action }, args || {});
    say(word("console.working"));
    setBusy(true);
    return send(cmd).then(function (answer) {
      setBusy(false);
      if (!answer.ok) { say(answer.error.message, true); refresh(); return answer; }
      var t = answer.result;
      if (action === "call-next" && !t) { say(word(args && args.current ? "console.done_none_waiting" : "console.none_waiting")); }
      else if (action === "pause") { say(word("console.paused")); }
      else if (action === "resume") { say(word("console.resumed")); }
      else if (action === "reprint") { say(word("console.reprint_sent")); }
      else if (t && DONE.indexOf(action) >= 0) { say(word("console.done_" + action.replace("-", "_"), { number: t.number })); }
      if (["call-next", "call", "recall", "start"].indexOf(action) >= 0 && t) { drawCurrent(t); }
      if ((action === "call-next" || action === "call") && t) { calledAt = Date.now(); }
      if (["finish", "no-show", "transfer"].indexOf(action) >= 0) { drawCurrent(null); }
      if (action === "no-show" && t) { lastNoShow = { id: t.id, at: Date.now() }; }
      if (action === "return") { lastNoShow = null; }
      acked += 1;
      refresh();
      return answer;
    });
  }

  // Before the counter's state has come, a press that acts on what the screen shows
  // (a form, the current citizen) says to wait. "Gọi số tiếp theo" needs nothing
  // drawn: it names no citizen, and the server refuses it while one is at the counter.
  function notYet() {
    if (state) { return false; }
    say(word("console.loading"), true);
    return true;
  }
  function ticketAction(action) {
    if (action !== "call-next" && notYet()) { return; }
    var cur = state && state.current;
    if (action === "call-next") {
      if (cur && Date.now() - calledAt < DOUBLE_PRESS_MS) {
        say(word("console.double_press", { number: cur.number }));
        return;
      }
      // "Xong, gọi tiếp": the citizen on screen is finished, by name, and the next
      // called, in one command; the server refuses it if that citizen is no longer
      // this counter's (a stale screen, another console), and nothing changes.
      return command("call-next", cur ? { current: { ticket: cur.id, outcome: "finished" } } : {});
    }
    if (action === "resume") { return command(action); }
    if (action === "return") {
      var back = returnable();
      if (!back) { say(word("console.none_returnable"), true); return; }
      return command("return", { ticket: back.id });
    }
    if (!cur) { say(word("console.none_current"), true); return; }
    return command(action, { ticket: cur.id });
  }

  var lastNoShow = null;
  function returnable() {
    if (!state) { return null; }
    var now = Date.now();
    if (lastNoShow && now - lastNoShow.at < state.grace_s * 1000) { return lastNoShow; }
    return state.recent.filter(function (t) {
      return t.status === "no_show" && t.finished_at && now - Date.parse(t.finished_at) < state.grace_s * 1000;
    })[0] || null;
  }

  // --- drawing ---------------------------------------------------------------
  function drawCurrent(t) {
    if (state) { state.current = t; }
    $("current").textContent = t ? t.number : "—";
    var detail = "";
    if (t) {
      detail = t.service.name + " · " + statusName(t.status);
      if (t.priority) { detail += " · " + word("console.detail_priority", { priority: priorityName(t.priority) }); }
      if (t.dossier_code) { detail += " · " + word("console.detail_dossier", { code: t.dossier_code }); }
      if (t.note) { detail += " · " + word("console.detail_note", { note: t.note }); }
    }
    $("current-detail").textContent = detail;
    var next = document.querySelector('#actions [data-action="call-next"]');
    next.firstChild.textContent = word(t ? "console.finish_call_next" : "console.call_next") + " ";
    drawTargets();
  }

  // What a counter's own queue holds, by field: "mọi lĩnh vực" when it serves all.
  function counterFields(c) {
    var fields = c.fields || [];
    if (fields.length >= state.all_services.length) { return word("console.all_fields"); }
    if (!fields.length) { return word("console.no_fields"); }
    var names = {};
    state.all_services.forEach(function (sv) { names[sv.code] = sv.name; });
    return fields.map(function (code) { return names[code] || code; }).join(", ");
  }

  // Where the ticket being served can go: never back to its own service.
  function drawTargets() {
    if (!state || !state.all_services) { return; }
    var cur = state.current;
    var targets = state.all_services.filter(function (sv) { return !cur || sv.code !== cur.service.code; })
      .map(function (sv) { return ["s:" + sv.code, word("console.field", { name: sv.name })]; })
      .concat(state.all_counters.filter(function (c) { return c.number !== counter; })
        .map(function (c) { return ["c:" + c.number, c.name + " · " + counterFields(c)]; }));
    fillSelect(document.querySelector("#form-transfer [name=to]"), targets);
  }

  // A choice that is no longer offered falls back to the first option while its form is
  // closed; in an open form the clerk chooses again rather than act on another ticket.
  function fillSelect(select, options) {
    var keep = select.value, unchosen = !select.form.hidden && select.selectedIndex < 0;
    select.textContent = "";
    options.forEach(function (o) { var opt = el("option", o[1]); opt.value = o[0]; select.appendChild(opt); });
    var offered = options.some(function (o) { return o[0] === keep; });
    if (!select.form.hidden && (unchosen || !offered)) { select.selectedIndex = -1; }
    else if (offered) { select.value = keep; }
  }

  function draw(s) {
    if (typeof s.seq === "number") {
      if (s.seq < seen) { return; }  // older than an event already here: a refresh follows it
      seen = s.seq;
    }
    state = s;
    $("counter-title").textContent = s.counter.name;
    var paused = s.counter.state === "paused";
    $("counter-state").textContent = paused ? word("console.state_paused", { reason: s.counter.pause_reason || "" }) : word("console.state_open");
    $("counter-state").className = paused ? "pill paused" : "pill";
    $("pause-button").hidden = paused;
    $("resume-button").hidden = !paused;
    drawCurrent(s.current);
    var tbody = $("waiting");
    tbody.textContent = "";
    s.waiting.forEach(function (t) {
      var tr = el("tr");
      var num = el("td", t.number);
      if (t.priority) { num.appendChild(el("span", " ★ " + (priorityName(t.priority)), "prio")); }
      if (t.appointment_at) { num.appendChild(el("span", " · " + word("console.appointment", { time: t.appointment_at.slice(11, 16) }), "prio")); }
      tr.appendChild(num);
      var field = el("td", t.service_name);
      if (t.target_counter) { field.appendChild(el("span", " · " + word("console.sent_here"), "prio")); }
      if (t.note) { field.appendChild(el("div", word("console.note", { note: t.note }), "muted")); }
      tr.appendChild(field);
      tr.appendChild(el("td", minutes(t.wait_s)));
      var td = el("td");
      var call = el("button", word("console.call_number", { number: t.number }), "secondary small");
      call.type = "button";
      call.addEventListener("click", function () { openForm("call", t.id); });
      td.appendChild(call);
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    $("waiting-empty").hidden = s.waiting.length > 0;
    var services = $("services");
    services.textContent = "";
    s.services.forEach(function (sv) {
      var tr = el("tr");
      tr.appendChild(el("td", sv.name));
      tr.appendChild(el("td", String(sv.waiting)));
      tr.appendChild(el("td", minutes(sv.estimated_wait_s)));
      services.appendChild(tr);
    });
    var recent = $("recent");
    recent.textContent = "";
    s.recent.forEach(function (t) {
      var li = el("li", t.number + " · " + t.service_name + " · " + handedOn(t) +
        (t.dossier_code ? " · " + t.dossier_code : ""));
      recent.appendChild(li);
    });
    var waitingOptions = s.waiting.map(function (t) { return [t.id, t.number + " – " + t.service_name + (t.priority ? " (" + word("console.priority_mark") + ")" : "")]; });
    fillSelect(document.querySelector("#form-call [name=ticket]"), waitingOptions);
    fillSelect(document.querySelector("#form-priority [name=ticket]"), waitingOptions);
    fillSelect(document.querySelector("#form-priority [name=priority]"),
      [["", word("console.priority_none")]].concat(s.priority_classes.map(function (p) { return [p, priorityName(p)]; })));
    drawHelp(s.help);
  }

  var helps = [];
  function drawHelp(list) {
    if (list) { helps = list.slice(); }
    var box = $("help");
    box.textContent = "";
    box.hidden = helps.length === 0;
    helps.forEach(function (h) {
      var p = el("p", h.priority && h.ticket ? priorityText(h) : word("console.help_asked", {
        place: h.place || word("console.kiosk_place"), time: (h.at || "").slice(11, 16)
      }) + (h.note ? " (" + h.note + ")" : "") + ". ");
      if (h.priority && h.ticket) { p.appendChild(confirmButton(h)); }
      var done = el("button", word("console.help_done"), "small secondary");
      done.type = "button";
      done.addEventListener("click", function () {
        command("help-done", { help: h.id }).then(function (answer) {
          if (answer.ok) { helps = helps.filter(function (x) { return x.id !== h.id; }); drawHelp(); }
        });
      });
      p.appendChild(done);
      box.appendChild(p);
    });
  }

  // A citizen asked for priority at the kiosk: staff check, then confirm in one press.
  function priorityText(h) {
    return word("console.priority_asked", {
      priority: priorityName(h.priority), number: h.ticket.number,
      service: h.ticket.service_name, place: h.place || word("console.kiosk_place"),
      time: (h.at || "").slice(11, 16)
    }) + " ";
  }
  function confirmButton(h) {
    var b = el("button", word("console.priority_confirm"), "small");
    b.type = "button";
    b.addEventListener("click", function () {
      command("priority", { ticket: h.ticket.id, priority: h.priority }).then(function (answer) {
        if (answer.ok) { command("help-done", { help: h.id }); }
      });
    });
    return b;
  }

  function refresh() {
    if (refreshTimer) { clearTimeout(refreshTimer); }
    refreshTimer = setTimeout(function () {
      refreshTimer = null;
      if (!socket || !socket.connected) { return; }
      // A state asked for before a command was answered may have been read before that
      // command: drawing it would take the console back. The command's refresh follows.
      var mark = acked;
      socket.timeout(6000).emit("command", { action: "state" }, function (err, a) {
        if (!err && a && a.ok && mark === acked) { draw(a.result); }
      });
    }, 120);
  }

  // --- forms -----------------------------------------------------------------
  function openForm(name, ticketId) {
    closeForms();
    if (notYet()) { return; }
    if (name === "transfer" || name === "dossier") {
      if (!state || !state.current) { say(word("console.none_current"), true); return; }
    }
    if ((name === "call" || name === "priority") && (!state || !state.waiting.length)) {
      say(word("console.none_waiting"), true); return;
    }
    var form = $("form-" + name);
    form.hidden = false;
    form.querySelectorAll("select").forEach(function (sel) { if (sel.selectedIndex < 0) { sel.selectedIndex = 0; } });
    if (ticketId) { form.ticket.value = ticketId; }
    var first = form.querySelector("select, input");
    if (first) { first.focus(); }
  }
  function closeForms() { document.querySelectorAll("form.form").forEach(function (f) { f.hidden = true; }); }

  document.querySelectorAll("form.form").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var action = form.dataset.action, args = {};
      if (action === "transfer") {
        var target = form.to.value;
        args.ticket = state.current.id;
        if (target.charAt(0) === "s") { args.service = target.slice(2); } else { args.to_counter = parseInt(target.slice(2), 10); }
        if (form.note.value) { args.note = form.note.value; }
      } else if (action === "call") {
        args.ticket = form.ticket.value; args.reason = form.reason.value;
      } else if (action === "priority") {
        args.ticket = form.ticket.value; args.priority = form.priority.value || null;
      } else if (action === "dossier") {
        args.ticket = state.current.id; args.code = form.code.value;
        if (form.status.value) { args.status = form.status.value; }
      } else if (action === "pause") {
        args.reason = form.reason.value;
      }
      command(action, args).then(function (a) {
        if (a.ok) { form.reset(); form.hidden = true; $("actions").querySelector("button").focus(); }
      });
    });
    form.querySelector("[data-close]").addEventListener("click", closeForms);
  });

  // --- sign in, counter, socket ------------------------------------------------
  function connect() {
    show("work");
    $("counter-title").textContent = word("console.counter", { counter: counter });
    socket = window.motcuaLive("/counter", { office: office, token: token, counter: counter }, {
      snapshot: function (s) { seen = 0; draw(s); },  // a new connection: what it sends is the newest
      event: function (name, data, env) {
        if (env.seq > seen) { seen = env.seq; }
        if (name === "help.resolved" && data.help) { helps = helps.filter(function (x) { return x.id !== data.help.id; }); drawHelp(); }
        if (name === "help.requested" && data.help) { helps = helps.filter(function (x) { return x.id !== data.help.id; }); helps.push(data.help); drawHelp(); }
        if (name === "ticket.rated" && data.rating && data.rating.counter === counter) {
          say(word("console.rated", {
            number: data.rating.number, score: word("score." + data.rating.score)
          }));
        }
        refresh();
      }
    });
    socket.on("connect", resend);
    socket.on("connect_error", function (err) {
      if (err && err.message && !socket.active) { signOut(word("console.session_expired")); }
    });
  }

  function pickCounter(counters) {
    if (counters.length === 0) { signOut(word("console.no_counter")); return; }
    if (counter && counters.some(function (c) { return c.number === counter; })) { connect(); return; }
    if (counters.length === 1) { counter = counters[0].number; save(); connect(); return; }
    show("pick");
    var box = $("pick-counters");
    box.textContent = "";
    counters.forEach(function (c) {
      var b = el("button", c.name);
      b.type = "button";
      b.addEventListener("click", function () { counter = c.number; save(); connect(); });
      box.appendChild(b);
    });
    box.querySelector("button").focus();
  }

  function begin() {
    api("GET", "/offices/" + office + "/counters/mine").then(function (b) {
      window.motcuaConnecting(false);
      pickCounter(b.counters);
    }, function (e) {
      // No server yet (the page came from the offline copy): wait for it, signed in.
      if (e instanceof TypeError || e instanceof SyntaxError) {
        window.motcuaConnecting(true);
        setTimeout(begin, 1500);
        return;
      }
      signOut(e.message || word("console.no_server"));
    });
  }

  function signOut(text) {
    if (token && !text) {
      fetch("/api/v1/auth/logout", { method: "POST", headers: { "Authorization": "Bearer " + token } });
    }
    if (socket) { socket.disconnect(); socket = null; }
    token = null; counter = null; state = null;
    sessionStorage.removeItem(STORE);
    show("signin");
    $("signin-message").textContent = text || "";
    $("signin").username.focus();
  }

  $("signin").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var form = ev.target;
    $("signin-message").textContent = "";
    fetch("/api/v1/auth/token", {
      method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": LANG },
      body: JSON.stringify({ username: form.username.value, password: form.password.value })
    }).then(function (r) { return r.json(); }).then(function (b) {
      if (!b.token) { $("signin-message").textContent = b.error.message; return; }
      token = b.token; counter = null; save(); form.reset(); begin();
    }).catch(function () { $("signin-message").textContent = word("console.no_server"); });
  });
  $("signout").addEventListener("click", function () { signOut(""); });

  document.querySelectorAll("#actions [data-action]").forEach(function (b) {
    b.addEventListener("click", function () { ticketAction(b.dataset.action); });
  });
  document.querySelectorAll("#actions [data-form]").forEach(function (b) {
    b.addEventListener("click", function () { openForm(b.dataset.form); });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closeForms(); return; }
    if ($("work").hidden || ev.ctrlKey || ev.altKey || ev.metaKey) { return; }
    var tag = ev.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    var key = ev.key.toLowerCase();
    if (KEYS[key]) { ev.preventDefault(); ticketAction(KEYS[key]); return; }
    if (FORMS[key]) { ev.preventDefault(); openForm(FORMS[key]); return; }
    if (key === "p") {
      ev.preventDefault();
      if (notYet()) { return; }
      if (state.counter.state === "paused") { command("resume"); } else { openForm("pause"); }
    }
  });

  if (token) { begin(); } else { show("signin"); }
})();
