"""The package's floor plan: stages import only downward, no cycles, small modules, a true map."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"

# The pipeline, lowest first: a module imports from its own stage or a lower one, never a higher one.
STAGES = ["base", "text", "readers", "library", "rules", "writers", "ingest", "draft", "check", "review", "batch", "cli"]
MAX_LINES = 350
MAX_LOOSE = 8


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Every generator module each module imports, at any depth (function-level imports too)."""
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        base = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level:
                    up = base.split(".")[: len(base.split(".")) - node.level + 1]
                    module = ".".join(up + ([module] if module else []))
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rsplit(".", 1)[0] if "." in target else ""
                if target and target != name and target.startswith("generator"):
                    edges[name].add(target)
    return edges


def _stage(module: str) -> str:
    if module == "generator.__main__":
        return "cli"
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else "base"


def test_no_import_cycle():
    edges = _imports(_modules())
    # A module importing its own package's __init__ is the package's face, not a cycle of design.
    edges = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in edges.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_imports_run_down_the_pipeline():
    upward = []
    for module, targets in _imports(_modules()).items():
        for target in targets:
            if STAGES.index(_stage(target)) > STAGES.index(_stage(module)):
                upward.append(f"{module} → {target}")
    assert upward == []


def test_every_stage_is_a_folder_and_known():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(STAGES) - {"base"}, folders - set(STAGES)


def test_modules_stay_small_and_few_are_loose():
    modules = _modules()
    big = {name: n for name, path in modules.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert big == {}
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(loose) <= MAX_LOOSE, loose


def test_readme_map_names_every_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## For developers"):]
    folders = [p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    missing = [name for name in folders if f"{name}/" not in section]
    assert missing == []
    for module in PACKAGE.glob("*.py"):
        if module.name not in ("__init__.py", "__main__.py"):
            assert module.name in section, module.name
