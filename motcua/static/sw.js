// The service worker of the live pages (kiosk, board, console, rating tablet, a
// ticket's status page), served from /sw.js so that it covers /o/... and /t/....
//
// It keeps a copy of those pages and of the static files, and hands the copy out only
// when the server cannot be reached: the page then opens on its "reconnecting"
// screen and comes back by itself. Pages and files always come from the network
// first; API answers, the socket, audio and everything else are never touched.
"use strict";
var SHELL = "motcua-shell-v1";
var PAGE = /^\/(o\/[^/]+\/(kiosk|display|counter|rating\/\d+)|t\/[^/]+)\/?$/;
var NETWORK_WAIT_MS = 4000;  // a server machine that is off does not even refuse
// Its words come from the server's one table, kept with the worker itself.
importScripts("/sw-words.js");
var WORDS = self.motcuaWords || {};
var OFFLINE = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">" +
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
  "<title>" + WORDS["page.connecting"] + "</title></head>" +
  "<body style=\"font-family:sans-serif;text-align:center;padding-top:20vh\">" +
  "<h1>" + WORDS["page.connecting"] + "</h1><p>" + WORDS["page.connecting_note"] + "</p>" +
  "<script>setTimeout(function () { location.reload(); }, 3000);</script>" +
  "</body></html>";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== SHELL; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(request, response) {
  if (response.ok && response.type === "basic" && !response.redirected) {
    var copy = response.clone();
    caches.open(SHELL).then(function (cache) { return cache.put(request, copy); });
  }
  return response;
}

function cached(request) {
  return caches.open(SHELL).then(function (cache) {
    return cache.match(request, { ignoreVary: true });
  });
}

function page(request) {
  var network = fetch(request).then(function (r) { return keep(request, r); });
  var late = new Promise(function (resolve, reject) {
    setTimeout(function () { reject(new Error("no answer")); }, NETWORK_WAIT_MS);
  });
  return Promise.race([network, late]).catch(function () {
    return cached(request).then(function (copy) {
      return copy || new Response(OFFLINE, {
        status: 503, headers: { "Content-Type": "text/html; charset=utf-8" }
      });
    });
  });
}

function asset(request) {
  return fetch(request).then(function (r) { return keep(request, r); }).catch(function () {
    return cached(request).then(function (copy) { return copy || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && PAGE.test(url.pathname)) {
    event.respondWith(page(request));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(asset(request));
  }
});
