"""Builders for test inputs: .docx plans with typed or automatic numbering, made with python-docx."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

PLAN_TITLE = "青山区教育局关工委2026年工作要点"
PREAMBLE = "2026年全区教育系统关心下一代工作，坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻党的二十届四中全会精神，发挥“五老”作用，助力青少年健康成长。"
SECTIONS = [
    ("筑牢思想根基", [
        "组织全区教育关工委成员集中学习不少于4次，把学习成果转化为工作实效。",
        "推动“党建带关建”机制落地，把关工委工作纳入学校党组织年度工作要点。",
    ]),
    ("做实关爱服务", [
        "建立困境学生关爱台账，年内结对帮扶不少于200名。",
        "组织老教师参与课后服务，开设书法、戏曲、科技等兴趣课程。",
        "协助学校开展心理健康筛查，做好重点学生的陪伴疏导。",
    ]),
]


def typed_plan(path: Path) -> Path:
    """Headings and items numbered by typed text, as most people write them."""
    document = docx.Document()
    document.add_paragraph(PLAN_TITLE)
    document.add_paragraph(PREAMBLE)
    number = 0
    for index, (heading, items) in enumerate(SECTIONS):
        document.add_paragraph(f"{'一二三四五'[index]}、{heading}")
        for item in items:
            number += 1
            document.add_paragraph(f"{number}.{item}")
    document.save(path)
    return path


def auto_numbered_plan(path: Path) -> Path:
    """The same plan with 一、 and 1. produced by Word's automatic numbering (numbering.xml)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    document.add_paragraph(PLAN_TITLE, style="Title")
    document.add_paragraph(PREAMBLE)
    for heading, items in SECTIONS:
        _numbered(document.add_paragraph(heading, style="Heading 1"), 0)
        for item in items:
            _numbered(document.add_paragraph(item), 2)
    document.save(path)
    return path


def _numbered(paragraph, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
    ))


def foreign_plan(path: Path) -> Path:
    """A plan typed in Word with its default template: 宋体 11 pt, underlined and language-tagged
    runs (w:u, w:lang after where rFonts/sz belong), half-width punctuation, 二. and a heading's 。."""
    document = docx.Document()
    document.add_paragraph("青山区教育局关工委2027年工作要点")
    document.add_paragraph("2027年全区教育系统关心下一代工作,坚持以习近平新时代中国特色社会主义思想为指导。")
    document.add_paragraph("一、筑牢思想根基。")
    for text in ("1.组织全区教育关工委成员集中学习不少于4次。", "2.推动“党建带关建”机制落地。"):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.underline = True
        r_pr = run._r.get_or_add_rPr()
        r_pr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN"/>'))
    document.add_paragraph("二.做实关爱服务")
    document.add_paragraph("3.建立困境学生关爱台账,年内结对帮扶不少于200名。")
    document.add_paragraph("青山区教育局关工委")
    document.add_paragraph("2027年1月5日")
    document.save(path)
    return path


CORPUS_PLANS = sorted((Path(__file__).resolve().parent / "corpus" / "plans").glob("*.txt"))


def library_state(root: Path) -> list[tuple]:
    """Every clause of a library with its file, id, text, status and sources, for comparing libraries."""
    from generator.library.load import load_library

    return sorted(
        (s.path.name, c.id, c.text, c.status, tuple(sorted((x.file, x.section, x.position, x.order, x.hash) for x in c.sources)))
        for s, c in load_library(root).clauses()
    )


def forked(work) -> int:
    """Run `work` in a forked process; returns its pid. The child never returns into pytest:
    it exits 0, or 3 when `work` raised."""
    import os

    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            work()
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    return pid


def run_killed_at(step: int, work) -> bool:
    """Run `work` in a forked process that kills itself (SIGKILL) at library write step `step`:
    after staging file k, or just before the k-th rename (library/journal.py; the journal's rename
    is the commit point). Returns whether it was killed (False: the write had fewer steps)."""
    import os
    import signal

    def killed_work():
        from generator.library import journal

        count = [0]

        def tick():
            count[0] += 1
            if count[0] == step:
                os.kill(os.getpid(), signal.SIGKILL)

        real_stage, real_replace = journal._stage, os.replace

        def stage(*args):
            made = real_stage(*args)
            tick()
            return made

        def replace(*args):
            tick()
            return real_replace(*args)

        journal._stage, journal.os.replace = stage, replace
        work()

    pid = forked(killed_work)
    _, status = os.waitpid(pid, 0)
    if not os.WIFSIGNALED(status):
        assert os.WEXITSTATUS(status) == 0
    return os.WIFSIGNALED(status)


_ISO_STAMP = __import__("re").compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def docx_digest(path: Path, root: Path | None = None) -> str:
    """A digest of a .docx that ignores only when it was written: each zip entry's name, method,
    attributes and content in order, with ISO time stamps (core.xml, comments) made equal and
    `root` (a checkout, named in the provenance's library path) written as ROOT."""
    import hashlib
    import zipfile

    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            digest.update(f"{info.filename}|{info.compress_type}|{info.flag_bits}|{info.external_attr}|{info.create_system}\n".encode())
            content = _ISO_STAMP.sub(b"STAMP", package.read(info))
            digest.update(content.replace(str(root).encode(), b"ROOT") if root else content)
    return digest.hexdigest()
