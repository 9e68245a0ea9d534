"""The code a cached result depends on, read from the import statements.

A cache is versioned by a hash of the code that made its values (store.py).
A hand-kept list of files misses the module a later change starts to import
(thai_chars.py and contract.py once were missed, so an edit to them reused
stale results); here the list is derived: the modules named and every module
they import, directly or not, from the packages given. Those are a
project's own code. The libraries it calls are named by each cache
(library_versions): their installed versions and Python's are in the key
too, so that an upgrade is never answered with what the old ones made.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path

from .store import digest


def _inside(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # a name defined in a module, not a module of its own
        return False


def _from_import(base: str, name: str, packages: tuple[str, ...]) -> str | None:
    """The module `from base import name` reads: base.name when that is a
    module (`from . import thai_chars`), else base; None if outside packages."""
    if _inside(f"{base}.{name}", packages) and _is_module(f"{base}.{name}"):
        return f"{base}.{name}"
    return base if _inside(base, packages) else None


def imported_modules(name: str, packages: tuple[str, ...]) -> set[str]:
    """The modules of `packages` that module `name` imports, anywhere in its code."""
    spec = importlib.util.find_spec(name)
    # Relative imports start from the module's package (a package: itself).
    here = name if spec.submodule_search_locations is not None else name.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(ast.parse(Path(spec.origin).read_bytes(), spec.origin)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if _inside(a.name, packages))
        elif isinstance(node, ast.ImportFrom):
            base = (importlib.util.resolve_name("." * node.level + (node.module or ""), here)
                    if node.level else node.module)
            found.update(_from_import(base, a.name, packages) for a in node.names)
    found.discard(None)
    return found


def module_files(roots: Iterable[str], packages: Iterable[str]) -> dict[str, Path]:
    """Module name -> file, sorted by name: the roots and every module of
    `packages` they import, directly or not."""
    packages = tuple(packages)
    files: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in files:
            files[name] = Path(importlib.util.find_spec(name).origin)
            todo.extend(imported_modules(name, packages))
    return dict(sorted(files.items()))


def code_digest(roots: Iterable[str], packages: Iterable[str]) -> str:
    """A hash of that code (each module's name and file), for a store's version."""
    return digest(*(part for name, path in module_files(roots, packages).items()
                    for part in (name, path.read_bytes())))


def library_versions(names: Iterable[str]) -> str:
    """The installed version of each named distribution (importlib.metadata)
    and the Python that runs them, as one line for a cache's key.

    Python's version stands for its standard library too (html.parser,
    unicodedata's tables, re). A library that is not installed is named as
    such, so installing it later changes the line as well.
    """
    found = [f"python={sys.implementation.name} {sys.version}"]
    for name in sorted(set(names)):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "not installed"
        found.append(f"{name}={version}")
    return "; ".join(found)
