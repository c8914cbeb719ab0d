// Announcements through one audio element, in the order and pace MotcuaCallQueue
// decides. Each call's audio is fetched once, in the first format this browser
// plays (Ogg/Opus, MP3, else WAV), and kept as a blob so a recall needs no request.
// The file holds chime, sentence, pause, sentence: the second saying is skipped by
// pausing between the two, the chime by starting after it.
// Sound the browser blocks shows "Bật âm thanh" and each call silently meanwhile.
(function () {
  "use strict";
  var KEEP = 30;              // blobs kept for recalls
  var GAP_MS = 700;           // silence between two announcements
  var HURRY_GAP_MS = 400;
  var HURRY_RATE = 1.25;      // speech a little faster while calls wait
  var SILENT_SHOW_MS = 6000;  // how long a call stays when its audio cannot play

  function Speaker(opts) {
    this.show = opts.show;    // show(call) while it is said, show(null) after
    this.prompt = opts.prompt;
    this.queued = opts.queued || function () {};  // queued(n): calls not yet done
    this.layout = opts.layout;  // {head, gap, tail} seconds, from the server
    this.calls = new window.MotcuaCallQueue();
    this.busy = false;
    this.blobs = {};
    this.order = [];
    this.el = new Audio();
    this.el.preload = "auto";
    this.timer = null;
    this.cutAt = null;
    var self = this;
    this.el.addEventListener("ended", function () { self.done(); });
    this.el.addEventListener("error", function () { if (self.el.src) { self.done(); } });
    this.el.addEventListener("playing", function () { self.prompt(false); });
    this.el.addEventListener("loadedmetadata", function () { self.measure(); });
    this.el.addEventListener("timeupdate", function () { self.boundary(); });
  }

  // The URL of the first format this browser can play.
  Speaker.prototype.pick = function (call) {
    var el = this.el, found = null;
    (call.audio || []).forEach(function (a) {
      if (!found && el.canPlayType(a.type)) { found = a.url; }
    });
    return found || call.audio_url || null;
  };

  // Fetch the audio of a call once; callbacks get an object URL or null.
  Speaker.prototype.load = function (url, then) {
    var entry = this.blobs[url];
    if (entry && entry.src) { then(entry.src); return; }
    if (entry) { entry.waiting.push(then); return; }
    entry = this.blobs[url] = { src: null, waiting: [then] };
    this.order.push(url);
    this.trim();
    var self = this;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.responseType = "blob";
    xhr.timeout = 30000;
    function settle(src) {
      if (!src) { delete self.blobs[url]; } else { entry.src = src; }
      var waiting = entry.waiting;
      entry.waiting = [];
      waiting.forEach(function (cb) { cb(src); });
    }
    xhr.onload = function () {
      settle(xhr.status === 200 ? URL.createObjectURL(xhr.response) : null);
    };
    xhr.onerror = xhr.ontimeout = function () { settle(null); };
    xhr.send();
  };

  Speaker.prototype.trim = function () {
    while (this.order.length > KEEP) {
      var old = this.blobs[this.order.shift()];
      if (old && old.src) { URL.revokeObjectURL(old.src); }
    }
  };

  // A call or recall: fetch its audio now, say it when its turn comes.
  Speaker.prototype.say = function (call) {
    call.url = this.pick(call);
    if (call.url) { this.load(call.url, function () {}); }
    this.calls.add(call, Date.now());
    this.queued(this.calls.size());
    this.next();
  };

  Speaker.prototype.next = function () {
    if (this.busy) { return; }
    var call = this.calls.next(Date.now());
    this.queued(this.calls.size());
    if (!call) { return; }
    var self = this;
    this.busy = true;
    this.cutAt = null;
    this.show(call);
    if (!call.url) { this.hold(SILENT_SHOW_MS); return; }
    this.hold(30000);  // until the audio says how long it is
    this.load(call.url, function (src) {
      if (self.calls.current !== call) { return; }
      if (!src) { self.hold(SILENT_SHOW_MS); return; }
      self.start(src, call);
    });
  };

  Speaker.prototype.start = function (src, call) {
    var self = this;
    this.el.src = src;
    this.el.defaultPlaybackRate = this.el.playbackRate = call.hurry ? HURRY_RATE : 1;
    // No chime while catching up: calls wait, or this one was learnt late.
    if (call.hurry || call.late) { this.el.currentTime = this.layout.head; }
    var started = this.el.play();
    if (started && started.catch) {
      started.catch(function (err) {
        if (self.calls.current !== call) { return; }
        if (err && err.name === "NotAllowedError") { self.prompt(true); }
        self.hold(SILENT_SHOW_MS);  // shown silently, unless a tap comes first
      });
    }
  };

  // Where the first saying ends: the file is head, sentence, gap, sentence, tail.
  Speaker.prototype.measure = function () {
    var d = this.el.duration, l = this.layout;
    if (!this.busy || !isFinite(d) || d <= 0) { return; }
    var sentence = (d - l.head - l.gap - l.tail) / 2;
    this.cutAt = sentence > 0 ? l.head + sentence + Math.min(0.15, l.gap / 2) : null;
    if (sentence > 0) {  // how long calls take here, for the catch-up rule
      this.calls.firstMs = (l.head + sentence) * 1000;
      this.calls.sayMs = (sentence * 1000) / HURRY_RATE + HURRY_GAP_MS;
    }
    this.hold((d * 1000) / this.el.playbackRate + 3000);
  };

  Speaker.prototype.boundary = function () {
    var call = this.calls.current;
    if (!this.busy || !call || call.decided || this.cutAt === null) { return; }
    if (this.el.currentTime < this.cutAt) { return; }
    if (!this.calls.again(Date.now())) { this.done(); }
  };

  Speaker.prototype.hold = function (ms) {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.done(); }, ms);
  };

  Speaker.prototype.done = function () {
    if (!this.busy) { return; }
    clearTimeout(this.timer);
    this.el.pause();
    var hurry = this.calls.current && this.calls.current.hurry;
    this.calls.finish();
    this.busy = false;
    this.show(null);
    this.queued(this.calls.size());
    var self = this;
    setTimeout(function () { self.next(); }, hurry ? HURRY_GAP_MS : GAP_MS);
  };

  // Can this page play sound without a tap? An audio context starts running only
  // where it can; older browsers try a tenth of a second of silence instead.
  Speaker.prototype.probe = function () {
    var self = this, Context = window.AudioContext || window.webkitAudioContext;
    if (Context) {
      var ctx = new Context();
      setTimeout(function () {
        self.prompt(ctx.state !== "running");
        if (ctx.close) { ctx.close(); }
      }, 300);
      return;
    }
    var probe = new Audio();
    probe.src = URL.createObjectURL(new Blob([quietWav(0.1)], { type: "audio/wav" }));
    var started = probe.play();
    if (!started || !started.then) { return; }
    started.then(function () { self.prompt(false); }, function (err) {
      if (err && err.name === "NotAllowedError") { self.prompt(true); }
    });
  };

  // Called from the "Bật âm thanh" button: a user gesture unlocks playback.
  Speaker.prototype.unlock = function () {
    this.prompt(false);
    var call = this.calls.current;
    if (this.busy && call && this.el.src) {
      this.hold(30000);
      this.el.currentTime = call.hurry || call.late ? this.layout.head : 0;
      this.el.play();  // still inside the tap, which is what the browser waits for
    }
  };

  function quietWav(seconds) {
    var rate = 8000, n = Math.round(seconds * rate), buf = new ArrayBuffer(44 + n);
    var v = new DataView(buf);
    var text = function (at, s) { for (var i = 0; i < s.length; i++) { v.setUint8(at + i, s.charCodeAt(i)); } };
    text(0, "RIFF"); v.setUint32(4, 36 + n, true); text(8, "WAVEfmt ");
    v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
    v.setUint32(24, rate, true); v.setUint32(28, rate, true); v.setUint16(32, 1, true);
    v.setUint16(34, 8, true); text(36, "data"); v.setUint32(40, n, true);
    for (var i = 0; i < n; i++) { v.setUint8(44 + i, 128); }
    return buf;
  }

  window.MotcuaSpeaker = Speaker;
})();
