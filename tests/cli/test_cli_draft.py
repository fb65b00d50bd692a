"""gwplan draft from the command line: outputs, overwriting, reports, bad input."""
import json
import subprocess
import sys

import docx


def test_quick_start_drafts_from_the_starter_library(tmp_path, gwplan):
    output = tmp_path / "drafts" / "2027年关心下一代工作要点.docx"
    result = gwplan("draft", "--year", "2027", "-o", output)
    assert result.code == 0, result.err
    assert f"已生成 {output}" in result.out and "填入目标 5 处" in result.out
    assert "建军100周年" in result.out  # the year's round anniversaries are suggested
    document = docx.Document(str(output))
    assert document.paragraphs[0].text.startswith("青山区教育局关工委")


def test_existing_output_is_not_overwritten_without_force(tmp_path, gwplan):
    output = tmp_path / "draft.docx"
    output.write_bytes(b"writer's own edits")
    result = gwplan("draft", "--year", "2027", "-o", output)
    assert result.code == 2 and "--force" in result.err
    assert output.read_bytes() == b"writer's own edits"
    assert gwplan("draft", "--year", "2027", "-o", output, "--force").code == 0
    assert output.read_bytes().startswith(b"PK")


def test_text_output_and_org_option(tmp_path, gwplan):
    output = tmp_path / "draft.txt"
    assert gwplan("draft", "--year", "2027", "--org", "河西区教育局关工委", "-o", output).code == 0
    text = output.read_text(encoding="utf-8")
    assert text.startswith("河西区教育局关工委\n2027年关心下一代工作要点\n")
    assert "\u3000\u3000一、强化思想政治引领" in text and "\u3000\u30001.把学习贯彻" in text


def test_json_report(tmp_path, gwplan):
    result = gwplan("draft", "--year", "2027", "-o", tmp_path / "d.docx", "--json")
    data = json.loads(result.out)
    assert data["sections"] == 6 and data["title"].endswith("2027年关心下一代工作要点")
    assert any(r["filled"] for r in data["reports"])


def test_pdf_without_libreoffice_says_so(tmp_path, gwplan, monkeypatch):
    import generator.libreoffice

    monkeypatch.setattr(generator.libreoffice, "find_soffice", lambda: None)
    result = gwplan("draft", "--year", "2027", "-o", tmp_path / "d.docx", "--pdf")
    assert result.code == 0 and "找不到 LibreOffice" in result.out
    assert (tmp_path / "d.docx").exists() and not (tmp_path / "d.pdf").exists()


def test_bad_draft_input(tmp_path, gwplan):
    cases = [
        (["--year", "27", "-o", tmp_path / "a.docx"], "--year 应是 2000 到 2100 之间的整数"),
        (["--year", "二〇二七", "-o", tmp_path / "a.docx"], "--year 应是"),
        (["--year", "2027"], "缺少选项 -o"),
        (["--year", "2027", "-o", tmp_path / "a.pdf"], "不支持输出 .pdf"),
        (["--year", "2027", "--library", tmp_path / "nope", "-o", tmp_path / "a.docx"], "不存在"),
        (["--year", "2027", "--plan", tmp_path / "nope.yaml", "-o", tmp_path / "a.docx"], "找不到"),
        (["--year", "2027", "-o", tmp_path], "已存在"),
    ]
    for args, message in cases:
        result = gwplan("draft", *args)
        assert result.code == 2, args
        assert message in result.err, (args, result.err)
        assert "Traceback" not in result.err


def test_draft_does_not_import_jieba(tmp_path):
    code = (
        "import sys\nfrom generator.cli import main\n"
        f"try:\n    main(['draft', '--year', '2027', '-o', r'{tmp_path / 'x.docx'}'])\nexcept SystemExit:\n    pass\n"
        "print('jieba' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
