"""Cache files a killed build or a damaged disk left behind are never used:
the SQLite store (segmentation cache, HTML memos), the checked files
(render keys, image lists), Pelican's content cache. Each is detected,
reported with a warning that starts with its plugin's name, and made again.
Real files, damaged as a disk would damage them; the kills are real SIGKILLs
of a real process (kill_points.py)."""

from __future__ import annotations

import marshal
import pickle
import random
import signal
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from pelican.plugins.thai_search.safe_files import (
    DamagedFile,
    read_checked,
    with_checksum,
    without_checksum,
    write_checked,
)
from pelican.plugins.thai_search.store import Store
from sitebuild import ROOT
from thai_speedups.content_cache import dump_cache, load_cache
from thai_speedups.incremental_writer import load_keys


def _values(n: int = 300) -> dict[str, tuple]:
    """Values as the segmentation cache holds them, large enough for many pages."""
    rng = random.Random(7)
    words = ["ข่าว", "การส่งออก", "ทุเรียน", "กระทรวง", "export", "2567"]
    return {f"{i:064x}": (" ".join(rng.choices(words, k=300)), [rng.choices(words, k=40)],
                          [bytes(rng.randrange(256) for _ in range(40))])
            for i in range(n)}


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "emptied":
        data = b""
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "garbage header":
        data[:100] = random.Random(1).randbytes(100)
    elif how == "garbage second half":
        half = len(data) // 2
        data[half:] = random.Random(2).randbytes(len(data) - half)
    path.write_bytes(bytes(data))


def _stored(folder: Path, values: dict) -> Path:
    store = Store(folder, "segments", "v1")
    store.put_many(values.items())
    store.close()
    return store.path


@pytest.mark.parametrize("how", ["emptied", "truncated", "garbage header",
                                 "garbage second half"])
def test_a_damaged_store_is_reported_never_read_and_made_again(tmp_path, caplog, how):
    folder = tmp_path / "thai_search"
    values = _values()
    path = _stored(folder, values)
    _damage(path, how)
    store = Store(folder, "segments", "v1")
    found = dict(store.get_many(list(values)))
    assert all(found[key] == values[key] for key in found)  # nothing damaged is served
    assert len(found) < len(values)
    assert f"thai_search: cache file {path} is damaged" in caplog.text
    # What the build computes again is stored in a sound file.
    store.put_many((k, v) for k, v in values.items() if k not in found)
    store.close()
    caplog.clear()
    again = Store(folder, "segments", "v1")
    assert dict(again.get_many(list(values))) == values
    again.close()
    assert "damaged" not in caplog.text


