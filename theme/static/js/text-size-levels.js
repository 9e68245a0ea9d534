// Text-size levels and the rules for stepping between them: pure, shared by
// the page code (text-size.js) and its tests. Level 0 is the default; each
// level's size is set in site.css by html[data-text-size="<level>"].

export const STORAGE_KEY = "text-size"; // also read by text-size-early.js
export const MIN_LEVEL = -1;
export const MAX_LEVEL = 3; // 200 % text, WCAG 1.4.4
export const DEFAULT_LEVEL = 0;

/** A stored value as a level; anything unknown is the default. */
export function parseLevel(value) {
  if (typeof value !== "string" || !/^-?[0-9]$/.test(value)) return DEFAULT_LEVEL;
  const level = Number(value);
  return level >= MIN_LEVEL && level <= MAX_LEVEL ? level : DEFAULT_LEVEL;
}

/** The level after pressing a button: step -1 (ก-), 0 (ก, reset) or +1 (ก+). */
export function stepLevel(level, step) {
  if (step === 0) return DEFAULT_LEVEL;
  return Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, level + Math.sign(step)));
}

/** What each button shows for a level: disabled at the ends, ก pressed at the default. */
export function buttonStates(level) {
  return {
    "-1": { disabled: level <= MIN_LEVEL },
    0: { pressed: level === DEFAULT_LEVEL },
    1: { disabled: level >= MAX_LEVEL },
  };
}
