"""Blueprint packages wire their own routes and do not reach into each other's views."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "business_corner"
BLUEPRINTS = ["public", "registration", "organiser", "calendar", "tandem"]


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for each ``from … import …`` and ``import …`` of a file."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
    return found


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_importing_a_blueprint_package_loads_every_module_that_adds_routes(blueprint):
    """A routes module the package forgets would silently have no routes."""
    routes_modules = sorted(
        f"business_corner.{blueprint}.{path.stem}"
        for path in (PACKAGE / blueprint).glob("*.py")
        if "@bp." in path.read_text(encoding="utf-8")
    )
    assert routes_modules
    # A fresh interpreter: this one has long imported everything through the app factory.
    probe = (
        "import json, sys\n"
        f"import business_corner.{blueprint}\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m in {routes_modules!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == routes_modules


def test_registration_imports_nothing_of_the_public_blueprint():
    for path in (PACKAGE / "registration").glob("*.py"):
        assert not [m for m, _ in _imports(path) if m.startswith("business_corner.public")], path


def test_the_public_blueprint_uses_only_the_registration_form():
    """The session page shows the registration form; it needs nothing else of that package."""
    for path in (PACKAGE / "public").glob("*.py"):
        used = {m for m, _ in _imports(path) if m.startswith("business_corner.registration")}
        assert used <= {"business_corner.registration.forms"}, path


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_no_module_imports_another_modules_private_names(blueprint):
    for path in (PACKAGE / blueprint).glob("*.py"):
        for module, names in _imports(path):
            if module.startswith("business_corner."):
                private = [name for name in names if name.startswith("_")]
                assert not private, f"{path.name} imports {private} from {module}"


@pytest.mark.parametrize(
    "first_import",
    [
        "business_corner.registration.forms",
        "business_corner.session_page",
        "business_corner.public",
        "business_corner.organiser.forms",
        "business_corner.organiser.auth",
    ],
)
def test_any_module_can_be_imported_first(first_import):
    """No import cycle hides behind the order in which the factory imports things."""
    subprocess.run([sys.executable, "-c", f"import {first_import}"], check=True)
