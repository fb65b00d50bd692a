import pytest

from generator.text import zhtext


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("全市近 60%的中小学", "全市近60%的中小学"),
        ("基本达 到关工委优质化建设标准", "基本达到关工委优质化建设标准"),
        ("以习近平新时代中国特色社会主义思想为指导,全面贯彻", "以习近平新时代中国特色社会主义思想为指导，全面贯彻"),
        ("( 一)加强学习", "（一）加强学习"),
        ("(二) 强化宣讲", "（二）强化宣讲"),
        ("1、把学习", "1.把学习"),
        ("3．组织开展", "3.组织开展"),
        ("一. 加强学习", "一、加强学习"),
        ("成立 75 周年为契机", "成立75周年为契机"),
        ("总要求是: 以习近平", "总要求是：以习近平"),
        ("(以下简称《意见》)精神", "（以下简称《意见》）精神"),
        ("“七一” “十一”等节日", "“七一”“十一”等节日"),
        ("用好《红色读本》 《家乡故事》", "用好《红色读本》《家乡故事》"),
        ("说\"好\"的", "说“好”的"),
    ],
)
def test_normalize_text_fixes_spacing_punctuation_and_markers(raw, expected):
    assert zhtext.normalize_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["8:30开会", "共1,000人", "增长3.5%", "2024-03-31", "《中华人民共和国家庭教育促进法》", "Windows 10", "30%～40%"],
)
def test_normalize_text_leaves_numbers_dates_and_titles_alone(text):
    assert zhtext.normalize_text(text) == text


def test_heading_levels():
    assert zhtext.heading_level("一、提高站位")[:2] == (1, 1)
    assert zhtext.heading_level("十二、其他")[:2] == (1, 12)
    assert zhtext.heading_level("（三）宣讲")[:2] == (2, 3)
    assert zhtext.heading_level("20.加强宣传")[:2] == (3, 20)
    assert zhtext.heading_level("（2）做好")[:2] == (4, 2)
    assert zhtext.heading_level("一是加强学习，二是")[0] == 0
    assert zhtext.heading_level("3.5万人参加")[0] == 0


def test_chinese_numbers_round_trip():
    for n in range(1, 40):
        assert zhtext.parse_cn_number(zhtext.cn_number(n)) == n
