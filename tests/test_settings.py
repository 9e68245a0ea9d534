"""One settings loader for every plugin (the search package's options.py),
and plugins that check at start-up for the plugins they need."""

from __future__ import annotations

import pytest

import pelicanconf
from pelican.plugins.thai_search.options import (
    Count,
    Dict,
    Flag,
    List,
    Number,
    Option,
    SettingsError,
    Text,
    defaults,
    load,
)
from sitebuild import article, build_site, write_content

SCHEMA = {
    "size": Count(10, least=1, most=20),
    "share": Number(0.5, above=0, below=1, expected="between 0 and 1"),
    "name": Text("x", empty=False),
    "on": Flag(True),
    "widths": List([1, 2], Count(1, least=1), least=1, expected="a list of widths"),
    "map": Dict({"a": "b"}, Text(""), expected="a dict of names"),
    "pair": Option([1, 2], lambda v: len(v) == 2, expected="a pair"),
}


def test_defaults_fill_what_is_not_given_and_are_never_shared():
    first = load("p", "P", SCHEMA, None)
    assert first == defaults(SCHEMA)
    first["widths"].append(3)
    assert load("p", "P", SCHEMA, {})["widths"] == [1, 2]


@pytest.mark.parametrize("key, value, message", [
    ("size", 0, "P['size'] must be a whole number from 1 to 20, not 0"),
    ("size", True, "P['size'] must be a whole number from 1 to 20, not True"),
    ("share", 1, "P['share'] must be between 0 and 1, not 1"),
    ("name", "", "P['name'] must be a string, not empty, not ''"),
    ("on", "yes", "P['on'] must be True or False, not 'yes'"),
    ("widths", [1, 0], "P['widths'] must be a list of widths, not [1, 0]"),
    ("widths", [], "P['widths'] must be a list of widths, not []"),
    ("map", {"a": 1}, "P['map'] must be a dict of names, not {'a': 1}"),
    ("pair", 5, "P['pair'] must be a pair, not 5"),
])
def test_a_bad_value_names_the_key_what_it_must_be_and_what_was_given(key, value, message):
    with pytest.raises(SettingsError) as error:
        load("p", "P", SCHEMA, {key: value})
    assert str(error.value) == f"p: {message}"


def test_an_unknown_key_is_refused_with_the_known_ones():
    with pytest.raises(SettingsError, match=r"p: unknown P keys: colour \(known: size, share"):
        load("p", "P", SCHEMA, {"colour": 1})


def _order_build(tmp_path, plugins):
    write_content(tmp_path / "content", {"news/2024/a.md": article(slug="a")})
    return build_site(tmp_path / "content", tmp_path / "output", extra={"PLUGINS": plugins})


@pytest.mark.parametrize("plugins, message", [
    (["thai_sitemap", "thai_search"],
     'thai_sitemap: needs the thai_news plugin (it checks the content first, and gives the '
     'dev_origin of relative sites): add "thai_news" to PLUGINS, before "thai_sitemap"'),
    (["thai_share", "thai_news", "thai_search"],
     'thai_share: PLUGINS lists thai_news after thai_share, but thai_share needs it first'),
    (["thai_search", "thai_news"],
     'thai_search: PLUGINS lists thai_news after thai_search, but thai_news must run first'),
    ([*pelicanconf.PLUGINS[:-2], "thai_offline", "thai_assets"],
     'thai_offline: PLUGINS lists thai_assets after thai_offline'),
    (["thai_lang", "thai_news", "thai_search"],
     'thai_lang: PLUGINS lists thai_news after thai_lang, but thai_news must run first'),
    (["thai_news", "thai_related"],
     'thai_related: needs the thai_search plugin (it ranks articles by the terms the search '
     'segmented): add "thai_search" to PLUGINS, before "thai_related"'),
    (["thai_news", "thai_related", "thai_search"],
     'thai_related: PLUGINS lists thai_search after thai_related'),
])
def test_a_plugin_missing_or_out_of_order_stops_the_build_at_start(tmp_path, plugins, message):
    build = _order_build(tmp_path, plugins)
    assert build.returncode != 0
    assert message in build.log
    assert not (tmp_path / "output" / "search").exists()  # before any work


def test_the_site_lists_its_plugins_in_an_order_they_accept(sample_site):
    assert sample_site.returncode == 0
