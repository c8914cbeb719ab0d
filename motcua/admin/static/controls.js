// File fields: show the chosen file's name next to the Vietnamese button.
(function () {
  "use strict";
  document.querySelectorAll(".file-field").forEach(function (field) {
    var input = field.querySelector("input[type=file]");
    var name = field.querySelector(".file-name");
    input.addEventListener("change", function () {
      name.textContent = input.files.length ? input.files[0].name : window.motcuaWord("admin.no_file");
    });
  });
})();
