"""Plugin settings as a declarative schema, in the manner of mkdocs' config
options: each key of a settings dict (THAI_SEARCH = {...}) is an Option with
its default and its rule, and `load` merges what pelicanconf.py gives over
the defaults and checks it once, at start-up.

An error names the plugin, the setting and the key, says what is expected
and shows the value given, so the fix is in the message:

    thai_search: THAI_SEARCH['page_size'] must be a whole number >= 1, not 0

Pure (no Pelican import): the site's own plugins and tools share it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any


class SettingsError(ValueError):
    """A settings dict that does not follow its schema."""


class Option:
    """A key with a default. `valid(value)` tells whether a value is allowed
    (any value when None); `expected` completes "must be ..."."""

    def __init__(self, default: Any, valid: Callable[[Any], bool] | None = None,
                 expected: str = "valid"):
        self.default = default
        self._valid = valid
        self.expected = expected

    def check(self, value: Any) -> Any:
        """The value to keep; ValueError("must be ...") when not allowed."""
        try:
            ok = self._valid is None or bool(self._valid(value))
        except (TypeError, ValueError, KeyError, AttributeError):
            ok = False
        if not ok:
            raise ValueError(f"must be {self.expected}")
        return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Count(Option):
    """A whole number, at least `least` (and at most `most`)."""

    def __init__(self, default: int, least: int = 0, most: int | None = None):
        expected = (f"a whole number from {least} to {most}" if most is not None
                    else f"a whole number >= {least}")
        super().__init__(default, expected=expected)
        self.least, self.most = least, most

    def check(self, value: Any) -> Any:
        if (not isinstance(value, int) or isinstance(value, bool) or value < self.least
                or (self.most is not None and value > self.most)):
            raise ValueError(f"must be {self.expected}")
        return value


class Number(Option):
    """A number (whole or not) in a range; `above` excludes its bound."""

    def __init__(self, default: float, least: float | None = None,
                 most: float | None = None, above: float | None = None,
                 below: float | None = None, expected: str = ""):
        bounds = [f"{sign} {bound}" for sign, bound in
                  ((">=", least), (">", above), ("<=", most), ("<", below)) if bound is not None]
        super().__init__(default, expected=expected or f"a number {' and '.join(bounds)}".strip())
        self.least, self.most, self.above, self.below = least, most, above, below

    def check(self, value: Any) -> Any:
        ok = _is_number(value) and not (
            (self.least is not None and value < self.least)
            or (self.most is not None and value > self.most)
            or (self.above is not None and value <= self.above)
            or (self.below is not None and value >= self.below))
        if not ok:
            raise ValueError(f"must be {self.expected}")
        return value


class Flag(Option):
    def __init__(self, default: bool):
        super().__init__(default, expected="True or False")

    def check(self, value: Any) -> Any:
        if not isinstance(value, bool):
            raise ValueError(f"must be {self.expected}")
        return value


class Text(Option):
    """A string; `path=True` for a relative path (no leading or trailing /
    kept), `empty=False` when it may not be empty."""

    def __init__(self, default: str | None, empty: bool = True, none: bool = False,
                 expected: str = ""):
        super().__init__(default, expected=expected or (
            "a string" + ("" if empty else ", not empty") + (" or None" if none else "")))
        self.empty, self.none = empty, none

    def check(self, value: Any) -> Any:
        if value is None and self.none:
            return None
        if not isinstance(value, str) or (not self.empty and not value):
            raise ValueError(f"must be {self.expected}")
        return value


class Dict(Option):
    """A dict whose keys and values each pass a rule (any value by default)."""

    def __init__(self, default: dict, value: Option | None = None, expected: str = "a dict",
                 non_empty: bool = False):
        super().__init__(default, expected=expected)
        self.value, self.non_empty = value, non_empty

    def check(self, value: Any) -> Any:
        if not isinstance(value, Mapping) or (self.non_empty and not value):
            raise ValueError(f"must be {self.expected}")
        if self.value is not None:
            try:
                return {k: self.value.check(v) for k, v in value.items()}
            except ValueError:
                raise ValueError(f"must be {self.expected}") from None
        return dict(value)


class List(Option):
    """A list (or tuple) whose items each pass `item`; `distinct` forbids
    repeats, `least` sets the fewest items."""

    def __init__(self, default: list, item: Option | None = None, expected: str = "a list",
                 distinct: bool = False, least: int = 0):
        super().__init__(default, expected=expected)
        self.item, self.distinct, self.least = item, distinct, least

    def check(self, value: Any) -> Any:
        if not isinstance(value, list | tuple) or len(value) < self.least:
            raise ValueError(f"must be {self.expected}")
        items = list(value)
        if self.item is not None:
            try:
                items = [self.item.check(v) for v in items]
            except ValueError:
                raise ValueError(f"must be {self.expected}") from None
        if self.distinct and len({repr(v) for v in items}) < len(items):
            raise ValueError(f"must be {self.expected}")
        return items


def load(plugin: str, name: str, schema: Mapping[str, Option],
         given: Mapping | None) -> dict:
    """`given` (the dict from pelicanconf.py, or None) over the schema's
    defaults, every key checked; SettingsError naming the key otherwise."""
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise SettingsError(f"{plugin}: {name} must be a dict of settings, not {given!r}")
    unknown = sorted(set(given) - set(schema), key=str)
    if unknown:
        raise SettingsError(f"{plugin}: unknown {name} keys: {', '.join(map(str, unknown))} "
                            f"(known: {', '.join(schema)})")
    config = {}
    for key, option in schema.items():
        if key in given:
            try:
                config[key] = option.check(given[key])
            except ValueError as error:
                raise SettingsError(f"{plugin}: {name}[{key!r}] {error}, "
                                    f"not {given[key]!r}") from None
        else:
            config[key] = copy.deepcopy(option.default)
    return config


def defaults(schema: Mapping[str, Option]) -> dict:
    """The schema's defaults, as a settings dict."""
    return {key: copy.deepcopy(option.default) for key, option in schema.items()}
