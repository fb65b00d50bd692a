"""gwplan serve through Flask's test client: pages, saves (text-preserving, linted, conflict-checked),
safety (token, host, paths, escaping) and the preview's .docx downloads."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import FIXTURES

from generator.library.load import load_library
from generator.review.lint import lint_library
from generator.review.serve import create_app
from generator.review.serve.catalog import draft_facts
from generator.review.serve.catalog import library_versions

SOURCE = FIXTURES / "serve-library"
SECTION = "01-思想引领.yaml"


@pytest.fixture
def library(tmp_path) -> Path:
    copy = tmp_path / "条款库"
    shutil.copytree(SOURCE, copy)
    return copy


@pytest.fixture
def client(library):
    app = create_app(library)
    app.config["TESTING"] = True
    return app.test_client()


def form(client, library: Path, **fields) -> dict:
    """What a page's form sends: the token, the versions of the files it was built from, fields."""
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)
    return {"csrf": token, **{f"v:{k}": v for k, v in library_versions(library).items()}, **fields}


def clause_form(client, library: Path, clause_id: str, **changes) -> dict:
    clause = load_library(library).find(clause_id)[1]
    values = {"text": clause.text, "status": clause.status, "audience": clause.audience, "tags": " ".join(clause.tags),
              "notes": "\n".join(clause.notes)}
    values.update(changes)
    return form(client, library, **values)


def text_of(library: Path, name: str = SECTION) -> str:
    return (library / name).read_text(encoding="utf-8")


def test_library_page_lists_sections_and_filters(client):
    page = client.get("/?year=2026").get_data(as_text=True)
    for heading in ("总要求", "筑牢思想根基", "做实关爱服务"):
        assert heading in page
    assert page.count('class="clause ') == 5
    review = client.get("/?status=review").get_data(as_text=True)
    assert review.count('class="clause ') == 1 and "思想引领-五老宣讲" in review
    tagged = client.get("/?tag=课后服务").get_data(as_text=True)
    assert tagged.count('class="clause ') == 1 and "关爱-课后服务" in tagged
    of_2024 = client.get("/?source_year=2024").get_data(as_text=True)
    assert of_2024.count('class="clause ') == 3 and "关爱-结对帮扶" not in of_2024
    marked = client.get("/?marked=1&year=2026").get_data(as_text=True)
    assert marked.count('class="clause ') == 1 and "超过85%" in marked and "草稿标黄 1 处" in marked


def test_clause_page_shows_wordings_changes_and_rules(client):
    page = client.get("/clause/思想引领-集中学习?year=2026").get_data(as_text=True)
    assert "青山2024.txt" in page and "青山2025.txt" in page
    assert "<del>4</del>" in page and "<ins>6</ins>" in page  # diff's word-level measure, 2024 → 2025
    summary = client.get("/clause/总要求-五老作用?year=2026").get_data(as_text=True)
    assert "会议精神" in summary and "党的二十大和二十届历次全会精神" in summary  # the rule for 2026
    assert "在默认草稿中" in summary
    marked = client.get("/clause/关爱-结对帮扶?year=2026").get_data(as_text=True)
    assert re.search(r'<mark title="数字：[^"]*">[^<]*超过85%', marked)


def test_edit_keeps_every_other_byte_and_reaches_the_draft(client, library):
    before = text_of(library)
    new = "组织全区教育关工委成员集中学习不少于8次，把学习成果转化为推动工作的实际成效。"
    answer = client.post("/clause/思想引领-集中学习", data=clause_form(client, library, "思想引领-集中学习", text=new, tags="学习 政治 理论"))
    assert answer.status_code == 302
    after = text_of(library)
    expected = before.replace("不少于6次，把学习成果转化为推动工作的实际成效。\n    tags: [学习, 政治]",
                              "不少于8次，把学习成果转化为推动工作的实际成效。\n    tags: [学习, 政治, 理论]", 1)
    assert after == expected  # comments, the audience's comment, sources: all as they were
    assert "# 审核人注：次数按区里的新要求写。" in after
    preview = client.get("/preview?year=2026").get_data(as_text=True)
    assert "不少于8次" in preview


