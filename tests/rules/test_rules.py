"""Year rollover rules (rules/*.yaml): policy wording, anniversaries, expired phrases, stale years."""
import pytest

from generator.errors import GwplanError
from generator.rules.ruleset import load_rules
from generator.rules.rollover import roll, stale_years


@pytest.fixture(scope="module")
def r2027():
    return load_rules(2027)


def test_congress_wording_follows_the_plan_year(r2027):
    text, changes, flags = roll(r2027, "认真学习贯彻党的二十届三中全会精神，落实立德树人根本任务。")
    assert text == "认真学习贯彻党的二十大和二十届历次全会精神，落实立德树人根本任务。"
    assert changes[0].before == "党的二十届三中全会精神" and not flags
    assert roll(load_rules(2025), "学习党的二十大精神")[0] == "学习党的二十届三中全会精神"
    assert roll(load_rules(2024), "学习党的二十大精神")[0] == "学习党的二十大和二十届二中全会精神"
    # The congress's own deployment is not stale wording.
    assert roll(r2027, "把党的二十大作出的战略部署落到实处。")[1] == []


def test_round_anniversary_is_recomputed():
    text, changes, _ = roll(load_rules(2029), "以庆祝中华人民共和国成立75周年为契机，开展主题教育。")
    assert text == "以庆祝中华人民共和国成立80周年为契机，开展主题教育。"
    assert changes[0].after == "中华人民共和国成立80周年"


def test_other_anniversary_is_dropped_with_its_frame(r2027):
    text, changes, flags = roll(r2027, "坚持把理想信念教育作为战略任务，以庆祝中华人民共和国成立75周年为契机，广泛开展教育活动。")
    assert text == "坚持把理想信念教育作为战略任务，广泛开展教育活动。"
    assert changes[0].after == "" and not flags


def test_anniversary_without_a_known_frame_is_flagged(r2027):
    text, changes, flags = roll(r2027, "今年恰逢新中国成立75周年。")
    assert "75周年" in text and flags and "78周年" in flags[0].reason


def test_expired_phrases(r2027):
    text, changes, _ = roll(r2027, "开创新局面，以优异成绩迎接党的二十大胜利召开。")
    assert text == "开创新局面，以优异成绩迎接党的二十一大胜利召开。"
    text, _, _ = roll(load_rules(2026), "开创新局面，以优异成绩迎接党的二十大胜利召开。")
    assert text == "开创新局面。"
    assert roll(r2027, "要根据后疫情时代的特点开展工作。")[0] == "要根据新形势下的特点开展工作。"
    assert roll(r2027, "对标“十四五”发展规划，巩固“十四五”时期成果。")[0] == "对标“十五五”发展规划，巩固“十四五”时期成果。"
    assert roll(r2027, "在做好常态化疫情防控的同时，组织活动。")[0] == "组织活动。"
    # In their own years the phrases are right and stay.
    assert roll(load_rules(2022), "以优异成绩迎接党的二十大胜利召开。")[1] == []


@pytest.mark.parametrize(
    "text, stale",
    [
        ("2025年全区教育系统", True),
        ("力争在2026年底完成", True),
        ("自2025年起统一纳入", False),
        ("2021年以来累计", False),
        ("中共常州市委2021年下发的《意见》", False),
        ("《2024—2035年规划纲要》", False),
        ("2024—2026年三年行动", False),
        ("2027年全区", False),
    ],
)
def test_stale_years(r2027, text, stale):
    assert bool(stale_years(r2027, text)) is stale


def test_suggestions_name_the_year_s_events(r2027):
    assert any("建军100周年" in s for s in r2027.suggestions())
    assert any("二十一大" in s for s in r2027.suggestions())


def test_user_rules_extend_the_built_in_ones(tmp_path):
    (tmp_path / "phrases.yaml").write_text(
        "phrases:\n  - id: 旧口号\n    match: 老口号\n    valid: [2020, 2023]\n    replace: 新口号\n    reason: 已更新\n",
        encoding="utf-8",
    )
    assert roll(load_rules(2027, tmp_path), "喊响老口号。")[0] == "喊响新口号。"


def test_bad_rule_file_is_reported_at_its_line(tmp_path):
    (tmp_path / "phrases.yaml").write_text(
        "phrases:\n  - id: 坏规则\n    match: '(未闭合'\n    valid: 2020\n", encoding="utf-8"
    )
    with pytest.raises(GwplanError) as info:
        load_rules(2027, tmp_path)
    assert "正则表达式" in str(info.value) and f"{tmp_path / 'phrases.yaml'}:2" in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["自2025年起统一纳入", "2025年以来累计", "2025年下发的《意见》", "2025—2027年三年行动", "《2025年读本》", "2025年全区推进"],
)
def test_ingest_and_freshness_agree_on_which_years_stay(r2027, text):
    """A year ingest keeps literal (a past fact or a range) is never flagged stale when drafting."""
    from generator.text.placeholders import insert_placeholders

    kept = insert_placeholders(text, 2025, "")
    assert ("2025" in kept) != ("{{ year }}" in kept)
    assert stale_years(r2027, kept) == []
