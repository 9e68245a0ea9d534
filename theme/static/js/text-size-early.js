// The reader's saved text size, applied before the page is first drawn so
// it never jumps. A classic script loaded in <head> without defer (no inline
// script, so a strict CSP holds). The buttons are wired by text-size.js;
// the sizes themselves are CSS (html[data-text-size] in site.css).
(function () {
  "use strict";
  try {
    var level = window.localStorage.getItem("text-size");
    if (level && /^-?[0-9]$/.test(level) && level !== "0") {
      document.documentElement.setAttribute("data-text-size", level);
    }
  } catch (error) {
    // Storage blocked (private mode, policy): the default size.
  }
}());
