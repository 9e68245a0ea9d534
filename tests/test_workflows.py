"""The GitHub files. Workflows cannot run here, so: they parse as YAML, do
what the editors' workflow promises, and every command they run exists
(a Makefile target, an invoke task with those options, or a known tool).
Every action is pinned by its full commit SHA with the release tag beside
it, and the jobs run Node 22, which package.json allows as well as 20.
CODEOWNERS sends content to editors and code to developers."""

from __future__ import annotations

import fnmatch
import inspect
import json
import re
import shlex
import shutil
import subprocess

import pytest
import yaml
from invoke import Collection

import tasks
from sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
TOOLS = {"git", "apt-get"}  # system tools a workflow may call directly
OPERATORS = {"&&", "||", ";", "|"}
NODE = "22"  # the Node of the workflows; package.json's engines allows it and 20
# `uses: owner/name@<commit>  # vX.Y.Z`: YAML drops the comment, so read the lines.
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40})  # (v\d+\.\d+\.\d+)$")


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads `on:` as true
    return data


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def commands(script: str) -> list[list[str]]:
    """Each simple command of a `run:` script, as words."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        current: list[str] = []
        for word in [*words, ";"]:
            if word in OPERATORS:
                if current:
                    found.append(current)
                current = []
            else:
                current.append(word)
    return found


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9_.-]+):(?!=)", text, re.M))


def invoke_options(task_name: str) -> set[str]:
    task = Collection.from_module(tasks)[task_name]
    return {f"--{name}" for arg in task.get_arguments() for name in arg.names if len(name) > 1}


def check_command(words: list[str]) -> None:
    program, args = words[0], words[1:]
    if program == "make":
        targets = [a for a in args if not a.startswith("-")]
        assert targets and set(targets) <= make_targets(), words
    elif program.endswith("invoke"):
        task, options = args[0], [a.split("=")[0] for a in args[1:] if a.startswith("--")]
        assert task in Collection.from_module(tasks).task_names, words
        assert set(options) <= invoke_options(task), words
    elif "/" in program:
        assert (ROOT / program).is_file(), words
    else:
        assert program in TOOLS, f"unexpected command {words}: add it to TOOLS if intended"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_and_its_commands_exist(path):
    workflow = load(path)
    assert workflow["name"] and workflow["on"] and workflow["jobs"]
    for job in workflow["jobs"].values():
        assert job["runs-on"] and job["steps"]
    for step in steps(workflow):
        assert ("uses" in step) != ("run" in step), step
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        else:
            for words in commands(step["run"]):
                check_command(words)


def pins(path) -> list[tuple[str, str, str]]:
    """(action, commit, tag) of every `uses:` line; the line itself if it is not pinned."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s*(?:- )?uses:", line):
            match = PINNED.match(line)
            assert match, (f"{path.name}:{number}: pin the action by its full commit SHA with "
                           f"the release tag in a comment, `uses: owner/name@<sha>  # vX.Y.Z`: "
                           f"{line.strip()}")
            found.append(match.groups())
    return found


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_tag(path):
    found = pins(path)
    assert len(found) == sum("uses" in step for step in steps(load(path)))


def test_an_action_has_one_pin_across_the_workflows():
    """Upgrading an action means changing every line that uses it."""
    commits: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for action, commit, tag in pins(path):
            commits.setdefault(action, set()).add((commit, tag))
    for action, pinned in commits.items():
        assert len(pinned) == 1, (action, sorted(pinned))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_that_runs_make_sets_up_node_22(path):
    for name, job in load(path)["jobs"].items():
        nodes = [step for step in job["steps"]
                 if step.get("uses", "").startswith("actions/setup-node@")]
        for step in nodes:
            assert str(step["with"]["node-version"]) == NODE, (path.name, name)
        if any(words[0] == "make" for step in job["steps"] if "run" in step
               for words in commands(step["run"])):
            assert len(nodes) == 1, f"{path.name}: job {name} runs make without setup-node"


