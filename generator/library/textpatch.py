"""Edit a reviewer's YAML file as text: node positions from the parser, line edits applied together.

gwplan never re-serializes a file it did not just create (see yamlio): it inserts and replaces
lines found through the parsed nodes, so comments and quoting stay byte for byte.
"""
from __future__ import annotations

import yaml


def last_line(node) -> int:
    """0-based index of the last line that holds part of `node` (comments after it excluded)."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    children = node.value
    if not children:
        return node.start_mark.line
    last = children[-1]
    return last_line(last[1] if isinstance(last, tuple) else last)


def mapping_value(node, key: str):
    """The value node of `key` in a mapping node, and its key node, or (None, None)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node, key_node
    return None, None


class TextPatch:
    """Line edits to a text, collected first and applied together so line numbers stay valid."""

    def __init__(self, text: str):
        self.lines = text.splitlines(keepends=True)
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += "\n"
        self.edits: list[tuple[int, int, int, str]] = []  # (first, last, order, replacement)

    def insert_after(self, line: int, block: str) -> None:
        self.edits.append((line + 1, line, len(self.edits), block))

    def replace(self, first: int, last: int, block: str) -> None:
        self.edits.append((first, last, len(self.edits), block))

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    def result(self) -> str:
        lines = list(self.lines)
        # Later edits first so earlier line numbers stay valid; inserts at one place keep their order.
        # At one line a replacement goes before an insert there: the insert then lands above the
        # new lines instead of being overwritten by them (the cause of a doubled `clauses:` key).
        for first, last, _, block in sorted(self.edits, key=lambda e: (e[0], e[1] >= e[0], e[2]), reverse=True):
            lines[first : last + 1] = [block]
        return "".join(lines)
