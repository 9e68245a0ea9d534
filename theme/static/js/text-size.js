// The text-size control (ก- ก ก+) in the menu, shown by site.css once
// text-size-early.js has marked html.js (hidden without JavaScript):
// applies a level to <html data-text-size>, remembers it in localStorage for
// every page, and follows changes made in other tabs. data-ready says the
// buttons are wired.

import { STORAGE_KEY, buttonStates, parseLevel, stepLevel } from "./text-size-levels.js";

const group = document.querySelector(".text-size");

function stored() {
  try {
    return parseLevel(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseLevel(null);
  }
}

function save(level) {
  try {
    window.localStorage.setItem(STORAGE_KEY, String(level));
  } catch {
    // Storage blocked: the size holds on this page only.
  }
}

function show(level) {
  const root = document.documentElement;
  if (level === 0) root.removeAttribute("data-text-size");
  else root.setAttribute("data-text-size", String(level));
  const states = buttonStates(level);
  for (const button of group.querySelectorAll("button[data-text-size-step]")) {
    const state = states[button.dataset.textSizeStep];
    // aria-disabled, not disabled: the button keeps keyboard focus at the end.
    if ("disabled" in state) button.setAttribute("aria-disabled", String(state.disabled));
    if ("pressed" in state) button.setAttribute("aria-pressed", String(state.pressed));
  }
}

if (group) {
  let level = stored();
  show(level);
  group.dataset.ready = "";
  group.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-text-size-step]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    level = stepLevel(level, Number(button.dataset.textSizeStep));
    save(level);
    show(level);
  });
  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY) {
      level = parseLevel(event.newValue);
      show(level);
    }
  });
}
