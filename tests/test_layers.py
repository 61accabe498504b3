"""No import runs back up the layers (docs/developers.md, "Layers").

Every module of ``src/ecoc_hub`` is parsed (``ast``, nothing is imported) and
each of its ``ecoc_hub`` imports, at the top or inside a function, is checked
against the layer order below: a module may import its own app and the layers
under it, never a layer above, and never another app of its own layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "ecoc_hub"

# Low to high. A module belongs to the layer of the longest prefix that names
# it; the apps of one layer are peers and do not import each other.
LAYERS: list[tuple[str, list[str]]] = [
    ("core", ["ecoc_hub.core", "ecoc_hub.formats"]),
    ("directory", ["ecoc_hub.cities"]),
    ("accounts", ["ecoc_hub.accounts"]),
    # Certificates of any app (an event's attendance, a course): the apps
    # register their sources with it.
    ("certificates", ["ecoc_hub.certificates"]),
    ("search", ["ecoc_hub.search"]),
    ("library", ["ecoc_hub.library"]),
    (
        "apps",
        [
            "ecoc_hub.podcasts",
            "ecoc_hub.events",
            "ecoc_hub.experts",
            "ecoc_hub.assessment",
            "ecoc_hub.dashboard",
        ],
    ),
    # Courses link the other apps' content: a cohort's live sessions are
    # events webinars (read through events.queries); only community imports
    # courses.
    ("learning", ["ecoc_hub.courses"]),
    # The discussions have a space per event and per course, and posts link
    # cards of library resources, events, courses and experts: they read
    # those apps, which never read them (issue 15).
    ("community", ["ecoc_hub.community"]),
    (
        "api core",
        [
            "ecoc_hub.api.auth",
            "ecoc_hub.api.models",
            "ecoc_hub.api.paging",
            "ecoc_hub.api.problems",
            "ecoc_hub.api.services",
            "ecoc_hub.api.throttles",
        ],
    ),
    # Each app's router (<app>/api.py) sits above every app: only the API's
    # mounting (api/v1.py) imports it.
    ("routers", ["ecoc_hub.*.api"]),
    ("api", ["ecoc_hub.api"]),
    (
        "project",
        ["ecoc_hub.urls", "ecoc_hub.settings", "ecoc_hub.wsgi", "ecoc_hub.__main__"],
    ),
]

# Any layer may name the user model in type hints (``if TYPE_CHECKING:``):
# it is settings.AUTH_USER_MODEL, which core's typed request carries.
TYPE_ONLY = {"ecoc_hub.accounts.models"}

# Imports that still run up, each with the reason and the way out. Keep it
# empty; an entry here that no longer matches fails the test below.
KNOWN: dict[tuple[str, str], str] = {}


def _app_of(module: str) -> str:
    """``ecoc_hub.<app>`` (the unit that may import itself freely)."""
    return ".".join(module.split(".")[:2])


def layer_of(module: str) -> tuple[int, str]:
    """The layer's index and the unit (app) the module belongs to."""
    best: tuple[int, int, str] | None = None
    parts = module.split(".")
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            pattern = prefix.split(".")
            if len(parts) < len(pattern):
                continue
            if all(p in ("*", q) for p, q in zip(pattern, parts, strict=False)):
                unit = ".".join(parts[: len(pattern)])
                if best is None or len(pattern) > best[0]:
                    best = (len(pattern), index, unit)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return best[1], best[2]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (
                isinstance(node.test, ast.Attribute)
                and node.test.attr == "TYPE_CHECKING"
            )
        ):
            for child in node.body:
                for inner in ast.walk(child):
                    if hasattr(inner, "lineno"):
                        lines.add(inner.lineno)
    return lines


