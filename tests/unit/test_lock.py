"""The committed locks agree with pyproject.toml and environment.yml.

`make lab` and `make test` install exactly the versions in requirements.lock and
requirements-test.lock; a dependency added to pyproject.toml without remaking the locks
(`make lock`) would never be installed, and a lock pinning a version the specifier refuses
would install something the project did not ask for.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.paths import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
PROJECT = canonicalize_name(PYPROJECT["project"]["name"])
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*(.+))?$")


def read_lock(path: Path) -> dict[str, list[tuple[Version, str | None]]]:
    """Every pin in a lock: name -> [(version, environment marker or None)]."""
    pins: dict[str, list[tuple[Version, str | None]]] = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PIN.match(line.strip())
        assert match, f"{path.name}: not an exact pin: {line!r}"
        name, version, marker = match.groups()
        pins.setdefault(canonicalize_name(name), []).append((Version(version), marker))
    return pins


def requirements(*extras: str) -> list[Requirement]:
    """pyproject.toml's dependencies plus the named extras, without the project itself."""
    texts = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        texts += PYPROJECT["project"]["optional-dependencies"][extra]
    return [r for r in map(Requirement, texts) if canonicalize_name(r.name) != PROJECT]


LOCKS = {
    "requirements.lock": requirements(),
    "requirements-test.lock": requirements("test", "hub"),
}


def lock_problems(lock: Path, wanted: list[Requirement]) -> list[str]:
    """Dependencies the lock leaves out, or pins at a version their specifier refuses."""
    pins = read_lock(lock)
    problems = []
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{name} is not in {lock.name}")
            continue
        for version, _marker in pins[name]:
            if not requirement.specifier.contains(version, prereleases=True):
                problems.append(f"{name}=={version} does not satisfy {requirement.specifier}")
    return problems


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_dependency_is_pinned_at_a_version_its_specifier_allows(lock: str) -> None:
    problems = lock_problems(REPO / lock, LOCKS[lock])
    assert not problems, "run `make lock`: " + "; ".join(problems)


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_the_lock_installs_on_this_python(lock: str) -> None:
    """Each locked package applies to this machine exactly once (markers may split a name)."""
    for name, entries in read_lock(REPO / lock).items():
        applying = [v for v, m in entries if m is None or Marker(m).evaluate()]
        assert len(applying) <= 1, f"{name} is pinned twice for this Python in {lock}"


def test_the_test_lock_keeps_the_runtime_versions() -> None:
    """The test lock is made with the runtime lock as constraints, so tests run what learners get."""
    runtime = read_lock(REPO / "requirements.lock")
    test = read_lock(REPO / "requirements-test.lock")
    differ = {n: (runtime[n], test.get(n)) for n in runtime if test.get(n) != runtime[n]}
    assert not differ, f"run `make lock`: {differ}"


def test_environment_yml_names_the_same_packages_as_the_lock() -> None:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = {
        canonicalize_name(re.split(r"[<>=!~ \[]", d.strip(), maxsplit=1)[0])
        for d in env["dependencies"]
        if isinstance(d, str)
    } - {"python", "pip"}
    direct = {canonicalize_name(r.name) for r in requirements()}
    assert conda == direct
    assert conda <= set(read_lock(REPO / "requirements.lock"))


def test_a_stale_lock_is_caught(tmp_path: Path) -> None:
    """The check can fail: a lock missing a dependency, or pinning one too old, is reported."""
    lock = tmp_path / "requirements.lock"
    fresh = (REPO / "requirements.lock").read_text()
    stale = re.sub(r"(?m)^pandas==\S+", "pandas==2.0.0", fresh)
    stale = re.sub(r"(?m)^jupyterlab==.*$", "", stale)
    lock.write_text(stale)
    assert lock_problems(lock, requirements()) == [
        "jupyterlab is not in requirements.lock",
        "pandas==2.0.0 does not satisfy >=2.2",
    ]
