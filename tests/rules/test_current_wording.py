"""One judge of current wording: meeting lists and guiding formulas are judged and replaced
whole, current wording is never touched, past facts keep their words, nothing doubles."""
import itertools
import re

import pytest

from generator.rules.current import GUIDING_FORMULA, MEETING_LIST, numeral
from generator.rules.rollover import roll
from generator.rules.ruleset import load_rules
from generator.rules.sentences import dangling

# Terms and the plenums each held (with plan years 2003-2027 they are all a plan can cite).
TERMS = {16: 6, 17: 7, 18: 7, 19: 7, 20: 4}


def meeting_lists(term: int, plenums: int) -> list[str]:
    """Every way a plan lists meetings of one term: the congress, plenums in any run, 历次."""
    t, found = numeral(term), []
    runs = [list(range(a, b + 1)) for a in range(2, plenums + 1) for b in range(a, plenums + 1)]
    for prefix in ("党的", ""):
        found.append(f"{prefix}{t}大精神")
        found.append(f"{prefix}{t}大和{t}届历次全会精神")
        for run in runs:
            named = "、".join(f"{numeral(p)}中" for p in run)
            found.append(f"{prefix}{t}大和{t}届{named}全会精神")
            found.append(f"{prefix}{t}届{named}全会精神")
            found.append(f"{prefix}{t}大、{t}届{named}全会精神")
    return found


ALL_LISTS = [lst for term, plenums in TERMS.items() for lst in meeting_lists(term, plenums)]
SENTENCES = [
    "2027年，全区教育系统认真学习贯彻{0}，落实立德树人根本任务。",
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻{0}，发挥“五老”作用。",
    "把学习宣传贯彻习近平新时代中国特色社会主义思想和{0}作为首要政治任务。",
    "以邓小平理论和“三个代表”重要思想为指导，深入学习贯彻{0}，推动工作。",
]


def doubled(text: str) -> list[str]:
    found = []
    for sentence in re.split(r"[。；]", text):
        if sentence.count("为指导") > 1:
            found.append(sentence)
        named = re.findall(r"(?:党的)?(二十一?大|十[六七八九]大|[二十一六七八九]+届[^，。；、和]{0,12}全会)", sentence)
        if len(named) != len(set(named)):
            found.append(sentence)
        if re.search(r"([\u4e00-\u9fff“”]{4,})[、和，]?\1", sentence):
            found.append(sentence)
    return found


@pytest.fixture(scope="module")
def rules_by_year():
    return {year: load_rules(year) for year in range(2003, 2028)}


def test_every_meeting_list_in_every_sentence_for_every_year_never_doubles_or_breaks(rules_by_year):
    checked = 0
    for year in (2004, 2009, 2014, 2017, 2019, 2023, 2024, 2025, 2026, 2027):  # a year of every era and each recent one
        rules = rules_by_year[year]
        for template, phrase in itertools.product(SENTENCES, ALL_LISTS):
            text = template.format(phrase)
            result, changes, marks = roll(rules, text)
            assert not doubled(result), (year, text, result)
            assert not [d for d in dangling(result) if d not in dangling(text)], (year, text, result)
            for match in MEETING_LIST.finditer(result):  # what remains is current, or marked
                assert not rules.verdict(match.group(0)) or any(match.group(0) in m.excerpt or m.excerpt in match.group(0) for m in marks), (year, text, result)
            checked += 1
    assert checked > 5000


def test_two_lists_in_one_sentence_leave_one_current_list(rules_by_year):
    rules = rules_by_year[2027]
    for first, second in itertools.product(meeting_lists(19, 7)[:6] + meeting_lists(20, 4), repeat=2):
        text = f"全面贯彻{first}，深入学习贯彻{second}，发挥作用。"
        result, _, marks = roll(rules, text)
        assert result == text or not doubled(result), (text, result)  # two current lists stay as written
        left = [m.group(0) for m in MEETING_LIST.finditer(result) if rules.verdict(m.group(0))]
        assert all(any(phrase in m.excerpt for m in marks) for phrase in left), (text, result)


