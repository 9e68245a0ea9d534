"""Copies into the output compare content (SHA-256), not size: an npm file
upgraded to one of the same size and mtime, a resized photo or a share
image that changed in the cache, and an output file damaged in place are all
copied again on the next build; an unchanged rebuild hashes nothing. Real
builds, and the memo (thai_core.copies) on real files."""

from __future__ import annotations

import os
import re

from sitebuild import article, build_site, write_content
from thai_core.copies import Digests, copy_if_changed, file_digest
from trust_site import wide_jpeg

# npm packs every file with this mtime (1985-10-26 08:15 UTC), so an
# upgraded package's files keep their mtime.
NPM_MTIME = 499162500
NPM_FILE = "@fontsource/x/files/x-thai-400-normal.woff2"
TARGET = "theme/vendor/x/x-thai-400-normal.woff2"


def npm_install(modules, data: bytes) -> None:
    """What `npm ci` does to one file: a new file, npm's fixed mtime."""
    path = modules / NPM_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)
    os.utime(path, (NPM_MTIME, NPM_MTIME))


def same_size_other_bytes(path) -> bytes:
    """Overwrite a file in place with other bytes of the same size, keeping its mtime."""
    stat = path.stat()
    data = bytes(b ^ 0xFF for b in path.read_bytes())
    path.write_bytes(data)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    return data


def test_a_same_size_npm_upgrade_is_copied(tmp_path):
    modules = tmp_path / "node_modules"
    npm_install(modules, b"\x01" * 4096)
    content = write_content(tmp_path / "content", {"news/2024/a.md": article(slug="a")})
    out = tmp_path / "output"
    extra = {"THAI_ASSETS": {"node_modules": str(modules), "files": {TARGET: NPM_FILE}}}
    first = build_site(content, out, extra=extra, verbose=True)
    assert first.returncode == 0, first.log
    assert (out / TARGET).read_bytes() == b"\x01" * 4096

    npm_install(modules, b"\x02" * 4096)  # the next version: same size, same mtime
    upgraded = build_site(content, out, extra=extra, verbose=True)
    assert upgraded.returncode == 0, upgraded.log
    assert (out / TARGET).read_bytes() == b"\x02" * 4096
    assert "thai_assets: 1 npm files, 1 copied" in upgraded.log

    same_size_other_bytes(out / TARGET)  # damaged in the output
    repaired = build_site(content, out, extra=extra, verbose=True)
    assert (out / TARGET).read_bytes() == b"\x02" * 4096
    assert "thai_assets: 1 npm files, 1 copied" in repaired.log
    again = build_site(content, out, extra=extra, verbose=True)
    assert "thai_assets: 1 npm files, 0 copied" in again.log
    assert not list(out.rglob("*.partial"))


def photo_site(tmp_path):
    content = write_content(tmp_path / "content", {
        "images/2024/photo.jpg": wide_jpeg(),  # 3000 px wide: 4 copies
        "news/2024/a.md": article(slug="a", image="images/2024/photo.jpg", imagealt="ภาพข่าว")})
    out = tmp_path / "output"
    build = build_site(content, out, verbose=True)
    assert build.returncode == 0, build.log
    assert "thai_images: 4 copies used, 4 written, 4 encoded" in build.log
    return content, out


def test_a_changed_image_copy_of_the_same_size_is_copied(tmp_path):
    content, out = photo_site(tmp_path)
    cache = tmp_path / "pelican-cache" / "thai_images"
    again = build_site(content, out, verbose=True)
    # Unchanged: nothing read again, the digests come from the memo.
    assert "thai_images: 4 copies used, 0 written, 0 encoded, 0 files hashed" in again.log

    # The output's 480 px copy changes, keeping its size and mtime (the cache
    # checks its own copies: tests/test_cache_damage.py).
    [cached] = cache.glob("*-480.jpg")
    [dest] = (out / "img").glob(f"photo-{cached.name}")
    new = dest.read_bytes()
    old = same_size_other_bytes(dest)  # damaged in the output
    assert old != new
    repaired = build_site(content, out, verbose=True)
    assert dest.read_bytes() == new
    assert "thai_images: 4 copies used, 1 written, 0 encoded" in repaired.log


def test_an_unreadable_digest_memo_is_rebuilt_with_a_warning(tmp_path):
    content, out = photo_site(tmp_path)
    memo = tmp_path / "pelican-cache" / "thai_images" / "digests.json"
    memo.write_text('{"cut short', encoding="utf-8")
    build = build_site(content, out, verbose=True)
    assert build.returncode == 0, build.log
    assert re.search(r"thai_images: \S+digests\.json is unreadable \(.+\); its files are "
                     r"hashed again and it is rewritten", build.log), build.log
    # Every source and output hashed once; nothing copied (they match).
    assert "thai_images: 4 copies used, 0 written, 0 encoded, 8 files hashed" in build.log
    assert "Traceback" not in build.log
    again = build_site(content, out, verbose=True)
    assert "0 files hashed" in again.log and "is unreadable (" not in again.log


def test_a_damaged_share_image_is_copied_again(tmp_path):
    content = write_content(tmp_path / "content", {
        "images/a.jpg": wide_jpeg(),
        "news/2024/a.md": article(slug="a", image="images/a.jpg", imagealt="ภาพประกอบข่าว")})
    out = tmp_path / "output"
    first = build_site(content, out)
    assert first.returncode == 0, first.log
    [share] = (out / "share").glob("*.jpg")
    good = share.read_bytes()
    assert good.startswith(b"\xff\xd8")  # a JPEG
    same_size_other_bytes(share)  # used to be kept: the name existed
    again = build_site(content, out)
    assert again.returncode == 0, again.log
    assert share.read_bytes() == good


def test_digests_are_remembered_with_the_stat(tmp_path):
    source, dest, memo = tmp_path / "a.bin", tmp_path / "out" / "a.bin", tmp_path / "m.json"
    source.write_bytes(b"a" * 100)
    digests = Digests(memo, "test")
    assert copy_if_changed(source, dest, digests) is True
    assert digests.hashed == 1  # the source; the copy's digest is known
    digests.save()
    later = Digests(memo, "test")
    assert copy_if_changed(source, dest, later) is False
    assert later.hashed == 0
    same_size_other_bytes(source)  # same size and mtime, new ctime
    assert later.of(source) == file_digest(source) and later.hashed == 1
    assert copy_if_changed(source, dest, later) is True
    assert dest.read_bytes() == source.read_bytes()
    assert Digests(None, "test").of(tmp_path / "none") is None
