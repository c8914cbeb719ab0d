// The "check" button: open a candidate address's /healthz from this browser.
(function () {
  "use strict";
  function check(button) {
    var url = button.dataset.url || document.getElementById(button.dataset.from).value.trim();
    var result = button.parentNode.querySelector(".check-result");
    url = url.replace(/\/+$/, "");
    if (!/^https?:\/\/[^\/]+$/.test(url)) {
      result.textContent = window.motcuaWord("admin_address.address_form");
      result.className = "check-result check-bad";
      return;
    }
    result.textContent = window.motcuaWord("admin_address.checking");
    result.className = "check-result";
    var done = false;
    var timer = setTimeout(function () { fail(window.motcuaWord("admin_address.no_answer")); }, 5000);
    function fail(why) {
      if (done) { return; }
      done = true; clearTimeout(timer);
      result.textContent = "✗ " + window.motcuaWord("admin_address.not_opened", { why: why });
      result.className = "check-result check-bad";
    }
    fetch(url + "/healthz", { mode: "cors", cache: "no-store" }).then(function (r) {
      return r.json();
    }).then(function (body) {
      if (done) { return; }
      if (!body || body.service !== "motcua") { fail(window.motcuaWord("admin_address.not_motcua")); return; }
      done = true; clearTimeout(timer);
      result.textContent = "✓ " + window.motcuaWord("admin_address.opened");
      result.className = "check-result check-ok";
    }).catch(function () { fail(window.motcuaWord("admin_address.no_connection")); });
  }
  document.querySelectorAll("button.check").forEach(function (b) {
    b.addEventListener("click", function () { check(b); });
  });
})();
