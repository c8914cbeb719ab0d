// Reading the QR code of a chip ID card (CCCD, 2021) or an ID card (căn cước, 2024)
// from a scanner that types like a keyboard. Fields are told apart by their shape, so
// the field order of either card does not matter. Only the ID number leaves here.
(function () {
  "use strict";
  var ID = /^\d{12}$/;
  function parse(raw) {
    if (typeof raw !== "string") { return null; }
    var parts = raw.replace(/[\r\n]+/g, "").split("|");
    if (parts.length < 3) { return null; }
    var ids = parts.map(function (p) { return p.trim(); })
      .filter(function (p) { return ID.test(p); });
    if (ids.length !== 1) { return null; }
    var id = ids[0];
    var province = parseInt(id.slice(0, 3), 10);
    if (province < 1 || province > 96) { return null; }
    return { id: id, masked: "********" + id.slice(8) };
  }
  window.motcuaCccd = { parse: parse };
})();
