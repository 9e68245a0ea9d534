// The text-size levels behind the ก- ก ก+ buttons.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  DEFAULT_LEVEL, MAX_LEVEL, MIN_LEVEL, buttonStates, parseLevel, stepLevel,
} from "../../theme/static/js/text-size-levels.js";

test("stored values: known levels only, anything else is the default", () => {
  assert.equal(parseLevel("2"), 2);
  assert.equal(parseLevel("-1"), -1);
  for (const bad of [null, undefined, "", "9", "-5", "1.5", "abc", " 1", "<b>"]) {
    assert.equal(parseLevel(bad), DEFAULT_LEVEL, String(bad));
  }
});

test("ก+ and ก- step one level and stop at the ends; ก resets", () => {
  assert.equal(stepLevel(0, 1), 1);
  assert.equal(stepLevel(MAX_LEVEL, 1), MAX_LEVEL);
  assert.equal(stepLevel(MIN_LEVEL, -1), MIN_LEVEL);
  assert.equal(stepLevel(2, 0), DEFAULT_LEVEL);
  let level = DEFAULT_LEVEL;
  for (let i = 0; i < 10; i += 1) level = stepLevel(level, 1);
  assert.equal(level, MAX_LEVEL);
});

test("button states: disabled at the ends, ก pressed at the default size", () => {
  assert.deepEqual(buttonStates(0), { "-1": { disabled: false }, 0: { pressed: true }, 1: { disabled: false } });
  assert.equal(buttonStates(MAX_LEVEL)[1].disabled, true);
  assert.equal(buttonStates(MIN_LEVEL)["-1"].disabled, true);
  assert.equal(buttonStates(1)[0].pressed, false);
});

test("every level has a size in site.css, and the early script accepts it", () => {
  const css = readFileSync(new URL("../../theme/static/css/site.css", import.meta.url), "utf8");
  const early = readFileSync(new URL("../../theme/static/js/text-size-early.js", import.meta.url), "utf8");
  const pattern = new RegExp(early.match(/\/(\^-\?\[0-9\]\$)\//)[1]);
  for (let level = MIN_LEVEL; level <= MAX_LEVEL; level += 1) {
    if (level === DEFAULT_LEVEL) continue;
    assert.match(css, new RegExp(`html\\[data-text-size="${level}"\\] \\{ --text-scale: [0-9.]+; \\}`));
    assert.match(String(level), pattern);
  }
});
