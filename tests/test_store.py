"""The one store (the search package's store.py) behind the segmentation
cache and the HTML memos: versioned files, batches, pruning."""

from __future__ import annotations

from pathlib import Path

from pelican.plugins.thai_search.store import Store


def test_values_come_back_as_stored_across_opens(tmp_path):
    store = Store(tmp_path, "s", "v1")
    store.put("a", ("text", [["ข่าว", "ไทย"]], [b"\x00\x01"]))
    store.put_many([("b", 1), ("c", {"x": [1, 2]})])
    store.close()
    again = Store(tmp_path, "s", "v1")
    assert again.get("a") == ("text", [["ข่าว", "ไทย"]], [b"\x00\x01"])
    assert dict(again.get_many(["c", "b", "missing"])) == {"b": 1, "c": {"x": [1, 2]}}
    assert again.get("missing") is None
    again.close()


def test_another_version_starts_empty_and_deletes_the_old_file(tmp_path):
    old = Store(tmp_path, "s", "v1")
    old.put("a", 1)
    old.close()
    new = Store(tmp_path, "s", "v2")
    assert new.get("a") is None
    assert [p.name for p in tmp_path.glob("s-*.sqlite")] == [new.path.name]
    new.close()
    other = Store(tmp_path, "t", "v1")  # another name is another store: both stay
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.sqlite")) == ["s", "t"]
    other.close()


def test_closing_drops_what_this_build_did_not_use(tmp_path):
    first = Store(tmp_path, "s", "v1")
    first.put_many([(str(i), i) for i in range(1200)])  # more than one batch
    first.close()
    second = Store(tmp_path, "s", "v1")
    assert dict(second.get_many(["1", "1100"])) == {"1": 1, "1100": 1100}
    second.close(prune=True)
    third = Store(tmp_path, "s", "v1")
    assert dict(third.get_many([str(i) for i in range(1200)])) == {"1": 1, "1100": 1100}
    third.close(prune=False)



def test_a_cache_found_damaged_says_so_and_loses_what_it_gave_before(tmp_path):
    """A value damaged in a later batch: the batches before it were given,
    then the file starts empty. `restarted` tells the build (thai_search:
    an index process would read what the cache no longer holds)."""
    import sqlite3

    from pelican.plugins.thai_search.cache import SegmentCache

    first = SegmentCache(tmp_path, "f")
    first.put_many({f"{i:04d}": ("text", [["ข่าว"]], [b""]) for i in range(1200)})
    first.close()
    with sqlite3.connect(first.store.path) as db:
        db.execute("UPDATE store SET value = ? WHERE key = '0700'", (b"not zlib",))
    db.close()
    second = SegmentCache(tmp_path, "f")
    assert not second.restarted
    given = dict(second.iter_many([f"{i:04d}" for i in range(1200)]))
    assert len(given) == 500 and second.restarted  # the first batch, then the damage
    assert dict(second.iter_many(["0001"])) == {}  # gone from the file
    second.close()


def test_the_index_process_reads_the_segmentation_cache_by_a_relative_path(tmp_path,
                                                                        monkeypatch):
    """CACHE_PATH stays relative when Pelican runs without a settings file."""
    from pelican.plugins.thai_search.cache import CacheReader, SegmentCache

    monkeypatch.chdir(tmp_path)
    cache = SegmentCache(Path("cache") / "thai_search", "f1")
    cache.put_many({"k": ("text", [["ข่าว"]], [b""])})
    cache.close()
    reader = CacheReader(cache.path)
    assert not cache.path.is_absolute()
    assert dict(reader.every()) == {"k": ("text", [["ข่าว"]], [b""])}
    assert dict(reader.many(["k", "gone"])) == {"k": ("text", [["ข่าว"]], [b""])}
    reader.close()
