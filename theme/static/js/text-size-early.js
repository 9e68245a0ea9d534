// What must hold before the page is first drawn, so that nothing jumps:
// - html.js: JavaScript runs, so site.css shows the controls that need it
//   (the menu button, the text-size control, copy link) from the first
//   paint instead of when their modules start;
// - the reader's saved text size (html[data-text-size], sizes in site.css;
//   the buttons are wired by text-size.js).
// A classic script loaded in <head> without defer (no inline script, so a
// strict CSP holds).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  try {
    var level = window.localStorage.getItem("text-size");
    if (level && /^-?[0-9]$/.test(level) && level !== "0") {
      document.documentElement.setAttribute("data-text-size", level);
    }
  } catch (error) {
    // Storage blocked (private mode, policy): the default size.
  }
}());
