"""gwplan lint: each kind of reviewer mistake is reported at its file and line, in Chinese."""
import re

import pytest
from conftest import FIXTURES


@pytest.fixture
def library(tmp_path, gwplan):
    lib = tmp_path / "lib"
    assert gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib).code == 0
    return lib


def section_file(lib, fragment):
    return next(p for p in sorted(lib.glob("0[1-9]*.yaml")) if fragment in p.read_text(encoding="utf-8"))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.replace(old, new, 1)


def line_of(text, fragment):
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def lint(gwplan, lib):
    result = gwplan("lint", "--library", lib)
    assert "Traceback" not in result.err
    return result


def test_ingested_library_is_clean(library, gwplan):
    result = lint(gwplan, library)
    assert result.code == 0 and "没有错误" in result.out


def test_yaml_syntax_error_names_file_and_line(library, gwplan):
    path = section_file(library, "困境学生")
    edit(path, "    status: active", "    status: active\n  bad: [unclosed")
    result = lint(gwplan, library)
    assert result.code == 2
    assert re.search(rf"{re.escape(str(path))}:\d+: YAML 语法错误", result.out)


@pytest.mark.parametrize(
    "slip, hint",
    [
        ("    notes: [待核对, 补全", "方括号 [ 没有配对的 ]"),
        ("\tstatus: active", "不能用制表符缩进"),
        ("    notes: @张老师改", "请给这段文字加引号"),
        ("    notes: '没有收尾的引号", "引号没有配对"),
    ],
)
def test_yaml_slips_are_explained_in_chinese(library, gwplan, slip, hint):
    path = section_file(library, "困境学生")
    text = edit(path, "    status: active", "    status: active\n" + slip)
    result = lint(gwplan, library)
    assert result.code == 2
    found = re.search(rf"{re.escape(str(path))}:(\d+): YAML 语法错误：(.*)", result.out)
    assert found and hint in found.group(2), result.out
    assert int(found.group(1)) == line_of(text, "    status: active") + 1  # the line of the slip


@pytest.mark.parametrize(
    "old, new, fragment, message",
    [
        ("    status: active", "    status: activ", "status: activ", "status“activ”无效"),
        ("    status: active", "    stauts: active", "stauts", "未知字段“stauts”"),
        ("    file: web_copy.txt\n    year:", "    flie: web_copy.txt\n    year:", "flie", "标题原文中有未知字段“flie”"),
        ("建立困境学生台账", "建立困境学生台账{{ year }", "{{ year }", "占位符语法错误"),
        ("建立困境学生台账", "建立{{ budget }}台账", "{{ budget }}", "{{ budget }} 没有规则或目标能填写"),
        ("建立困境学生台账", "建立{{ targets.帮扶人数 }}台账", "targets.帮扶人数", "目标 {{ targets.帮扶人数 }} 没有定义"),
        ("建立困境学生台账", "{{ ''.__class__ }}", "__class__", "不允许访问内部属性"),
    ],
)
def test_schema_and_placeholder_errors(library, gwplan, old, new, fragment, message):
    path = section_file(library, "困境学生")
    text = edit(path, old, new)
    result = lint(gwplan, library)
    assert result.code == 2, result.out
    found = [line for line in result.out.splitlines() if message in line]
    assert found, result.out
    expected_line = line_of(text, fragment) if fragment in ("status: activ", "stauts", "flie") else None
    location = re.match(rf"{re.escape(str(path))}:(\d+): ", found[0])
    assert location, found[0]
    if expected_line:
        assert int(location.group(1)) == expected_line
    else:  # placeholder problems point at the clause's text: line
        assert "text:" in text.splitlines()[int(location.group(1)) - 1]


def test_named_target_is_accepted_once_declared(library, gwplan):
    path = section_file(library, "困境学生")
    text = path.read_text(encoding="utf-8")
    text = text.replace("不少于300名。", "不少于{{ targets.帮扶人数 }}。").replace("      - value: 300名", "      - name: 帮扶人数\n        value: 300名")
    path.write_text(text, encoding="utf-8")
    assert lint(gwplan, library).code == 0


def test_missing_and_duplicate_ids(library, gwplan):
    first = section_file(library, "困境学生")
    text = first.read_text(encoding="utf-8")
    ids = re.findall(r"- id: (\S+)", text)
    text = text.replace(f"- id: {ids[1]}", f"- id: {ids[0]}", 1)
    first.write_text(text, encoding="utf-8")
    other = section_file(library, "规范化建设")
    edit(other, "  - id: ", "  - kind: item\n    id_: x\n  - id: ")
    result = lint(gwplan, library)
    assert result.code == 2
    duplicate = [l for l in result.out.splitlines() if f"id“{ids[0]}”重复" in l]
    lines = [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == f"- id: {ids[0]}"]
    assert len(lines) == 2
    assert duplicate == [duplicate[0]] and duplicate[0].startswith(f"{first}:{lines[1]}: ")
    assert f"{first}:{lines[0]}" in duplicate[0]  # and it says where the id was first used
    assert any(l.startswith(f"{other}:") and "缺少 id" in l for l in result.out.splitlines())
    assert any(l.startswith(f"{other}:") and "缺少 text" in l for l in result.out.splitlines())


def test_lint_json_output(library, gwplan):
    import json

    edit(section_file(library, "困境学生"), "    status: active", "    status: old")
    result = gwplan("lint", "--library", library, "--json")
    data = json.loads(result.out)
    assert result.code == 2
    assert data["problems"][0]["severity"] == "error" and data["problems"][0]["line"] > 0


def test_lint_on_a_folder_that_is_no_library(tmp_path, gwplan):
    result = gwplan("lint", "--library", tmp_path)
    assert result.code == 2 and "不是条款库" in result.err
    result = gwplan("lint", "--library", tmp_path / "nope")
    assert result.code == 2 and "不存在" in result.err
