"""The day's screens (plan, visit list/schedule/cancel/prep/report, daily) in both languages at
80 and 120 columns: nothing wider than the terminal, no English word of the interface in
`zh-CN` (the data is Chinese, the command words stay English), the source's own wording, Chinese
dates and numbers, and the same JSON in both languages."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from salesvisit_cli import i18n

# Wednesday 2 December 2026, before the 09:00 deadline of Tuesday's report.
NOW = "2026-12-02 08:00"
CUSTOMERS = [
    ("上海华美贸易有限公司", "上海市浦东新区张江路 88 号 3 楼", "09:00-17:30", "key"),
    ("上海华美科技", "上海市徐汇区漕溪北路 1200 号", "08:30-17:00", "normal"),
    ("北京东方医药", None, "09:00-18:00", "normal"),
    ("杭州西湖药业", "杭州市西湖区文三路 90 号", None, "normal"),
    ("苏州工业园区康达医疗器械有限公司", "苏州工业园区星湖街 328 号 12 栋", "09:00-17:00", "key"),
    ("广州白云医药", "广州市白云区机场路 18 号", "09:00-17:00", "normal"),
]  # fmt: skip
# Words that stay English in every language: the program's name, commands and options.
COMMAND_WORDS = {"salesvisit", "visit", "prep", "carry", "plan", "report", "customer", "edit"}
COMMAND_WORDS |= {"date", "suggest", "accept"}
REPORT = ("visit", "report", "3", "--start", "07:00", "--minutes", "50", "--notes", "谈了价格",
          "--booking", "十箱")  # fmt: skip


@pytest.fixture
def speak(monkeypatch):
    """Switch the interface language for the next commands."""

    def switch(language: str) -> None:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8" if language == "zh-CN" else "C.UTF-8")
        monkeypatch.setenv("LANGUAGE", "zh_CN" if language == "zh-CN" else "en")
        i18n.reset()

    return switch


@pytest.fixture
def day(cli, clock, monkeypatch):
    """王伟's Wednesday: six visits planned, yesterday's visit reported with a complaint and a
    booking (open, so today's plan talks about them), some steps and carry items ticked."""
    monkeypatch.setenv("SALESVISIT_REP", "王伟")
    clock(NOW)
    for name, address, hours, tier in CUSTOMERS:
        options = ["--tier", tier]
        options += ["--address", address] if address else []
        options += ["--hours", hours] if hours else []
        assert cli("customer", "add", name, *options).exit_code == 0
    ran = cli(
        "visit", "report", "--customer", "广州白云医药", "--date", "2026-12-01",
        "--start", "10:00", "--minutes", "45", "--notes", "介绍新品，客户很感兴趣",
        "--complaint", "上次送货延误", "--booking", "二百箱",
    )  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    times = ["09:00", "10:00", "11:00", "13:30", "15:00", None]
    for number, (name, *_rest) in enumerate(CUSTOMERS):
        options = (
            ["--at", times[number]] if times[number] else ["--purpose", "送样品并了解采购流程"]
        )
        options += ["--appointment"] if number % 2 == 0 else []
        assert cli("visit", "schedule", name, *options).exit_code == 0
    cli("visit", "prep", "2", "screen", "materials")
    cli("visit", "prep", "carry", "1", "2")


def screens(cli) -> dict[str, str]:
    """Every screen of the day (the writes are repeatable ones: a tick, a planned day)."""
    plain = {
        "plan": cli("visit", "plan"),
        "list": cli("visit", "list"),
        "prep": cli("visit", "prep", "4", "address"),
        "carry": cli("visit", "prep", "carry", "3"),
        "daily": cli("daily", "2026-12-01"),
        "amend": cli("visit", "report", "1", "--amend"),
        "suggest": cli("visit", "plan", "--date", "2026-12-03", "--suggest", "3"),
    }
    for name, ran in plain.items():
        assert ran.exit_code == 0, (name, ran.stderr)
    return {name: ran.stdout + ran.stderr for name, ran in plain.items()}


def english_words(text: str) -> set[str]:
    """English words outside the commands shown (`salesvisit …` up to a Chinese character)."""
    text = re.sub(r"salesvisit [ -~]*", "", text)
    return {word for word in re.findall(r"[A-Za-z]{2,}", text)} - COMMAND_WORDS


def check_fits(output: str, width: int) -> None:
    wide = [line for line in output.splitlines() if cell_len(line) > width]
    assert not wide, wide


@pytest.mark.parametrize("width", [80, 120])
def test_every_screen_fits_and_speaks_chinese(cli, day, speak, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    speak("zh-CN")
    shown = screens(cli)
    for name, output in shown.items():
        check_fits(output, width)
        assert not english_words(output), (name, english_words(output), output)
    plan = re.sub(r"\n\s*", "", shown["plan"])  # sentences wrapped at 80 columns, joined
    assert "12月2日 周三 拜访计划 — 王伟" in plan
    assert "还剩 22 个工作日" in plan and "每天需拜访 6 位（新客户 2 位）" in plan
    # The source's own words: the carry list, the R2 steps, the R3 points.
    for words in ("工作证", "价格资料", "客户公司信息资料", "公司宣传资料若干套", "计算器"):
        assert words in plan
    for step in ("筛选客户", "准备资料", "确认住址和作息时间", "准备洽谈提纲", "事先预约"):
        assert step in plan
    assert "我不会占用您太多时间" in plan and "上次送货延误" in plan
    assert "合作关系" in plan or "互利互惠" in plan or "技巧：" in plan
    assert "尚未提交" in shown["daily"] and "预订、投诉" in shown["daily"]
    assert "感谢电话或传真" in shown["daily"] and "投诉处理结果通报" in shown["daily"]


@pytest.mark.parametrize("width", [80, 120])
def test_every_screen_fits_in_english(cli, day, speak, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    speak("en")
    shown = screens(cli)
    for output in shown.values():
        check_fits(output, width)
        assert not re.search(r"[\u4e00-\u9fff]{2,}\s*[：（]", output)  # no Chinese label
    plan = shown["plan"]
    assert "Plan for Wed 2026-12-02 — 王伟" in plan
    assert "22 working days left" in plan and "need 6/day (new 2/day)" in plan
    assert "company brochures (several sets)" in plan


def test_a_six_visit_plan_is_one_screen_two_lines_a_visit(cli, day, speak, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    speak("zh-CN")
    lines = cli("visit", "plan").stdout.splitlines()
    lines = lines[lines.index("12月2日 周三 拜访计划 — 王伟") :]  # after the morning briefing
    assert len(lines) <= 36
    first = lines.index("─" * 80) + 1
    visits = lines[first : first + 14]
    assert [line[:2] for line in visits[:12:2]] == ["#2", "#3", "#4", "#5", "#6", "#7"]
    assert visits[12].startswith("   待办"), "\n".join(lines)
    assert visits[13].startswith("洽谈要点")  # complaint, booking
    assert sum("技巧：" in line for line in lines) == 1  # the tip once, not per customer
    carry = [line for line in lines if "✓" in line or "✗" in line]
    items = [item for line in carry for item in line.split("  ") if item.strip()]
    assert "✗4 公司宣传资料若干套" in items  # wrapped between items, never inside one


def test_confirmations_speak_chinese(cli, day, speak, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    speak("zh-CN")
    shown = {
        "schedule": cli("visit", "schedule", "上海华美科技", "--date", "2026-12-05"),
        "cancel": cli("visit", "cancel", "7", "--reason", "客户出差"),
        "report": cli(*REPORT),
        "prep": cli("visit", "prep", "4", "address"),
    }
    for name, ran in shown.items():
        assert ran.exit_code == 0, (name, ran.stderr)
        output = ran.stdout + ran.stderr
        check_fits(output, 80)
        assert not english_words(output), (name, english_words(output), output)
    assert "12月5日 周六" in shown["schedule"].stdout
    assert "不是工作日" in shown["schedule"].stderr
    assert "已取消拜访 7" in shown["cancel"].stdout
    report = shown["report"].stdout
    assert "预订立即处理" in report and "感谢电话或传真" in report and "超时" in report
    assert "档案缺地址" in shown["prep"].stderr


@pytest.mark.parametrize(
    "command",
    [
        ("visit", "plan"),
        ("visit", "plan", "--date", "2026-12-03", "--suggest", "3"),
        ("visit", "list"),
        ("visit", "prep", "carry", "3"),
        ("daily", "2026-12-01"),
        ("visit", "report", "1", "--amend"),
    ],
)
def test_json_is_the_same_in_both_languages(cli, day, speak, command):
    documents = []
    for language in ("en", "zh-CN"):
        speak(language)
        ran = cli(*command, "--json")
        assert ran.exit_code == 0, ran.stderr
        documents.append(ran.json())
    assert documents[0] == documents[1]
