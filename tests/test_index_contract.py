"""One index contract: contract.py (the build) and contract.js (the
browser) hold the same values, and the engine refuses any other format."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pelican.plugins.thai_search import contract, thai_chars
from sitebuild import ROOT

PACKAGE = ROOT / "packages" / "pelican-thai-search" / "pelican" / "plugins" / "thai_search"
JS = PACKAGE / "static" / "js" / "search"


def _node(script: str) -> dict:
    run = subprocess.run(["node", "--input-type=module", "-e", script], cwd=JS,
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_python_and_js_hold_the_same_contract():
    js = _node('import { asJson } from "./contract.js"; console.log(JSON.stringify(asJson()));')
    assert js == contract.as_json()


def test_python_and_js_name_the_same_thai_characters():
    js = _node('import * as chars from "./thai-chars.js"; console.log(JSON.stringify(chars));')
    assert js == thai_chars.as_json()


def test_the_index_folders_are_the_contract_s_six():
    """Term pieces, result rows, positions and pairs, snippet texts, spelling
    corrections, the pieces' word lists: named in contract.py and
    contract.js (compared above), one folder each."""
    assert contract.INDEX_DIRS == (contract.TERMS_DIR, contract.DOCS_DIR,
                                   contract.POSITIONS_DIR, contract.TEXTS_DIR, contract.TYPOS_DIR,
                                   contract.WORDS_DIR)
    assert len(set(contract.INDEX_DIRS)) == 6
    assert set(contract.as_json()["dirs"].values()) == set(contract.INDEX_DIRS)


def test_the_engine_reads_the_format_the_build_writes():
    js = _node('import { INDEX_VERSION } from "./engine.js";'
               'console.log(JSON.stringify({version: INDEX_VERSION}));')
    assert js["version"] == contract.FORMAT_VERSION


# How the index's folders were once spelled out, in the writer, the
# browser's loader and the site's _headers rules.
FOLDER_LITERALS = ('write_groups(writer, "', 'write("x"', 'write_raw("p"', '("t", "d"',
                   'groupFile("', "}p/", "}x/", "}t/", "}d/")


def test_no_module_spells_the_contract_out_again():
    """The prefixes, the version and the folders are named, never written as literals."""
    headers = ROOT / "plugins" / "thai_headers" / "thai_headers.py"
    for path in [*PACKAGE.glob("*.py"), *JS.glob("*.js"), headers]:
        if path.stem == "contract":
            continue
        text = path.read_text("utf-8")
        for literal in ('startsWith("~")', "`~c", '"~c', "FORMAT_VERSION = ", "INDEX_VERSION = 8",
                        *FOLDER_LITERALS):
            assert literal not in text, f"{path.name} spells out {literal}"


def test_the_packaged_lunr_is_the_pinned_npm_file():
    """lunr.min.js ships in the package (a site needs no npm for it); it is
    the very file of the lunr version package.json pins."""
    packaged = PACKAGE / "static" / "vendor" / "lunr" / "lunr.min.js"
    pinned = json.loads(Path(ROOT, "package.json").read_text())["dependencies"]["lunr"]
    npm = ROOT / "node_modules" / "lunr"
    assert json.loads((npm / "package.json").read_text())["version"] == pinned
    assert packaged.read_bytes() == (npm / "lunr.min.js").read_bytes()
    assert f" - {pinned}\n" in packaged.read_text("utf-8")[:200]


BOUNDS = json.loads((ROOT / "tests" / "vectors" / "bounds.json").read_text("utf-8"))


def test_the_manifest_codes_piece_bounds_as_the_browser_decodes_them():
    """Front coded (index_files.code_bounds): the shared vectors, which
    tests/js/bounds.test.js decodes with piece-data.js."""
    from pelican.plugins.thai_search.index_files import code_bounds, decode_bounds

    for case in BOUNDS["cases"]:
        assert code_bounds(case["bounds"]) == case["coded"]
        assert decode_bounds(case["coded"]) == case["bounds"]


TEXTS = json.loads((ROOT / "tests" / "vectors" / "texts.json").read_text("utf-8"))


def test_snippet_texts_are_written_as_the_browser_reads_them():
    """windows-874, or UTF-8 after a byte order mark (text_files.py): the
    shared vectors, which tests/js/text-file.test.js decodes with
    text-file.js."""
    from pelican.plugins.thai_search.text_files import decode_text, encode_text

    for case in TEXTS["cases"]:
        raw = bytes.fromhex(case["hex"])
        assert encode_text(case["text"]) == raw, case["about"]
        assert decode_text(raw) == case["text"], case["about"]
        assert raw.startswith(b"\xef\xbb\xbf") == case["utf8"], case["about"]
    thai = next(c for c in TEXTS["cases"] if c["about"].startswith("every Thai"))
    assert len(bytes.fromhex(thai["hex"])) == len(thai["text"])  # one byte a letter
