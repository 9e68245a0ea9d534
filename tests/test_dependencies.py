"""Every dependency is declared where it is imported, and installed from the lock.

A third-party import of the site code (plugins/, newsroom/, tasks.py,
pelicanconf.py, publishconf.py) is a runtime dependency of pyproject.toml;
one of packages/pelican-thai-search is a dependency of its own
pyproject.toml; tests/ and bench/ may use the dev extra as well. Import
names map to distributions as installed (importlib.metadata.packages_distributions).
requirements.lock pins every declared dependency with its hashes, `make
setup` installs exactly that, and .venv holds those versions."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sitebuild import ROOT

PACKAGE = ROOT / "packages" / "pelican-thai-search"
THAI_SEARCH = "pelican.plugins.thai_search"  # the package's module: the site uses it installed
LOCK = ROOT / "requirements.lock"
SITE_CODE = ["plugins", "newsroom", "tasks.py", "pelicanconf.py", "publishconf.py"]
DEV_CODE = ["tests", "bench"]
IGNORED = {"build", "node_modules", "work"}  # built copies, npm files, bench/work/ sites
# Runtime dependencies that no module imports by name: what loads them instead.
LOADED_BY_NAME = {"markdown": "Pelican's Markdown reader, for every article"}


def pyproject(folder: Path) -> dict:
    return tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))


def names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def runtime(folder: Path) -> set[str]:
    return names(pyproject(folder)["project"]["dependencies"])


def dev() -> set[str]:
    return names(pyproject(ROOT)["project"]["optional-dependencies"]["dev"])


def python_files(paths: list[str], base: Path = ROOT) -> list[Path]:
    found = []
    for name in paths:
        path = base / name
        found += [path] if path.is_file() else sorted(
            p for p in path.rglob("*.py") if not IGNORED & set(p.relative_to(base).parts))
    return found


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import, lazy ones and
    importorskip("...") / import_module("...") included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
                and getattr(node.func, "attr", getattr(node.func, "id", None)) in {
                    "importorskip", "import_module"}:
            found.append((node.lineno, node.args[0].value))
    return found


@cache
def local_modules() -> frozenset[str]:
    """Top-level names this repository provides itself: plugins, tools, test helpers."""
    found = {p.name for p in (ROOT / "plugins").iterdir() if p.is_dir()}
    found |= {"newsroom", "tasks", "pelicanconf", "publishconf"}
    found |= {p.stem for p in python_files(DEV_CODE)}
    return frozenset(found)


@cache
def distribution_of(module: str) -> str | None:
    """The installed distribution that provides a module; None for the
    standard library and this repository's own modules."""
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or top in local_modules():
        return None
    if module == THAI_SEARCH or module.startswith(THAI_SEARCH + "."):
        return "pelican-thai-search"
    dists = {canonicalize_name(d) for d in importlib.metadata.packages_distributions().get(top, [])}
    dists.discard("pelican-thai-search")  # it shares the pelican namespace with Pelican
    assert len(dists) == 1, f"import {module}: installed by {sorted(dists) or 'nothing'}; " \
                            "declare its distribution and run `make lock` and `make setup`"
    return dists.pop()


def undeclared(code: list[Path], declared: set[str], where: str) -> list[str]:
    problems = []
    for path in code:
        for line, module in imports(path):
            dist = distribution_of(module)
            if dist is not None and dist not in declared:
                problems.append(f"{path.relative_to(ROOT)}:{line}: imports {module} from the "
                                f"distribution {dist}, which {where} does not declare: add it "
                                "there, then run `make lock`")
    return problems


def test_the_site_declares_what_it_imports():
    declared = runtime(ROOT) | {"pelican-thai-search"}  # installed from packages/ by make
    assert undeclared(python_files(SITE_CODE), declared,
                      "pyproject.toml [project] dependencies") == []


def test_the_search_package_declares_what_it_imports():
    code = python_files([THAI_SEARCH.replace(".", "/")], PACKAGE)
    assert len(code) > 10
    assert undeclared(code, runtime(PACKAGE) | {"pelican-thai-search"},
                      "packages/pelican-thai-search/pyproject.toml dependencies") == []


def test_tests_and_benchmarks_import_only_declared_distributions():
    declared = runtime(ROOT) | dev() | {"pelican-thai-search"}
    assert undeclared(python_files(DEV_CODE), declared,
                      "pyproject.toml (dependencies or the dev extra)") == []


