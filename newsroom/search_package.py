"""Keep .venv's pelican-thai-search the same as packages/pelican-thai-search.

The site uses the Thai search as any Pelican site would: installed, found by
Pelican in the pelican.plugins namespace. An editable install cannot be
found there (Pelican lists the namespace's folders, and `pelican` is a
regular package), so `make setup` installs a copy, and the build, serve and
test commands call `ensure_current()`, which reinstalls the copy (a few
seconds) when the source has changed since.

    python -m newsroom.search_package      # reinstall if changed
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "packages" / "pelican-thai-search"
PACKAGE = SOURCE / "pelican" / "plugins" / "thai_search"


def _digest(folder: Path) -> str:
    """A hash of the files' paths and bytes, leaving out compiled Python."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def installed_folder() -> Path | None:
    spec = importlib.util.find_spec("pelican.plugins.thai_search")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def is_current() -> bool:
    folder = installed_folder()
    return folder is not None and folder.resolve() != PACKAGE.resolve() \
        and _digest(folder) == _digest(PACKAGE)


def ensure_current(python: str = sys.executable) -> bool:
    """Reinstall the package when its source differs; True when it did."""
    if is_current():
        return False
    print("pelican-thai-search: the source changed; installing it into the venv",
          file=sys.stderr)
    # setuptools leaves build/lib behind, and would wheel a deleted module again.
    shutil.rmtree(SOURCE / "build", ignore_errors=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--force-reinstall", str(SOURCE)], check=True)
    importlib.invalidate_caches()
    return True


if __name__ == "__main__":
    ensure_current()
