// Recording the office's voice: one item of the guided list after another, from
// the microphone (MediaRecorder), turned into a plain WAV here (the server keeps
// no codec for what browsers record) and sent; the server's cleaned copy is played
// back. A whole call can be heard before the voice is used.
(function () {
  "use strict";
  var RATE = 22050;
  var word = window.motcuaWord;  // the page's words, from the server's table
  var root = document.getElementById("recorder");
  if (!root) { return; }
  var guide = JSON.parse(root.dataset.guide);
  var base = root.dataset.base;
  var at = firstMissing();
  var stream = null, recorder = null, chunks = [], startedAt = 0, ticker = null;
  var player = new Audio();

  function $(id) { return document.getElementById(id); }
  function firstMissing() {
    for (var i = 0; i < guide.length; i++) { if (!guide[i].recorded) { return i; } }
    return 0;
  }
  function status(text) { $("voice-status").textContent = text; }

  function draw() {
    var item = guide[at], done = guide.filter(function (g) { return g.recorded; }).length;
    $("voice-progress").textContent = word("admin_voice.progress", { done: done, all: guide.length }) +
      (done === guide.length ? " " + word("admin_voice.all_done") : "");
    $("voice-step").textContent = word("admin_voice.step", { at: at + 1, all: guide.length }) +
      " · " + word(item.phrase ? "admin_voice.phrase" : "admin_voice.word");
    $("voice-say").textContent = item.text;
    $("voice-play").disabled = !item.recorded;
    $("voice-record").hidden = item.recorded || !!recorder;
    $("voice-retake").hidden = !item.recorded || !!recorder;
    $("voice-stop").hidden = !recorder;
    $("voice-prev").disabled = at === 0;
    $("voice-next").disabled = at === guide.length - 1;
    var list = $("voice-list");
    list.textContent = "";
    guide.forEach(function (g, i) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link" + (i === at ? " current" : "");
      button.textContent = g.text;
      button.addEventListener("click", function () { if (!recorder) { at = i; status(""); draw(); } });
      li.appendChild(button);
      li.appendChild(document.createTextNode(g.recorded ? " ✓ " + word("admin_voice.recorded") : " · " + word("admin_voice.missing")));
      li.className = g.recorded ? "done" : "";
      list.appendChild(li);
    });
  }

  function start() {
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      status(word("admin_voice.no_microphone"));
      return;
    }
    var ready = stream ? Promise.resolve(stream) : navigator.mediaDevices.getUserMedia({ audio: true });
    ready.then(function (s) {
      stream = s;
      chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = function (e) { if (e.data && e.data.size) { chunks.push(e.data); } };
      recorder.onstop = stopped;
      recorder.start();
      startedAt = Date.now();
      root.setAttribute("data-recording", "0");
      ticker = setInterval(function () {
        var s = (Date.now() - startedAt) / 1000;
        root.setAttribute("data-recording", s.toFixed(1));
        status(word("admin_voice.recording", { s: s.toFixed(1), text: guide[at].text }));
      }, 100);
      draw();
    }, function () {
      status(word("admin_voice.microphone_refused"));
    });
  }

  function stop() { if (recorder && recorder.state !== "inactive") { recorder.stop(); } }

  function stopped() {
    clearInterval(ticker);
    var item = guide[at], type = recorder.mimeType;
    recorder = null;
    root.removeAttribute("data-recording");
    status(word("admin_voice.processing"));
    draw();
    new Blob(chunks, { type: type }).arrayBuffer().then(toWav).then(function (wav) {
      return send(item, wav);
    }).catch(function () { status(word("admin_voice.unreadable")); });
  }

  // What the microphone gave, decoded and mixed down to mono 16-bit at RATE.
  function toWav(buffer) {
    var Context = window.AudioContext || window.webkitAudioContext;
    var ctx = new Context();
    return ctx.decodeAudioData(buffer).then(function (decoded) {
      ctx.close();
      var frames = Math.max(1, Math.ceil(decoded.duration * RATE));
      var off = new OfflineAudioContext(1, frames, RATE);
      var src = off.createBufferSource();
      src.buffer = decoded;
      src.connect(off.destination);
      src.start();
      return off.startRendering();
    }).then(function (mono) { return wavBytes(mono.getChannelData(0)); });
  }

  function wavBytes(samples) {
    var buf = new ArrayBuffer(44 + samples.length * 2), v = new DataView(buf);
    function text(o, s) { for (var i = 0; i < s.length; i++) { v.setUint8(o + i, s.charCodeAt(i)); } }
    text(0, "RIFF"); v.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVEfmt ");
    v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
    v.setUint32(24, RATE, true); v.setUint32(28, RATE * 2, true); v.setUint16(32, 2, true);
    v.setUint16(34, 16, true); text(36, "data"); v.setUint32(40, samples.length * 2, true);
    for (var i = 0; i < samples.length; i++) {
      var s = Math.max(-1, Math.min(1, samples[i]));
      v.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([buf], { type: "audio/wav" });
  }

  function send(item, wav) {
    var form = new FormData();
    form.append("csrf_token", root.dataset.csrf);
    form.append("clip", wav, item.id + ".wav");
    return fetch(base + "/clips/" + item.id, { method: "POST", body: form, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
      .then(function (answer) {
        if (!answer[0]) { status(answer[1].error.message); return; }
        item.recorded = true;
        $("voice-preview-status").textContent = "";
        status(word("admin_voice.saved", { s: answer[1].seconds }));
        draw();
        play(item);
      });
  }

  function play(item) {
    player.src = base + "/clips/" + item.id + ".wav?t=" + Date.now();
    player.play().catch(function () { /* a tap on the replay button will do */ });
  }

  function preview() {
    var url = base + "/preview.wav?number=" + encodeURIComponent($("voice-number").value) +
      "&counter=" + encodeURIComponent($("voice-counter").value);
    var note = $("voice-preview-status");
    fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (r.ok) {
        note.textContent = word("admin_voice.preview");
        player.src = url;
        player.play();
        return;
      }
      return r.json().then(function (body) { note.textContent = body.error.message; });
    });
  }

  $("voice-record").addEventListener("click", start);
  $("voice-retake").addEventListener("click", start);
  $("voice-stop").addEventListener("click", stop);
  $("voice-play").addEventListener("click", function () { play(guide[at]); });
  $("voice-prev").addEventListener("click", function () { at = Math.max(0, at - 1); status(""); draw(); });
  $("voice-next").addEventListener("click", function () { at = Math.min(guide.length - 1, at + 1); status(""); draw(); });
  $("voice-preview").addEventListener("click", preview);
  draw();
})();