def test_status_audience_notes_and_targets_are_written(client, library):
    data = clause_form(client, library, "关爱-结对帮扶", status="retired", audience="district", notes="区里统一安排")
    data.update(target_name="帮扶比例", target_value="85%", target_context="结对帮扶超过85%")
    assert client.post("/clause/关爱-结对帮扶", data=data).status_code == 302
    clause = load_library(library).find("关爱-结对帮扶")[1]
    assert (clause.status, clause.audience, clause.notes) == ("retired", "district", ["区里统一安排"])
    assert [(t.name, t.value) for t in clause.targets] == [("帮扶比例", "85%")]
    assert "# 课后服务这条两年都有。" in text_of(library, "02-关爱帮扶.yaml")
    assert not lint_library(library).errors


def test_invalid_edit_is_refused_beside_its_field_and_nothing_is_written(client, library):
    before = text_of(library)
    data = clause_form(client, library, "思想引领-集中学习", text="组织{{ 学习次数 }}次集中学习。")
    answer = client.post("/clause/思想引领-集中学习", data=data)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    message = re.search(r'<p class="lint-error" data-field="text">([^<]+)</p>', page)
    assert message and f"{SECTION}:" in message.group(1) and "学习次数" in message.group(1)
    assert "组织{{ 学习次数 }}次集中学习。" in page  # the reviewer's text stays in the form
    assert text_of(library) == before


def test_a_file_changed_on_disk_is_not_overwritten(client, library):
    data = clause_form(client, library, "思想引领-集中学习", text="改过的文字。")
    edited_elsewhere = text_of(library).replace("# 思想引领一节。", "# 思想引领一节（编辑器里改过）。")
    (library / SECTION).write_text(edited_elsewhere, encoding="utf-8")
    answer = client.post("/clause/思想引领-集中学习", data=data)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409 and "在页面打开后已被改动" in page and "改过的文字。" in page
    assert text_of(library) == edited_elsewhere


def test_move_and_reorder_carry_the_comment_above_a_clause(client, library):
    assert client.post("/clause/思想引领-集中学习/move", data=form(client, library, section="02-关爱帮扶.yaml")).status_code == 302
    source, target = text_of(library), text_of(library, "02-关爱帮扶.yaml")
    assert "思想引领-集中学习" not in source and "# 思想引领一节。审核人" in source
    assert target.index("# 课后服务这条两年都有。") < target.index("# 审核人注：次数按区里的新要求写。") < target.index("- id: 思想引领-集中学习")
    assert client.post("/clause/思想引领-集中学习/shift", data=form(client, library, step="up")).status_code == 302
    ids = [c.id for c in load_library(library).sections[2].clauses]
    assert ids == ["关爱-结对帮扶", "思想引领-集中学习", "关爱-课后服务"]
    target = text_of(library, "02-关爱帮扶.yaml")
    assert target.index("# 审核人注") < target.index("- id: 思想引领-集中学习") < target.index("# 课后服务这条两年都有。")
    assert not lint_library(library).errors


def test_a_new_clause_is_added_in_the_house_format(client, library):
    data = form(client, library, id="关爱-心理疏导", text="协助学校开展心理健康筛查，做好重点学生的陪伴疏导。", status="active",
                audience="", kind="item", tags="心理 关爱", notes="")
    answer = client.post("/section/02-关爱帮扶.yaml/new", data=data)
    assert answer.status_code == 302 and "/clause/" in answer.headers["Location"]
    text = text_of(library, "02-关爱帮扶.yaml")
    assert text.startswith("# 关爱帮扶一节。\n") and "# 课后服务这条两年都有。" in text
    assert "  - id: 关爱-心理疏导\n    status: active\n    kind: item\n" in text and "tags: [心理, 关爱]" in text
    assert "心理健康筛查" in client.get("/preview?year=2026").get_data(as_text=True)  # a reviewer's clause is drafted
    again = client.post("/section/02-关爱帮扶.yaml/new", data=form(client, library, id="关爱-心理疏导", text="重复的 id。",
                                                                 status="active", kind="item"))
    assert again.status_code == 422 and "重复" in again.get_data(as_text=True)


