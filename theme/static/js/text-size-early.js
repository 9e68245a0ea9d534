// What must hold before the page is first drawn, so that nothing jumps:
// - html.js: JavaScript runs, so site.css shows the controls that need it
//   (the menu button, the text-size control, copy link) from the first
//   paint instead of when their modules start;
// - the reader's saved text size (html[data-text-size], sizes in site.css;
//   the buttons are wired by text-size.js);
// - on the search page (html.fonts-later), Sarabun when an earlier page
//   loaded it (fonts.js), so it comes from the cache in time for the
//   first paint.
// A classic script loaded in <head> without defer (no inline script, so a
// strict CSP holds).
(function () {
  "use strict";
  // The faces the page would preload, as base.html preloads them (a
  // preload is what lets a font-display: optional face make the first paint).
  function laterFontsNow() {
    var html = document.documentElement;
    if (!html.classList.contains("fonts-later")) return;
    html.classList.remove("fonts-later");
    (html.getAttribute("data-font-preloads") || "").split(" ").forEach(function (href) {
      if (!href) return;
      var link = document.createElement("link");
      link.rel = "preload";
      link.as = "font";
      link.type = "font/woff2";
      link.crossOrigin = "anonymous";
      link.href = href;
      document.head.appendChild(link);
    });
  }
  document.documentElement.classList.add("js");
  try {
    var level = window.localStorage.getItem("text-size");
    if (level && /^-?[0-9]$/.test(level) && level !== "0") {
      document.documentElement.setAttribute("data-text-size", level);
    }
    if (window.localStorage.getItem("fonts-loaded") === "1") {
      laterFontsNow();
    }
  } catch (error) {
    // Storage blocked (private mode, policy): the default size.
  }
}());
