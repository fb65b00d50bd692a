"""This year's target values for {{ targets.名称 }}: from --targets or the library's targets.yaml.

A targets file maps names to values, either for one year (`达标学校比例: 90%`) or by year
(`2027: {达标学校比例: 90%}`), so last year's numbers are never used for a new year by accident.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GwplanError
from generator.library.load import TARGETS_FILE
from generator.yamlio import load_file


@dataclass
class Targets:
    values: dict[str, str] = field(default_factory=dict)
    origin: str = ""  # the file they came from, for messages


def load_targets(year: int, explicit: Path | None, library_root: Path | None) -> Targets:
    path = explicit if explicit is not None else (library_root / TARGETS_FILE if library_root else None)
    if path is None or (explicit is None and not path.exists()):
        return Targets()
    data = load_file(path)
    if data is None:
        return Targets(origin=str(path))
    if not isinstance(data, dict):
        raise GwplanError("目标文件应是“名称: 值”的映射（可按年份分组：2027: {名称: 值}）。", str(path), 1)
    if data and all(isinstance(key, int) for key in data):
        data = data.get(year) or {}
        if not isinstance(data, dict):
            raise GwplanError(f"{year} 年的目标应是“名称: 值”的映射。", str(path), 1)
    values = {}
    for name, value in data.items():
        line = getattr(data, "key_lines", {}).get(name, 1)
        if isinstance(name, int):
            raise GwplanError("目标文件不要混用年份分组和“名称: 值”两种写法。", str(path), line)
        if isinstance(value, (dict, list)) or value is None:
            raise GwplanError(f"目标“{name}”的值应是一个数字或一段文字，如 90% 或 八所。", str(path), line)
        values[str(name)] = str(value)
    return Targets(values, str(path))