def used(code: list[Path]) -> set[str]:
    return {distribution_of(module) for path in code for _, module in imports(path)} - {None}


def test_every_runtime_dependency_is_used_at_run_time():
    """A distribution only tests or tools use belongs in the dev extra (lunr did not)."""
    site = used(python_files(SITE_CODE)) | set(LOADED_BY_NAME)
    assert runtime(ROOT) - site == set(), "move these to the dev extra"
    package = used(python_files([THAI_SEARCH.replace(".", "/")], PACKAGE))
    assert runtime(PACKAGE) - package == set()
    assert "lunr" in dev() and "lunr" not in runtime(ROOT)


def parse_lock(text: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a `--generate-hashes` requirements file."""
    locked = {}
    for entry in text.replace("\\\n", " ").splitlines():
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)",
                             entry)
        assert match, f"requirements.lock: not `name==version --hash=sha256:...`: {entry[:80]}"
        name, version, hashes = match.groups()
        assert canonicalize_name(name) not in locked, f"requirements.lock: {name} twice"
        locked[canonicalize_name(name)] = (version, hashes.split())
    return locked


@pytest.fixture(scope="module")
def lock():
    return parse_lock(LOCK.read_text(encoding="utf-8"))


def test_the_lock_pins_every_declared_dependency(lock):
    """Both pyproject.toml files, the dev extra and the build requirements
    (both packages are installed with --no-build-isolation, from the lock)."""
    root, package = pyproject(ROOT), pyproject(PACKAGE)
    wanted = [*root["project"]["dependencies"], *root["project"]["optional-dependencies"]["dev"],
              *root["build-system"]["requires"], *package["project"]["dependencies"],
              *package["build-system"]["requires"]]
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{text} is declared but not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(lock[name][0], prereleases=True), \
            f"requirements.lock has {name}=={lock[name][0]}, not {text}: run `make lock`"


def test_the_venv_holds_the_locked_versions(lock):
    assert len(lock) > 20
    for name, (version, _) in lock.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        assert installed == version, f"{name}: {installed} installed, {version} locked; " \
                                     "run `make setup`"


def test_parse_lock_refuses_an_entry_without_hashes():
    with pytest.raises(AssertionError, match="name==version"):
        parse_lock("pelican==4.12.0\n    # via thai-ministry-news\n")
    with pytest.raises(AssertionError, match="name==version"):
        parse_lock("pelican>=4.12 \\\n    --hash=sha256:" + "a" * 64 + "\n")
    assert parse_lock("pelican==4.12.0 \\\n    --hash=sha256:" + "a" * 64 + " \\\n"
                      "    --hash=sha256:" + "b" * 64 + "\n    # via x\n") == {
        "pelican": ("4.12.0", ["--hash=sha256:" + "a" * 64, "--hash=sha256:" + "b" * 64])}


def make_dry_run(*args: str) -> str:
    """What make would run (-n: nothing runs), as if the venv were missing or stale."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    # --no-print-directory: under `make test` (MAKELEVEL set) make would print
    # "Entering directory" lines around the plan.
    proc = subprocess.run([make, "-n", "--no-print-directory", *args], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_changed_lock_makes_a_new_venv_from_it_alone():
    plan = make_dry_run("-W", LOCK.name, ".venv/.installed").splitlines()
    installs = [line for line in plan if " -m pip install " in line]
    assert installs and "-m venv --clear" in plan[0]
    locked, *local = installs
    assert f"--require-hashes --only-binary :all: -r {LOCK.name}" in locked
    assert [line.split()[-1] for line in local] == [".", "./packages/pelican-thai-search"]
    assert all("--no-deps --no-build-isolation" in line for line in local)
    assert not any("--upgrade" in line for line in installs)


def test_make_lock_resolves_for_python_3_11_on_linux_with_hashes():
    (compile_line,) = [line for line in make_dry_run("-o", ".venv/.installed", "lock").splitlines()
                       if "uv pip compile" in line]
    for option in ("pyproject.toml", "packages/pelican-thai-search/pyproject.toml",
                   "--extra dev", "--generate-hashes", "--python-version 3.11",
                   "--python-platform x86_64-unknown-linux-gnu", "--output-file"):
        assert option in compile_line
    header = LOCK.read_text(encoding="utf-8").splitlines()[:2]
    assert header[1].strip("# ") == "make lock"
