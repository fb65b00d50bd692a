"""write_package streams the document's paragraphs: a bundle of thousands of plans is never
held in memory at once (issue 23: memory flat in the number of schools)."""
from __future__ import annotations

import io
import tracemalloc
import zipfile

from generator.profile import load_profile
from generator.writers.package import write_package

PIECE = "<w:p><w:r><w:t>" + "关心下一代工作" * 14000 + "</w:t></w:r></w:p>"  # about 300 KB of UTF-8


def _pieces(count: int):
    for number in range(count):
        yield f"{PIECE}<w:p><w:r><w:t>{number}</w:t></w:r></w:p>"  # a new string each time, as a spool gives


def test_the_pieces_are_written_as_they_come(tmp_path):
    profile = load_profile()
    write_package(io.BytesIO(), _pieces(1), None, profile, "预热", "gwplan")  # static parts built and kept
    target = tmp_path / "bundle.docx"
    tracemalloc.start()
    with open(target, "wb") as out:
        write_package(out, _pieces(100), _pieces(0), profile, "汇编", "gwplan")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    total = 100 * len(PIECE.encode("utf-8"))
    assert peak < total / 10, f"{peak // 2**20} MB held while writing {total // 2**20} MB"
    with zipfile.ZipFile(target) as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert document.count(PIECE) == 100