def allows(engines: str, version: str) -> bool:
    """Whether an npm `engines` range of `^X.Y.Z` or `>=X.Y.Z` parts joined by ||
    allows a version (the forms this project uses; others fail the test)."""
    have = tuple(int(n) for n in version.lstrip("v").split("."))
    for part in (p.strip() for p in engines.split("||")):
        match = re.fullmatch(r"(\^|>=)(\d+)\.(\d+)\.(\d+)", part)
        assert match, f"package.json engines: unexpected range {part!r}"
        low = tuple(int(n) for n in match.groups()[1:])
        if have >= low and (match[1] == ">=" or have[0] == low[0]):
            return True
    return False


def test_engines_allow_node_20_and_22_and_this_machine():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    engines = package["engines"]["node"]
    assert lock["packages"][""]["engines"]["node"] == engines, "run npm install"
    assert allows(engines, "20.0.0") and allows(engines, "20.19.5")
    assert allows(engines, NODE + ".0.0") and allows(engines, NODE + ".21.1")
    assert not allows(engines, "18.20.8") and not allows(engines, "21.7.3")
    node = shutil.which("node")
    if node is not None:
        version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
        assert allows(engines, version.strip()), version


def runs(workflow) -> list[str]:
    return [" ".join(words) for step in steps(workflow) if "run" in step
            for words in commands(step["run"])]


def uses(workflow) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def test_pull_requests_are_tested_checked_built_and_previewed():
    workflow = load(ROOT / ".github/workflows/pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert "make test" in runs(workflow)
    assert '.venv/bin/invoke check --base $BASE' in runs(workflow)
    assert ".venv/bin/invoke publish --fatal-warnings" in runs(workflow)
    assert {"actions/upload-artifact", "actions/github-script"} <= set(uses(workflow))
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-a"))
    assert upload["with"]["path"].rstrip("/") == "output"
    content = workflow["jobs"]["content"]
    assert content["permissions"]["pull-requests"] == "write"
    checkout = content["steps"][0]
    assert checkout["uses"].startswith("actions/checkout") and checkout["with"]["fetch-depth"] == 0


def test_the_preview_comment_script_is_valid_javascript(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is needed to parse the comment script")
    workflow = load(ROOT / ".github/workflows/pull-request.yml")
    script = next(s for s in steps(workflow) if s.get("uses", "").startswith(
        "actions/github-script"))["with"]["script"]
    assert "http.server 8000" in script and "Artifacts" in script
    wrapped = tmp_path / "comment.js"
    wrapped.write_text(f"(async function () {{\n{script}\n}});\n", encoding="utf-8")
    proc = subprocess.run([node, "--check", str(wrapped)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_main_is_built_with_publishconf_and_deployed_to_pages():
    workflow = load(ROOT / ".github/workflows/deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert ".venv/bin/invoke publish --fatal-warnings" in runs(workflow)
    assert "actions/deploy-pages" in uses(workflow)
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert '"publishconf.py"' in inspect.getsource(tasks.publish.body)


def owners(path: str) -> list[str]:
    """CODEOWNERS resolution: the last matching pattern wins."""
    found: list[str] = []
    for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *teams = line.split()
        anchored = pattern.lstrip("/")
        if pattern == "*" or (pattern.endswith("/") and path.startswith(anchored)) or \
                fnmatch.fnmatch(path, anchored):
            found = teams
    return found


@pytest.mark.parametrize(("path", "team"), [
    ("content/news/2024/durian.md", "editors"),
    ("content/images/2024/photo.jpg", "editors"),
    ("content/search/words.txt", "editors"),
    ("tasks.py", "developers"),
    ("plugins/thai_news/reader.py", "developers"),
    ("theme/templates/article.html", "developers"),
    (".github/workflows/pull-request.yml", "developers"),
    ("pelicanconf.py", "developers"),
])
def test_codeowners(path, team):
    assert [t.split("/")[1] for t in owners(path)] == [team]


def test_guide_and_checklist_are_shared():
    assert {t.split("/")[1] for t in owners("CONTRIBUTING.md")} == {"editors", "developers"}
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 6 and "invoke check" in template
