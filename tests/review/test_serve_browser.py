"""gwplan serve in a real browser: Debian's Chromium, headless, driven by chromium-driver (Selenium).

One server (started as a user would, `gwplan serve --port 0 --no-browser`) and one browser for
the module; the steps run in order on one library, and after each the YAML on disk is checked,
comments included. Set GWPLAN_SCREENSHOTS=folder to save the README's screenshots there.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

CHROMIUM, DRIVER = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"
SECTION, CARE = "01-思想引领.yaml", "02-关爱帮扶.yaml"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    library = tmp_path_factory.mktemp("serve") / "条款库"
    shutil.copytree(FIXTURES / "serve-library", library)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    errors = (library.parent / "stderr.txt").open("w+", encoding="utf-8")  # a file: a full pipe would stall the server
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--library", str(library), "--port", "0", "--no-browser"],
                               stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8", env=env)
    first = process.stdout.readline()
    address = re.search(r"http://127\.0\.0\.1:\d+/", first)
    if address is None:
        process.kill()
        errors.seek(0)
        pytest.fail(f"gwplan serve 没有给出地址：{first}{errors.read()}")
    yield {"url": address.group(0), "library": library, "process": process, "stderr": errors}
    if process.poll() is None:
        process.kill()
        process.wait()
    errors.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="需要 selenium（pip install '.[test]'）")
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.skip("需要 chromium 和 chromium-driver（apt-get install chromium chromium-driver）")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1366,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def by_css(browser, selector):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector)


def all_css(browser, selector):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, selector)


def open_clause(browser, server, clause_id: str):
    browser.get(f"{server['url']}clause/{clause_id}?year=2026")
    assert by_css(browser, "h1").text.startswith(clause_id)


def type_into(element, text: str) -> None:
    element.clear()
    element.send_keys(text)


def on_disk(server, name: str = SECTION) -> str:
    return (server["library"] / name).read_text(encoding="utf-8")


def screenshot(browser, name: str) -> None:
    folder = os.environ.get("GWPLAN_SCREENSHOTS")
    if folder:
        height = browser.execute_script("return document.body.scrollHeight")
        browser.set_window_size(1366, min(max(height, 900), 1600))
        browser.save_screenshot(str(Path(folder) / name))
        browser.set_window_size(1366, 900)


def saved(browser) -> str:
    return by_css(browser, ".flash.ok").text


def test_open_the_library(server, browser):  # the server first: it loads jieba while Chromium starts
    browser.get(server["url"] + "?year=2026")
    headings = [h.text for h in all_css(browser, ".section h2")]
    assert [h.split(" ")[0] for h in headings] == ["总要求", "筑牢思想根基", "做实关爱服务"]
    assert len(all_css(browser, "li.clause")) == 5
    assert by_css(browser, "li.clause.status-review .id").text == "思想引领-五老宣讲"
    screenshot(browser, "serve-library.png")


def test_reword_a_clause(browser, server):
    before = on_disk(server)
    open_clause(browser, server, "思想引领-集中学习")
    type_into(by_css(browser, "#text"), "组织全区教育关工委成员集中学习不少于8次，把学习成果转化为推动工作的实际成效。")
    by_css(browser, "#save").click()
    assert "已保存：01-思想引领.yaml" in saved(browser)
    assert on_disk(server) == before.replace("不少于6次", "不少于8次", 1)


def test_retire_a_clause(browser, server):
    before = on_disk(server, CARE)
    open_clause(browser, server, "关爱-课后服务")
    from selenium.webdriver.support.ui import Select

    Select(by_css(browser, "#status")).select_by_value("retired")
    by_css(browser, "#save").click()
    assert "已保存" in saved(browser)
    assert on_disk(server, CARE) == before.replace(
        "  - id: 关爱-课后服务\n    status: active\n", "  - id: 关爱-课后服务\n    status: retired\n", 1)
    assert "停用" in by_css(browser, "h1 .status").text


def test_add_a_tag(browser, server):
    before = on_disk(server)
    open_clause(browser, server, "思想引领-集中学习")
    by_css(browser, "#tags").send_keys(" 理论")
    by_css(browser, "#save").click()
    assert "已保存" in saved(browser)
    assert on_disk(server) == before.replace("    tags: [学习, 政治]\n", "    tags: [学习, 政治, 理论]\n", 1)
    screenshot(browser, "serve-clause.png")


def test_move_a_clause_to_another_section(browser, server):
    from selenium.webdriver.support.ui import Select

    open_clause(browser, server, "思想引领-集中学习")
    Select(by_css(browser, "#move-section")).select_by_value(CARE)
    by_css(browser, "#move").click()
    assert "已保存" in saved(browser) and CARE in by_css(browser, ".crumbs").text
    source, target = on_disk(server), on_disk(server, CARE)
    assert "思想引领-集中学习" not in source and source.startswith("# 思想引领一节。审核人：")
    assert "  # 审核人注：次数按区里的新要求写。\n  - id: 思想引领-集中学习\n    status: active\n    audience: both  # 依据：全区" in target
    assert target.index("# 课后服务这条两年都有。") < target.index("- id: 思想引领-集中学习")


def test_an_invalid_edit_shows_the_lint_message(browser, server):
    before = on_disk(server, CARE)
    open_clause(browser, server, "关爱-结对帮扶")
    type_into(by_css(browser, "#text"), "年内结对帮扶{{ 帮扶人数 }}名困境学生。")
    by_css(browser, "#save").click()
    message = by_css(browser, '.lint-error[data-field="text"]')
    assert message.is_displayed() and CARE in message.text and "帮扶人数" in message.text
    assert by_css(browser, "#text").get_attribute("value") == "年内结对帮扶{{ 帮扶人数 }}名困境学生。"
    assert on_disk(server, CARE) == before
    screenshot(browser, "serve-lint.png")


def test_a_file_changed_on_disk_shows_the_conflict(browser, server):
    open_clause(browser, server, "关爱-结对帮扶")
    changed = on_disk(server, CARE).replace("# 关爱帮扶一节。", "# 关爱帮扶一节（有人在编辑器里改过）。", 1)
    (server["library"] / CARE).write_text(changed, encoding="utf-8")
    type_into(by_css(browser, "#text"), "建立困境学生关爱台账，做好结对帮扶。")
    by_css(browser, "#save").click()
    assert "在页面打开后已被改动" in by_css(browser, ".conflict").text
    assert on_disk(server, CARE) == changed


def test_the_preview_highlights_the_marks(browser, server):
    browser.get(server["url"] + "preview?year=2026")
    marks = all_css(browser, ".paper mark")
    assert marks and "超过85%" in marks[0].text and marks[0].get_attribute("title").startswith("数字：")
    reason = by_css(browser, ".paper .in-paper .reason")
    assert reason.is_displayed() and "往年计划中的数字" in reason.text  # each mark's reason, beside its paragraph
    assert "不少于8次" in by_css(browser, ".paper").text  # the reworded clause reached the draft
    assert by_css(browser, "#download-review").get_attribute("href").endswith("kind=review&year=2026")
    screenshot(browser, "serve-preview.png")


def test_ctrl_c_ends_the_server_cleanly(server):
    process = server["process"]
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=10)
    server["stderr"].seek(0)
    err = server["stderr"].read()
    assert process.returncode == 0, err
    assert "条款库工作台已停止" in out and "Traceback" not in err
