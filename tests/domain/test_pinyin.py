"""Pinyin of names: look-up by full pinyin or initials, sorting, login names."""

import pytest

from salesvisit_cli.domain.pinyin import NameBook, pinyin_query, syllables


def test_syllables_of_chinese_latin_and_mixed_names():
    assert syllables("上海华美贸易有限公司") == (
        "shang", "hai", "hua", "mei", "mao", "yi", "you", "xian", "gong", "si",
    )  # fmt: skip
    assert syllables("重庆银行") == ("chong", "qing", "yin", "hang")  # words, not single readings
    assert syllables("绿地（ABC）Café 2号") == ("lv", "di", "abc", "cafe", "2", "hao")
    assert syllables("Zhang Wei") == ("zhang", "wei")


@pytest.mark.parametrize(
    ("text", "query"),
    [("shhm", "shhm"), (" SHHM ", "shhm"), ("shang hai", "shanghai"), ("xi'an", "xian")],
)
def test_pinyin_query_ignores_case_spaces_and_apostrophes(text, query):
    assert pinyin_query(text) == query


@pytest.mark.parametrize("text", ["华美", "sh2", "a-b", "", "ｓｈ"])
def test_text_that_cannot_be_pinyin(text):
    assert pinyin_query(text) is None


@pytest.mark.parametrize(
    "query", ["shhm", "shanghaihuamei", "huamei", "hm", "anghaihu", "shhmmy", "gongsi"]
)
def test_part_of_the_full_pinyin_or_of_the_initials_matches(query):
    assert NameBook().matches(query, "上海华美贸易有限公司")


@pytest.mark.parametrize("query", ["bjhm", "shanghaihm", "huameix", "shhmx"])
def test_other_pinyin_does_not_match(query):
    assert not NameBook().matches(query, "上海华美贸易有限公司")


def test_names_without_chinese_never_match_by_pinyin():
    assert not NameBook().matches(
        "shanghai", "Shanghai Trading"
    )  # the plain name search finds these


def test_chinese_names_sort_among_latin_ones_by_pinyin():
    names = ["Siemens", "北京科技", "上海华美", "Acme", "安徽电子", "Sandvik", "xi'an Co", "先锋"]
    assert sorted(names, key=NameBook().sort_key) == [
        "Acme", "安徽电子", "北京科技", "Sandvik", "上海华美", "Siemens", "xi'an Co", "先锋",
    ]  # fmt: skip


def test_the_book_converts_each_chinese_name_once_and_uses_what_it_knows():
    book = NameBook({"华美": "hua mei"})
    assert book.matches("hm", "华美") and book.sort_key("华美") == "hua mei" and book.added == 0
    assert book.sort_key("上海") == "shang hai" and book.added == 1
    assert book.matches("sh", "上海") and book.added == 1
    assert book.sort_key("Acme") == "acme" and book.added == 1  # Latin names need no pinyin
    assert book.known == {"华美": "hua mei", "上海": "shang hai"}
    assert NameBook({"华美": "wrong key"}).sort_key("华美") == "wrong key"  # trusted as it is
