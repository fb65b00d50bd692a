"""Rules: the year-over-year facts held as YAML data under rules/.

The built-in rules/ folder ships with gwplan; a user's own folder (--rules or GWPLAN_RULES)
is read after it, so its entries extend the built-in lists and win where they say the same thing.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.errors import GwplanError
from generator.resources import data_dir
from generator.yamlio import LineDict, load_file


def rules_dirs(extra: Path | str | None = None) -> list[Path]:
    dirs = [data_dir("rules")]
    user = extra or os.environ.get("GWPLAN_RULES")
    if user:
        user = Path(user)
        if not user.is_dir():
            raise GwplanError("规则文件夹不存在。", str(user))
        dirs.append(user)
    return dirs


def load_rules_data(name: str, extra: Path | str | None = None) -> list[tuple[Path, LineDict]]:
    """Every `name` file in the rules folders, built-in first, with its parsed content."""
    found = []
    for folder in rules_dirs(extra):
        path = folder / name
        if path.exists():
            data = load_file(path)
            if data is not None and not isinstance(data, dict):
                raise GwplanError("规则文件应是“键: 值”形式的映射。", str(path), 1)
            found.append((path, data or LineDict()))
    return found


def section_themes(extra: Path | str | None = None) -> list[dict]:
    """The section themes of rules/sections.yaml, in drafting order."""
    themes: dict[str, dict] = {}
    for path, data in load_rules_data("sections.yaml", extra):
        for theme in data.get("themes") or []:
            if not isinstance(theme, dict) or not theme.get("name"):
                raise GwplanError("每个主题都要有 name 和 keywords。", str(path), getattr(theme, "line", 1))
            themes[theme["name"]] = {
                "name": str(theme["name"]),
                "order": int(theme.get("order", 99)),
                "keywords": [str(k) for k in theme.get("keywords") or []],
            }
    return sorted(themes.values(), key=lambda t: t["order"])
