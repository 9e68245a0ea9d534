"""Plugins that need another one say so at start-up, with a clear error.

Pelican runs the handlers of one signal in the order of PLUGINS, and when it
cannot load a plugin it only logs an error and builds without it. So a
plugin that relies on another (its settings, or its work done first on the
same signal) calls `require` from its `initialized` handler.
"""

from __future__ import annotations

from pelican.plugins._utils import get_plugin_name


class PluginOrderError(ValueError):
    """A plugin is missing from PLUGINS, or listed after one that needs it first."""


def _names(pelican) -> list[str]:
    names = []
    for plugin in getattr(pelican, "plugins", []):
        name = get_plugin_name(plugin)
        names.append(name.removeprefix("pelican.plugins.").split(".")[0])
    return names


def require(pelican, needed: str, by: str, why: str) -> None:
    """`needed` must be in PLUGINS before `by`; PluginOrderError otherwise."""
    names = _names(pelican)
    if needed not in names:
        raise PluginOrderError(f"{by}: needs the {needed} plugin ({why}): add \"{needed}\" "
                               f"to PLUGINS, before \"{by}\"")
    if by in names and names.index(needed) > names.index(by):
        raise PluginOrderError(f"{by}: PLUGINS lists {needed} after {by}, but {by} needs it "
                               f"first ({why}): move \"{needed}\" before \"{by}\"")


def order(pelican, first: str, then: str, why: str) -> None:
    """When both are in PLUGINS, `first` must come before `then`."""
    names = _names(pelican)
    if first in names and then in names and names.index(first) > names.index(then):
        raise PluginOrderError(f"{then}: PLUGINS lists {first} after {then}, but {first} "
                               f"must run first ({why}): move \"{first}\" before \"{then}\"")