def test_requests_without_the_token_or_from_elsewhere_are_refused(client, library):
    before = {p.name: p.read_bytes() for p in library.glob("*.yaml")}
    data = clause_form(client, library, "思想引领-集中学习", text="不该写入。")
    del data["csrf"]
    assert client.post("/clause/思想引领-集中学习", data=data).status_code == 403
    data["csrf"] = "guess"
    assert client.post("/clause/思想引领-集中学习", data=data).status_code == 403
    assert client.get("/", headers={"Host": "attacker.example:8765"}).status_code == 403
    assert {p.name: p.read_bytes() for p in library.glob("*.yaml")} == before


def test_no_path_outside_the_library(client, library, tmp_path):
    (tmp_path / "outside.yaml").write_text("section: 外面\nclauses: []\n", encoding="utf-8")
    assert client.get("/section/..%2Foutside.yaml/new").status_code == 404
    assert client.post("/clause/思想引领-集中学习/move", data=form(client, library, section="../outside.yaml")).status_code == 400
    answer = client.get("/preview?year=2026&plan=../outside.yaml")
    assert answer.status_code == 400 and "不在条款库文件夹中" in answer.get_data(as_text=True)
    assert (tmp_path / "outside.yaml").read_text(encoding="utf-8") == "section: 外面\nclauses: []\n"


def test_clause_text_with_html_or_jinja_is_shown_as_text(client, library):
    path = library / "02-关爱帮扶.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "开设书法、戏曲、科技等兴趣课程。", "开设<script>alert(1)</script>书法{% if 1 %}课程{% endif %}。", 1), encoding="utf-8")
    page = client.get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{% if 1 %}" in page
    assert "script-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_preview_downloads_the_three_documents(client):
    page = client.get("/preview?year=2026").get_data(as_text=True)
    assert re.search(r'<mark title="数字：[^"]+">', page) and "底稿：2025年 青山2025.txt" in page
    plain = client.get("/preview/download?kind=plain&year=2026")
    assert plain.status_code == 200 and "filename*=UTF-8''" in plain.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(plain.data))
    assert document.paragraphs[0].text.replace("\n", "") == "青山区教育局关工委2026年关心下一代工作要点"
    review = zipfile.ZipFile(io.BytesIO(client.get("/preview/download?kind=review&year=2026").data))
    assert "word/comments.xml" in review.namelist() and "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(plain.data)).namelist()
    notice = docx.Document(io.BytesIO(client.get("/preview/download?kind=notice&year=2026").data))
    assert any("青教关〔2026〕" in p.text for p in notice.paragraphs)


def test_serve_refuses_a_folder_that_is_not_a_library(gwplan, tmp_path):
    result = gwplan("serve", "--library", str(tmp_path / "没有"), "--no-browser")
    assert result.code == 2 and "条款库文件夹不存在" in result.err


