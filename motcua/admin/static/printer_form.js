// A kiosk's printer form shows only the fields of the chosen kind of printer.
(function () {
  "use strict";
  document.querySelectorAll("select.printer-kind").forEach(function (select) {
    var form = select.form;
    function show() {
      form.querySelectorAll(".printer-field").forEach(function (field) {
        var wanted = field.dataset.kinds.split(" ").indexOf(select.value) >= 0;
        field.hidden = !wanted;
        field.querySelectorAll("input, select").forEach(function (i) { i.disabled = !wanted; });
      });
    }
    select.addEventListener("change", show);
    show();
  });
})();
