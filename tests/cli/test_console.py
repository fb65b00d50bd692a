"""Output to a GBK console or file (Chinese Windows, a .bat script, `> log.txt`) never crashes:
characters GBK lacks get a fallback, the rest of the output is intact."""
import os
import subprocess
import sys

from conftest import FIXTURES, ROOT
from helpers import foreign_plan


def run_gbk(*args, cwd):
    env = dict(os.environ, PYTHONIOENCODING="gbk")
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, env=env, cwd=cwd)


def test_ingest_and_check_write_gbk(tmp_path):
    done = run_gbk("ingest", FIXTURES / "web_copy.txt", "--library", tmp_path / "lib", cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    out = done.stdout.decode("gbk")  # strict: every byte is valid GBK
    assert "√" in out and "收录 1 份计划" in out
    done = run_gbk("check", foreign_plan(tmp_path / "f.docx"), cwd=ROOT)
    assert done.returncode == 1
    out = done.stdout.decode("gbk")
    assert "×" in out and "依据" in out


def test_characters_outside_gbk_become_question_marks(tmp_path):
    import docx

    document = docx.Document()
    for line in ("青山区2027年工作要点", "一、强化引领", "1.组织𠀀字主题活动,做好帮扶。"):
        document.add_paragraph(line)
    document.save(tmp_path / "p.docx")
    done = run_gbk("check", tmp_path / "p.docx", cwd=ROOT)
    assert done.returncode == 1
    out = done.stdout.decode("gbk")
    assert "组织?字主题" in out
