// "Kiểm tra": open a candidate address's /healthz from this browser.
(function () {
  "use strict";
  function check(button) {
    var url = button.dataset.url || document.getElementById(button.dataset.from).value.trim();
    var result = button.parentNode.querySelector(".check-result");
    url = url.replace(/\/+$/, "");
    if (!/^https?:\/\/[^\/]+$/.test(url)) {
      result.textContent = "Địa chỉ phải có dạng http://192.168.1.10:8000.";
      result.className = "check-result check-bad";
      return;
    }
    result.textContent = "Đang kiểm tra…";
    result.className = "check-result";
    var done = false;
    var timer = setTimeout(function () { fail("không trả lời sau 5 giây"); }, 5000);
    function fail(why) {
      if (done) { return; }
      done = true; clearTimeout(timer);
      result.textContent = "✗ Không mở được (" + why + "). Kiểm tra địa chỉ, cổng và tường lửa của máy chủ.";
      result.className = "check-result check-bad";
    }
    fetch(url + "/healthz", { mode: "cors", cache: "no-store" }).then(function (r) {
      return r.json();
    }).then(function (body) {
      if (done) { return; }
      if (!body || body.service !== "motcua") { fail("đây không phải máy chủ motcua"); return; }
      done = true; clearTimeout(timer);
      result.textContent = "✓ Mở được từ máy này.";
      result.className = "check-result check-ok";
    }).catch(function () { fail("không kết nối được"); });
  }
  document.querySelectorAll("button.check").forEach(function (b) {
    b.addEventListener("click", function () { check(b); });
  });
})();
