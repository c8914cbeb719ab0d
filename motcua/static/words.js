// The words a page's scripts show. The page carries them, in its own language, from
// the server's one table (window.motcuaWords); no script holds words of its own.
(function () {
  "use strict";
  var words = window.motcuaWords || {};
  // motcuaWord("console.call_number", {number: 12}): "{name}" filled in from params.
  window.motcuaWord = function (key, params) {
    var text = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return params && params[name] !== undefined ? String(params[name]) : all;
    });
  };
})();
