"""`{% once a, b %}…{% endonce %}`: a template fragment rendered once a build.

A list page shows each article as a card, and each article's card is on
about four list pages: its year's and month's, its category's, and the
front pages. At 63k articles that was 250k renderings of 63k cards, 15 s
of a rebuild (docs/build-performance.md). A fragment in `once` is rendered
the first time its values come, and its text given again after.

The fragment's text must follow from the values named and the template's
globals alone, not from the page it is on: the values are told apart by
identity (they are held, so that no other object takes their id), and the
text kept compressed (an archive's cards are 75 MB as text, 35 MB so): by
one raw deflate stream for the whole build, flushed in full after each
fragment, so that each can be inflated alone. A compressor made for each
fragment cost 80 µs of setting up, more than the rendering it saved.
Each Jinja environment, one per generator and build, keeps its own. The
theme needs this tag: thai_speedups adds it (and can only turn off the
keeping, THAI_SPEEDUPS["rendered_once"]).
"""

from __future__ import annotations

import zlib

from jinja2 import nodes
from jinja2.ext import Extension


class RenderedOnce(Extension):
    tags = {"once"}

    def __init__(self, environment):
        super().__init__(environment)
        self.enabled = True  # THAI_SPEEDUPS["rendered_once"]
        self.kept: dict[tuple, tuple[list, type, bytes]] = {}
        self._deflate = zlib.compressobj(1, zlib.DEFLATED, -15)

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        values = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            values.append(parser.parse_expression())
        body = parser.parse_statements(("name:endonce",), drop_needle=True)
        where = nodes.Const(f"{parser.name}:{lineno}")  # two tags never share a text
        return nodes.CallBlock(self.call_method("_render", [where, nodes.List(values)]),
                               [], [], body).set_lineno(lineno)

    def _render(self, where: str, values: list, caller) -> str:
        if not self.enabled:
            return caller()
        key = (where, *map(id, values))
        found = self.kept.get(key)
        if found is not None:
            return found[1](zlib.decompressobj(-15).decompress(found[2]).decode())
        text = caller()
        packed = self._deflate.compress(text.encode()) + self._deflate.flush(zlib.Z_FULL_FLUSH)
        self.kept[key] = (values, type(text), packed)
        return text


def add_rendered_once(generator, enabled: bool) -> None:
    generator.env.add_extension(RenderedOnce)
    generator.env.extensions[RenderedOnce.identifier].enabled = enabled