@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize("phrase", ["党的二十届四中全会精神", "党的二十大和二十届历次全会精神", "党的二十大和二十届二中、三中、四中全会精神",
                                    "党的二十大和二十届三中、四中全会精神", "二十届四中全会精神"])
def test_current_wording_passes_untouched(rules_by_year, year, phrase):
    text = f"深入学习贯彻{phrase}，推动工作落实。"
    assert roll(rules_by_year[year], text)[:2] == (text, [])
    assert rules_by_year[year].verdict(phrase) == ""


@pytest.mark.parametrize("year, phrase", [(2026, "党的二十届三中全会精神"), (2027, "党的二十大和二十届二中、三中全会精神"),
                                          (2025, "党的二十届四中全会精神"), (2027, "党的十九大和十九届历次全会精神"), (2024, "党的二十大精神")])
def test_stale_wording_says_why_without_contradicting_itself(rules_by_year, year, phrase):
    reason = rules_by_year[year].verdict(phrase)
    assert reason and "年初以前召开" not in reason
    if "四中" in phrase and year == 2025:
        assert "还没有召开" in reason


def test_the_spirit_each_year_writes_is_itself_current(rules_by_year):
    for year, rules in rules_by_year.items():
        assert rules.spirit and rules.verdict(rules.spirit) == "", year


def test_guiding_formula_is_replaced_whole_and_once(rules_by_year):
    rules = rules_by_year[2027]
    text = "以邓小平理论和“三个代表”重要思想为指导，认真学习贯彻党的二十大精神。"
    result, changes, _ = roll(rules, text)
    assert result.startswith("以习近平新时代中国特色社会主义思想为指导，认真") and result.count("为指导") == 1
    both = "坚持以习近平新时代中国特色社会主义思想为指导，以邓小平理论、“三个代表”重要思想、科学发展观为指导，推动工作。"
    result, _, marks = roll(rules, both)
    assert result.count("为指导") == 1 or any("邓小平理论" in m.excerpt for m in marks)
    full = "以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想为指导，做好工作。"
    assert roll(rules, full)[:2] == (full, [])
    assert GUIDING_FORMULA.fullmatch(full[: full.index("，")])


@pytest.mark.parametrize("text", [
    "2025年是实施“十四五”规划的收官之年。",
    "我园在“十四五”规划实施中取得的成就为新一轮发展打下了基础。",
    "自2025年起，以庆祝新中国成立75周年为契机的活动统一纳入“五好”建设。",
    "2021年是建党100周年，党史学习教育取得了显著成效。",
])
def test_past_facts_keep_their_words_and_are_marked(rules_by_year, text):
    result, changes, marks = roll(rules_by_year[2027], text)
    assert result == text and changes == []
    assert marks and all(m.excerpt in text for m in marks)


def test_campaigns_of_every_era_are_marked_in_every_form(rules_by_year):
    rules = rules_by_year[2027]
    for phrase in ["巩固保持共产党员先进性教育活动成果", "深入学习实践科学发展观活动", "深入开展创先争优活动", "党的群众路线教育实践活动",
                   "“三严三实”专题教育", "推进“两学一做”学习教育常态化制度化", "“不忘初心，牢记使命”主题教育", "“不忘初心、牢记使命”主题教育",
                   "党史学习教育", "学习贯彻习近平新时代中国特色社会主义思想主题教育", "巩固拓展主题教育成果", "党纪学习教育",
                   "深入贯彻中央八项规定精神学习教育", "深入学习贯彻习近平总书记系列重要讲话精神", "践行科学发展观", "迎接党的二十届六中全会",
                   "“十一五”规划", "“十二五”开局", "纪念建国70周年", "庆祝建团95周年", "纪念少先队建队65周年"]:
        text = f"组织开展好{phrase}，推动工作。"
        result, changes, marks = roll(rules, text)
        assert changes or marks, phrase
        assert result != text or any(m.excerpt in text for m in marks), phrase
    assert rules_by_year[2016].phrases and not roll(rules_by_year[2016], "推进“两学一做”学习教育，做好工作。")[2]