def test_a_year_of_review_of_the_seeds_reaches_the_next_draft(seeds, tmp_path):
    """Reword, retire, move and add in the browser's forms; the next draft has every edit."""
    from conftest import run_gwplan

    library = tmp_path / "条款库"
    run_gwplan("ingest", *sorted(seeds.glob("*.txt")), "--library", library)
    client = create_app(library).test_client()
    facts = draft_facts(library, 2026)
    loaded = load_library(library)
    drafted = [(s, c) for s, c in loaded.clauses()  # clauses the 2026 draft writes as the library has them
               if c.id in facts.in_plan and s.role == "body" and "{{" not in c.text and c.id not in facts.reports]
    (_, reworded), (_, retired), (home, moved) = drafted[0], drafted[1], drafted[2]
    target = next(s for s, c in drafted if s.path != home.path and s.path != drafted[0][0].path)

    new_text = reworded.text.rstrip("。") + "，每学期末对照检查一次。"
    assert client.post(f"/clause/{reworded.id}", data=clause_form(client, library, reworded.id, text=new_text)).status_code == 302
    assert client.post(f"/clause/{retired.id}", data=clause_form(client, library, retired.id, status="retired")).status_code == 302
    assert client.post(f"/clause/{moved.id}/move", data=form(client, library, section=target.path.name)).status_code == 302
    added = form(client, library, id="审核-新增条款", text="组织老同志走访困境学生家庭，每学期不少于一次。", status="active",
                 kind="item", tags="关爱 走访")
    assert client.post(f"/section/{target.path.name}/new", data=added).status_code == 302
    assert not lint_library(library).errors

    plan = docx.Document(io.BytesIO(client.get("/preview/download?kind=plain&year=2026").data))
    paragraphs = [p.text for p in plan.paragraphs]
    body = "\n".join(paragraphs)
    assert new_text in body and retired.text not in body
    assert "组织老同志走访困境学生家庭" in body
    heading = next(i for i, p in enumerate(paragraphs) if p.endswith(target.heading))
    after = paragraphs[heading + 1:]
    next_heading = next((i for i, p in enumerate(after) if re.match(r"^[一二三四五六七八九十]+、", p)), len(after))
    assert any(moved.text in p for p in after[:next_heading])  # under its new section's heading


def test_the_library_page_keeps_or_retires_with_one_click(client, library):
    before = text_of(library)
    answer = client.post("/clause/思想引领-五老宣讲/status?status=review", data=form(client, library, status="active"))
    assert answer.status_code == 302 and answer.headers["Location"].endswith("#c-%E6%80%9D%E6%83%B3%E5%BC%95%E9%A2%86-%E4%BA%94%E8%80%81%E5%AE%A3%E8%AE%B2")
    assert text_of(library) == before.replace("    status: review  # 2025 年没有写，待审\n", "    status: active  # 2025 年没有写，待审\n", 1)
    assert client.post("/clause/思想引领-五老宣讲/status", data=form(client, library, status="gone")).status_code == 400


def test_a_clause_for_review_shows_what_the_draft_would_make_of_it(client, library):
    page = client.get("/clause/思想引领-五老宣讲?year=2026").get_data(as_text=True)
    assert "改为“使用”后，它在 2026 年草稿中会是这样" in page and re.search(r'<mark title="数字：[^"]*50场', page)
    answer = client.get("/no-such-page")
    assert answer.status_code == 404 and "找不到页面" in answer.get_data(as_text=True)


def test_line_breaks_typed_into_the_text_join_into_one_paragraph(client, library):
    data = clause_form(client, library, "关爱-课后服务", text="组织老教师参与课后服务，\r\n开设书法、戏曲等兴趣课程。")
    assert client.post("/clause/关爱-课后服务", data=data).status_code == 302
    assert load_library(library).find("关爱-课后服务")[1].text == "组织老教师参与课后服务，开设书法、戏曲等兴趣课程。"


def test_a_port_in_use_is_a_clear_error(gwplan):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = gwplan("serve", "--library", str(SOURCE), "--port", str(taken.getsockname()[1]), "--no-browser")
    assert result.code == 2 and "端口可能已被占用" in result.err


def test_a_save_waits_for_the_library_lock_and_says_so(client, library, monkeypatch):
    import threading

    from generator.library.lock import library_lock
    from generator.review.serve import saving

    monkeypatch.setattr(saving, "LOCK_WAIT", 0.2)
    data = clause_form(client, library, "关爱-课后服务", text="锁住时不该写入。")
    before, held, release = text_of(library, "02-关爱帮扶.yaml"), threading.Event(), threading.Event()

    def writer():  # another writer (ingest, learn) holding the lock
        with library_lock(library):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait(10)
    try:
        answer = client.post("/clause/关爱-课后服务", data=data)
    finally:
        release.set()
        thread.join()
    assert answer.status_code == 400 and "正在写这个条款库" in answer.get_data(as_text=True)
    assert text_of(library, "02-关爱帮扶.yaml") == before