def imports_of(path: Path, module: str) -> list[tuple[str, int, bool]]:
    """(imported module, line, type-only) for every ecoc_hub import."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    type_only = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # "from ecoc_hub.core import startup" imports ecoc_hub.core.startup.
            names = [f"{target}.{alias.name}" for alias in node.names]
            names = [
                name
                if (SRC / name.replace(".", "/")).exists()
                or (SRC / (name.replace(".", "/") + ".py")).exists()
                else target
                for name in names
            ]
        else:
            continue
        for name in names:
            if name == "ecoc_hub" or name.startswith("ecoc_hub."):
                found.append((name, node.lineno, node.lineno in type_only))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def upward_imports(
    modules: list[tuple[Path, str]] | None = None,
) -> dict[tuple[str, str], str]:
    if modules is None:
        modules = [(path, _module_name(path)) for path in _modules()]
    found: dict[tuple[str, str], str] = {}
    for path, module in modules:
        if module == "ecoc_hub":
            continue
        level, unit = layer_of(module)
        for target, line, type_only in imports_of(path, module):
            if type_only and any(target.startswith(t) for t in TYPE_ONLY):
                continue
            if target == "ecoc_hub":
                continue
            target_level, target_unit = layer_of(target)
            if target_unit == unit or _app_of(target) == _app_of(module):
                continue
            if target_level > level or (target_level == level):
                key = (module, target)
                found[key] = (
                    f"{module}:{line} ({LAYERS[level][0]}) imports "
                    f"{target} ({LAYERS[target_level][0]})"
                )
    return found


def test_every_module_is_in_a_layer():
    for path in _modules():
        module = _module_name(path)
        if module != "ecoc_hub":
            layer_of(module)


def test_no_import_runs_up_the_layers():
    found = upward_imports()

    unexpected = [where for key, where in sorted(found.items()) if key not in KNOWN]
    assert unexpected == []


def test_every_known_upward_import_still_exists():
    """A fixed exception leaves the list, so it cannot come back unseen."""
    assert sorted(set(KNOWN) - set(upward_imports())) == []


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("ecoc_hub.core.permissions", "core"),
        ("ecoc_hub.cities.models", "directory"),
        ("ecoc_hub.library.api", "routers"),
        ("ecoc_hub.api.paging", "api core"),
        ("ecoc_hub.api.oai", "api"),
        ("ecoc_hub.events.models", "apps"),
    ],
)
def test_layer_of_names_the_most_specific_layer(module, layer):
    assert LAYERS[layer_of(module)[0]][0] == layer


def test_an_upward_import_is_found(tmp_path):
    """The check can fail: a core module importing the library is reported,
    and so is a peer app, and a relative import is resolved."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from ..podcasts import models\n"
        "def f():\n"
        "    from ecoc_hub.library.models import Resource\n"
    )

    found = upward_imports(
        [(probe, "ecoc_hub.core.probe"), (probe, "ecoc_hub.events.probe")]
    )

    assert found == {
        ("ecoc_hub.core.probe", "ecoc_hub.library.models"): (
            "ecoc_hub.core.probe:3 (core) imports ecoc_hub.library.models (library)"
        ),
        ("ecoc_hub.core.probe", "ecoc_hub.podcasts.models"): (
            "ecoc_hub.core.probe:1 (core) imports ecoc_hub.podcasts.models (apps)"
        ),
        ("ecoc_hub.events.probe", "ecoc_hub.podcasts.models"): (
            "ecoc_hub.events.probe:1 (apps) imports ecoc_hub.podcasts.models (apps)"
        ),
    }


# Size and typing budgets (docs/developers.md, "Layout"). A module past this
# becomes a package split by feature, re-exporting what its callers import.
MAX_LINES = 500
MAX_TYPE_IGNORES = 9
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".js", ".css"}


def _exempt_from_size(path: Path) -> bool:
    """Migrations are generated; demo modules are content, not code."""
    return "migrations" in path.parts or path.name.startswith("demo")


def oversized_files(root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
            continue
        if _exempt_from_size(path.relative_to(root)):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(root).as_posix()}: {lines} lines")
    return found


def type_ignores(root: Path = PACKAGE) -> list[str]:
    return [
        f"{path.relative_to(root).as_posix()}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(
            path.read_text(encoding="utf-8").splitlines(), start=1
        )
        if "type: ignore" in line
    ]


def test_no_source_file_is_over_500_lines():
    assert oversized_files() == []


def test_an_oversized_file_is_named_with_its_line_count(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("x = 1\n" * 501)
    (tmp_path / "app" / "page.html").write_text("<p></p>\n" * 600)
    (tmp_path / "app" / "small.py").write_text("x = 1\n" * 500)
    (tmp_path / "app" / "demo.py").write_text("x = 1\n" * 900)
    (tmp_path / "app" / "migrations").mkdir()
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)

    assert oversized_files(tmp_path) == [
        "app/page.html: 600 lines",
        "app/views.py: 501 lines",
    ]


def test_type_ignore_stays_under_ten():
    found = type_ignores()

    assert len(found) <= MAX_TYPE_IGNORES, found


def test_type_ignores_are_counted_per_line(tmp_path):
    (tmp_path / "a.py").write_text("x = f()  # type: ignore[misc]\ny = 2\n")
    (tmp_path / "b.py").write_text("z = g()  # type: ignore\n")

    assert type_ignores(tmp_path) == ["a.py:1", "b.py:1"]
