// The office code follows the name ("Phuong Hoa Binh" -> "hoa-binh", accents dropped) until typed.
(function () {
  "use strict";
  var name = document.querySelector("input[name=office_name]");
  var slug = document.getElementById("slug");
  if (!name || !slug) { return; }
  var typed = slug.value !== "";
  var PREFIXES = ["trung tam phuc vu hanh chinh cong", "cap xa", "phuong", "xa", "thi tran"];
  function fromName(text) {
    var words = text.replace(/\u0111/g, "d").replace(/\u0110/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    PREFIXES.forEach(function (p) { if (words.indexOf(p + " ") === 0) { words = words.slice(p.length).trim(); } });
    return words.replace(/ /g, "-").slice(0, 40).replace(/^-+|-+$/g, "");
  }
  slug.addEventListener("input", function () { typed = slug.value !== ""; });
  name.addEventListener("input", function () { if (!typed) { slug.value = fromName(name.value); } });
  if (!typed) { slug.value = fromName(name.value); }
})();
