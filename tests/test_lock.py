"""The lock files pin every dependency pyproject.toml names, inside its bounds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pinned(lock: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(" ")[0].split("==")
            pins[canonicalize_name(name)] = version
    return pins


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = list(project["project"]["dependencies"])
    for extra in extras:
        names += project["project"]["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("requirements.lock", ()), ("requirements-test.lock", ("test",))],
)
def test_every_dependency_is_pinned_within_its_bounds(
    lock: str, extras: tuple[str, ...]
) -> None:
    pins = pinned(lock)
    for requirement in declared(*extras):
        version = pins.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is missing from {lock}"
        assert requirement.specifier.contains(version), (requirement, version)


def test_every_requirement_has_an_upper_bound() -> None:
    for requirement in declared("test", "bench"):
        if requirement.name == "tzdata":
            continue  # the time zone database only grows
        assert any(s.operator in ("<", "<=", "~=", "==") for s in requirement.specifier)


def test_the_server_lock_agrees_with_the_test_lock() -> None:
    server, test = pinned("requirements.lock"), pinned("requirements-test.lock")
    assert {name: test.get(name) for name in server} == server
