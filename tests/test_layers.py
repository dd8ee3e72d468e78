"""Imports only go down the house (DESIGN.md): an app may import the apps below it, never one
above it or beside it; `cities4cities/` wires everything together at the top."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

# Lowest first; apps on one floor (needs, offers) must not import each other either.
FLOORS = [
    {"core"},
    {"accounts"},
    {"municipalities"},
    {"postings"},
    {"needs", "offers"},
    {"matching"},
    {"partnerships"},
    {"matching_lab"},
    {"cities4cities"},
]
FLOOR = {app: number for number, apps in enumerate(FLOORS) for app in apps}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names & FLOOR.keys()


def test_every_app_of_the_project_has_a_floor():
    apps = {name.split(".")[0] for name in settings.INSTALLED_APPS}
    own = {app for app in apps if (Path(settings.BASE_DIR) / app).is_dir()}
    assert own <= FLOOR.keys()


@pytest.mark.parametrize("app", sorted(FLOOR))
def test_no_import_runs_up_or_across_the_house(app: str):
    modules = (Path(settings.BASE_DIR) / app).rglob("*.py")
    wrong = {
        f"{path.relative_to(settings.BASE_DIR)} imports {imported}"
        for path in modules
        if "migrations" not in path.parts
        for imported in _imports(path)
        if imported != app and FLOOR[imported] >= FLOOR[app]
    }
    assert not wrong, sorted(wrong)
