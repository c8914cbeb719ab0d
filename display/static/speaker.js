// Announcements, one at a time: each call's WAV is fetched once (kept as a blob, so a
// recall plays it again without a request), played after the one before it ends, and
// its text is shown while it plays. Sound blocked by the browser shows "Bật âm thanh".
(function () {
  "use strict";
  var KEY = "motcua.sound";
  var KEEP = 30;            // blobs kept for recalls
  var GAP_MS = 700;         // silence between two announcements
  var SILENT_SHOW_MS = 6000; // how long a text stays when its audio cannot play

  function Speaker(opts) {
    this.show = opts.show;   // show(text) while speaking, show(null) after
    this.prompt = opts.prompt;
    this.queued = opts.queued || function () {};  // queued(n): calls not yet done
    this.queue = [];
    this.busy = false;
    this.blocked = false;
    this.blobs = {};
    this.order = [];
    this.el = new Audio();
    this.el.preload = "auto";
    this.timer = null;
    var self = this;
    this.el.addEventListener("ended", function () { self.done(); });
    this.el.addEventListener("error", function () { self.done(); });
    this.el.addEventListener("loadedmetadata", function () { self.guard(); });
  }

  Speaker.prototype.remembered = function () {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
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

  // A call or recall: fetch its audio now, say it when the ones before are done.
  Speaker.prototype.say = function (text, url) {
    if (url) { this.load(url, function () {}); }
    this.queue.push({ text: text, url: url });
    this.queued(this.queue.length);
    this.next();
  };

  Speaker.prototype.next = function () {
    if (this.busy || this.blocked || !this.queue.length) { return; }
    var item = this.queue[0];
    var self = this;
    this.busy = true;
    this.show(item.text);
    if (!item.url) { this.hold(SILENT_SHOW_MS); return; }
    this.load(item.url, function (src) {
      if (!src) { self.hold(SILENT_SHOW_MS); return; }
      self.el.src = src;
      self.hold(30000); // until the metadata says how long it is
      var started = self.el.play();
      if (started && started.catch) {
        started.catch(function (err) {
          if (err && err.name === "NotAllowedError") { self.block(); } else { self.done(); }
        });
      }
    });
  };

  Speaker.prototype.hold = function (ms) {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.done(); }, ms);
  };

  Speaker.prototype.guard = function () {
    var d = this.el.duration;
    if (this.busy && isFinite(d) && d > 0) { this.hold(d * 1000 + 3000); }
  };

  // The browser wants a tap first: keep the call queued and ask for one.
  Speaker.prototype.block = function () {
    clearTimeout(this.timer);
    this.busy = false;
    this.blocked = true;
    this.show(null);
    this.prompt(true);
  };

  Speaker.prototype.done = function () {
    if (!this.busy) { return; }
    clearTimeout(this.timer);
    this.el.pause();
    this.queue.shift();
    this.queued(this.queue.length);
    this.busy = false;
    this.show(null);
    var self = this;
    setTimeout(function () { self.next(); }, GAP_MS);
  };

  // Called from the "Bật âm thanh" button: a user gesture unlocks playback.
  Speaker.prototype.unlock = function () {
    try { window.localStorage.setItem(KEY, "on"); } catch (e) { /* private mode */ }
    this.prompt(false);
    this.blocked = false;
    this.next();  // still inside the tap, which is what the browser waits for
  };

  window.MotcuaSpeaker = Speaker;
})();
