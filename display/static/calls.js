// Which call the board says next, and how: the order and catch-up rules, with no
// audio and no DOM, so they can be tested with a fake clock.
//
// - Calls are said one at a time, in the order they came.
// - A call is said twice (the audio holds the sentence twice) while few others wait,
//   once while more wait; without the chime and a little faster while any waits.
// - A call still waiting when its counter calls someone else is no longer said; a
//   recall always is. A recall of the call being said, during its first saying,
//   makes sure the second saying comes instead of queueing a third.
// - The board is never more than maxLagMs behind the counters: when a new call would
//   start later than that, the oldest waiting calls are dropped (they stay on the
//   tiles); a call that has waited that long is dropped too. Recalls never are.
(function (root) {
  "use strict";

  function CallQueue(opts) {
    opts = opts || {};
    this.few = opts.few || 2;               // "a few": this many waiting still hear it twice
    this.maxLagMs = opts.maxLagMs || 30000;
    this.againLagMs = opts.againLagMs || 10000;
    this.firstMs = opts.firstMs || 7000;    // a call's chime and first saying
    this.sayMs = opts.sayMs || 4500;        // a call said once in a hurry, and the gap
    this.waiting = [];
    this.current = null;
    this.dropped = [];                      // what was never said, for the curious
  }

  // call: {ticket, number, counter, recall, since, ...}; now: ms. `since`: when the
  // call was made, for a call learnt late (from a snapshot): its wait counts from then.
  CallQueue.prototype.add = function (call, now) {
    var cur = this.current;
    if (call.recall && cur && cur.ticket === call.ticket && !cur.decided) {
      cur.mustRepeat = true;
      return false;
    }
    var kept = [], dropped = this.dropped;
    this.waiting.forEach(function (w) {
      var stale = w.counter === call.counter && (!w.recall || w.ticket === call.ticket);
      (stale ? dropped : kept).push(w);
    });
    call.at = typeof call.since === "number" ? Math.min(call.since, now) : now;
    kept.push(call);
    this.waiting = kept;
    this.catchUp(now);
    return true;
  };

  // Drop the oldest waiting calls until the newest would start in time.
  CallQueue.prototype.catchUp = function (now) {
    var cur = this.current;
    var ahead = cur ? Math.max(0, cur.startedAt + this.firstMs - now) : 0;
    while (ahead + (this.waiting.length - 1) * this.sayMs > this.maxLagMs) {
      var i = 0;
      while (i < this.waiting.length - 1 && this.waiting[i].recall) { i++; }
      if (i >= this.waiting.length - 1) { return; }
      this.dropped.push(this.waiting.splice(i, 1)[0]);
    }
  };

  // The call to say now (or null), with .hurry set when others are waiting.
  CallQueue.prototype.next = function (now) {
    var self = this;
    this.waiting = this.waiting.filter(function (w) {
      var late = !w.recall && now - w.at > self.maxLagMs;
      if (late) { self.dropped.push(w); }
      return !late;
    });
    var call = this.waiting.shift() || null;
    if (call) {
      call.hurry = this.waiting.length > 0;
      call.decided = false;
      call.startedAt = now;
    }
    this.current = call;
    return call;
  };

  // At the end of the first saying: say it a second time?
  CallQueue.prototype.again = function (now) {
    var cur = this.current;
    if (!cur) { return false; }
    cur.decided = true;
    if (cur.mustRepeat || !this.waiting.length) { return true; }
    return this.waiting.length < this.few && now - this.waiting[0].at < this.againLagMs;
  };

  CallQueue.prototype.finish = function () { this.current = null; };

  // Calls not yet done, the one being said included.
  CallQueue.prototype.size = function () {
    return this.waiting.length + (this.current ? 1 : 0);
  };

  root.MotcuaCallQueue = CallQueue;
})(window);