def test_a_damaged_value_fails_its_checksum_and_is_not_served(tmp_path, caplog):
    """One value's bytes changed in place (the file's structure intact): zlib's
    checksum catches it, for get as for get_many."""
    folder = tmp_path / "thai_html"
    values = _values(50)
    path = _stored(folder, values)
    key = sorted(values)[20]
    raw = zlib.compress(marshal.dumps(values[key]), 1)
    data = bytearray(path.read_bytes())
    at = data.find(raw)
    assert at > 0
    data[at + len(raw) // 2] ^= 0x5A
    path.write_bytes(bytes(data))
    store = Store(folder, "segments", "v1")
    assert store.get(key) is None
    assert "thai_html: cache file" in caplog.text and "is damaged" in caplog.text
    assert store.get(sorted(values)[0]) is None  # the file was made again, empty
    store.close()


def _run(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=120)


def test_a_store_write_killed_midway_leaves_the_store_as_before(tmp_path, caplog):
    folder = tmp_path / "thai_search"
    values = _values(40)
    _stored(folder, dict(list(values.items())[:20]))
    killed = _run(f"""
        from pathlib import Path
        from pelican.plugins.thai_search.store import Store
        store = Store(Path({str(folder)!r}), "segments", "v1")
        store.put_many([(f"new{{i}}", i) for i in range(30)])
        """, env={"THAI_KILL_AT": "segments.write", "PATH": "/usr/bin:/bin"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert list(folder.glob("*-journal"))  # the transaction was under way
    store = Store(folder, "segments", "v1")
    assert dict(store.get_many(list(values))) == dict(list(values.items())[:20])
    assert store.get("new0") is None  # the killed write is rolled back whole
    store.close()
    assert "damaged" not in caplog.text


def test_checked_data_comes_back_only_when_whole(tmp_path):
    data = b"payload\nsha256:" + bytes(range(256))  # may hold the trailer's own marker
    assert without_checksum(with_checksum(data)) == data
    path = tmp_path / "keys"
    write_checked(path, data)
    assert read_checked(path) == data
    assert not list(tmp_path.glob("*.partial"))
    raw = path.read_bytes()
    for damaged in (raw[:-10], raw[: len(raw) // 2], raw[:5] + b"X" + raw[6:], b""):
        path.write_bytes(damaged)
        with pytest.raises(DamagedFile):
            read_checked(path)


def test_a_file_written_when_the_build_is_killed_keeps_its_old_content(tmp_path):
    path = tmp_path / "rendered-keys.marshal"
    write_checked(path, b"old")
    killed = _run(f"""
        from pelican.plugins.thai_search.safe_files import write_checked
        write_checked({str(path)!r}, b"new" * 100000, kill_at="thai_speedups.render_keys")
        """, env={"THAI_KILL_AT": "thai_speedups.render_keys", "PATH": "/usr/bin:/bin"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert read_checked(path) == b"old"


@pytest.mark.parametrize("how", ["emptied", "truncated", "garbage second half"])
def test_damaged_render_keys_are_reported_and_every_page_rendered(tmp_path, caplog, how):
    path = tmp_path / "rendered-keys.marshal"
    keys = {f"news/{i}/index.html": [f"{i:064x}", 1000 + i, 10**18 + i] for i in range(50)}
    write_checked(path, marshal.dumps(keys))
    assert load_keys(path) == keys
    _damage(path, how)
    assert load_keys(path) == {}
    assert f"thai_speedups: render keys file {path} is damaged" in caplog.text
    assert not path.exists()


@pytest.mark.parametrize("how", ["emptied", "truncated", "garbage header",
                                 "garbage second half"])
def test_a_damaged_pelican_content_cache_is_reported_and_read_again(tmp_path, caplog, how):
    """Pelican itself stops with EOFError on an emptied cache file."""
    path = tmp_path / "ArticlesGenerator-Readers.v0123456789abcdef"
    cache = {f"/content/news/{i}.md": (1.5e9 + i, ("<p>ข่าว</p>" * 50, {"title": f"{i}"}))
             for i in range(100)}
    with open(path, "wb") as file:
        dump_cache(cache, file)
    assert load_cache(path, open) == cache
    _damage(path, how)
    assert load_cache(path, open) == {}
    assert f"thai_speedups: Pelican's content cache {path} is damaged" in caplog.text
    assert not path.exists()
    assert load_cache(path, open) == {}  # none at all: no warning
    assert caplog.text.count("is damaged") == 1


def test_the_content_cache_leaves_no_utf8_copy_in_the_strings_it_saves(tmp_path):
    """Pickle's own str encoding caches each string's UTF-8 inside it; the
    articles keep their content strings for the whole build."""
    saved, plain = ("".join(f"<p>ข่าวราคายาง {i}</p>" for i in range(50)) for _ in range(2))
    assert saved is not plain
    size = sys.getsizeof(saved)
    pickle.dumps(plain)
    assert sys.getsizeof(plain) > size  # why dump_cache exists
    odd = saved[:100] + "\ud800"  # a lone surrogate, as a broken file may give
    cache = {"/content/news/a.md": (1.5e9, (saved, {"title": "ข่าว", "n": [saved, odd, 1]}))}
    path = tmp_path / "cache"
    with open(path, "wb") as file:  # in pieces, as with_checksum would end it
        dump_cache(cache, file)
    assert sys.getsizeof(saved) == size
    assert load_cache(path, open) == cache
    data = without_checksum(path.read_bytes())
    assert path.read_bytes() == with_checksum(data)


@pytest.mark.parametrize("part", ["list", "copy"])
@pytest.mark.parametrize("how", ["truncated", "garbage second half"])
def test_damaged_image_copies_are_reported_and_made_again(tmp_path, caplog, part, how):
    from test_images import jpeg

    from thai_images.store import Store as ImageStore

    source = tmp_path / "photo.jpg"
    source.write_bytes(jpeg(1000, 600))
    cache = tmp_path / "thai_images"
    photo = ImageStore(cache, [480, 800], 80).photo(source)
    made = {c.cached: c.cached.read_bytes() for c in photo.copies}
    assert len(made) == 2  # 480 and 800 wide
    [index] = cache.glob("*.copies")
    _damage(index if part == "list" else sorted(made)[0], how)
    again = ImageStore(cache, [480, 800], 80)
    assert again.photo(source) == photo
    assert again.encoded == 2  # made again, not taken from the damaged cache
    assert {path: path.read_bytes() for path in made} == made
    assert f"thai_images: cached copies of {source} are damaged" in caplog.text
    caplog.clear()
    third = ImageStore(cache, [480, 800], 80)
    assert third.photo(source) == photo and third.encoded == 0
    assert "damaged" not in caplog.text
