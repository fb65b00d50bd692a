"""Plain-text writer: the plan as UTF-8 text, for e-mail, review and diffs."""
from __future__ import annotations

from pathlib import Path

from generator.model import Plan
from generator.writers import layout, refuse_unwritable
from generator.yamlio import atomic_write

_INDENT = "\u3000\u3000"  # two full-width spaces: the first-line indent of body text


def plan_text(plan: Plan) -> str:
    lines = []
    for block in refuse_unwritable(layout(plan)):
        if block.role == "blank":
            lines.append("")
        elif block.role in ("title", "recipient", "signature", "date"):
            lines.append(block.full_text)
        else:
            lines.append(_INDENT + block.full_text)
    return "\n".join(lines) + "\n"


def write_text(plan: Plan, path: Path) -> None:
    atomic_write(path, plan_text(plan))
