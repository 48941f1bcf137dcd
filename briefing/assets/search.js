// Persian as any keyboard types it (issue 16): the search index folds Arabic yeh and kaf into the Persian
// letters, Arabic-Indic digits into Persian ones, and leaves out the zero-width non-joiner, tatweel and
// diacritics (briefing/render/search.py, FOLD). Material's search has no hook for the query, so the search
// box hands Material's search the query folded the same way, while the reader keeps seeing what they typed.
// Progressive: without this script, or a browser that refuses it, search works as Material's always does.
(function () {
  "use strict";
  var FOLDED = /[\u064A\u0649\u0643\u0660-\u0669\u200C\u0640\u064B-\u065F\u0670]/g;
  var INTO = { "\u064A": "\u06CC", "\u0649": "\u06CC", "\u0643": "\u06A9" };
  function fold(character) {
    var code = character.charCodeAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 0x06F0);
    return INTO[character] || "";
  }
  function normalise(text) {
    return typeof text === "string" ? text.replace(FOLDED, fold) : text;
  }
  var value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  function attach() {
    var input = document.querySelector("input[data-md-component=search-query]");
    if (!input || !value || input.hasAttribute("data-br-folded")) return;
    try {
      // Material reads the query from the box's value on every key: it reads it folded.
      Object.defineProperty(input, "value", {
        configurable: true,
        get: function () { return normalise(value.get.call(this)); },
        set: function (text) { value.set.call(this, text); }
      });
      input.setAttribute("data-br-folded", "");
    } catch (error) {
      // A browser that does not let the property be redefined searches without the folding.
    }
  }
  attach();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(attach);  // navigation.instant may bring a new header
  }
})();
