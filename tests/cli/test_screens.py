"""Every screen in both languages at 80 and 120 columns (CLI.md "Language").

One small database with awkward data (long Chinese names that differ only near the end, phones
with extensions, a long Chinese salesperson name, a conflict, overdue follow-ups), built once
under a frozen clock; each screen of SCREENS runs on a fresh copy of it, in `en` and `zh-CN`, at
COLUMNS=80 and 120, and must hold:

- no line wider than the terminal, counted in terminal cells (a CJK character takes two);
- every word of every table header whole on one line (no `Salesper/son`, no `Boo…`);
- every phone whole on one line;
- two different names never shown the same (a name cut with `…` must still tell which it is);
- no line (of text or of a table cell) starts with closing punctuation such as `）` or `，`;
- in zh-CN, no English word of the interface: every ASCII word must be data, a command or
  option name, or in ALLOWED.

Other screens join by adding a row to SCREENS (and their data to `build`).
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from salesvisit_cli.render.words import CLOSING

NAMES = (
    "上海华美国际贸易发展有限公司浦东分公司",
    "上海华美国际贸易发展有限公司闵行分公司",
    "Acme Trading Company Limited",
)
# What tells the 华美 names apart (it must show wherever one of them shows).
DISTINCT = {NAMES[0]: "浦东", NAMES[1]: "闵行", "上海华美国际贸易发展有限公司松江分公司": "松江"}
PHONES = ("+86 (21) 6888-1234 ext. 8023", "021-6888 1234 ext. 8024", "+1 555 0101 ext. 12")
CONTACTS = ("王经理", "欧阳小姐", "Mr Smith")
OTHER_REP = "欧阳娜娜娜娜"
POOLED = "深圳华美电子有限公司（南山区分公司）"  # released to the public pool (公海)
DESK = "前台小王"  # the front-desk login
WALKINS = ("深圳蓝河电子科技有限公司", "杭州西湖丝绸进出口有限公司")  # registered new at the desk
NEW_WALKIN = "广州珠江新城商贸有限公司"
NOTES = (
    "谈了明年的采购计划和价格，对方希望先看样品再决定，下周三再去一次",
    "送货晚了三天",
    "Samples of the spring catalogue",
)
# ASCII words zh-CN screens may show besides data, commands and options (keep it short):
# names of formats, protocols, encodings (as --encoding takes them) and SQLite checks that have
# no Chinese name. (An id is 编号 on every screen: ID is not allowed.)
ALLOWED = {"CSV", "JSON", "URL", "UTF", "utf", "GBK", "gbk", "quick_check", "integrity_check"}
TYPED = re.compile(r"`[^`]*`")  # what to type (a command line, an option, a login) in backticks
# A command line to type may hold an ISO date (`salesvisit daily 2026-12-01 --submit`).
COMMAND_WORDS = re.compile(
    r"`?salesvisit(?: (?:--?[a-z][a-z-]*|[a-z]+|[A-Z]+|\d{4}-\d\d-\d\d|\d+))*`?"
)
# A date as a program writes it: in zh-CN a person reads `12月2日 周三` or `2026年12月2日`.
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
OPTIONS = re.compile(r"--?[a-z][a-z-]*")
ENV_AND_KEYS = re.compile(r"\bSALESVISIT_[A-Z_]+\b|\b[a-z_]+\.[a-z_.]+\b")
WORD = re.compile(r"[A-Za-z][A-Za-z_]*")

# (id, arguments): every read screen of these commands and the main write confirmations.
SCREENS = [
    ("followup", ("followup",)),
    ("followup-all", ("followup", "--all")),
    ("followup-team", ("followup", "--team")),
    ("followup-team-all", ("followup", "--team", "--all")),
    ("followup-done", ("followup", "done", "1", "--note", "已电话感谢")),
    ("followup-add", ("followup", "add", "2", "--due", "2026-12-07", "--kind", "call")),
    ("followup-snooze", ("followup", "snooze", "1", "--to", "2026-12-08")),
    ("quota", ("quota",)),
    ("quota-other", ("--rep", OTHER_REP, "quota")),
    ("quota-past", ("quota", "--month", "2026-11")),
    ("quota-team", ("quota", "--team")),
    ("daily-team", ("daily", "2026-12-01", "--team")),
    ("daily-team-today", ("daily", "--team")),
    ("customer-list", ("customer", "list")),
    ("customer-search", ("customer", "list", "--search", "华美")),
    ("customer-show", ("customer", "show", "1")),
    ("customer-show-other", ("customer", "show", "2")),
    ("customer-log", ("customer", "log", "1")),
    (
        "customer-add",
        (
            "customer",
            "add",
            "上海华美国际贸易发展有限公司松江分公司",
            "--phone",
            "021-6999 5678 ext. 8025",
        ),
    ),
    ("customer-edit", ("customer", "edit", "3", "--contact", "王经理")),
    ("customer-assign", ("customer", "assign", "3", OTHER_REP)),
    ("rep-list", ("rep", "list")),
    ("rep-add", ("rep", "add", "张伟")),
    ("config-show", ("config", "show")),
    ("config-set", ("config", "set", "quota.target", "100")),
    ("db-check", ("db", "check")),
    ("db-backup", ("db", "backup", "{tmp}/备份.db")),
    ("customer-export", ("customer", "export", "-o", "{tmp}/customers.csv")),
    ("customer-import", ("customer", "import", "{tmp}/import.csv", "--skip-invalid")),
    (
        "customer-import-dry",
        ("customer", "import", "{tmp}/import.csv", "--dry-run", "--skip-invalid"),
    ),
    ("customer-pool", ("customer", "pool")),
    ("customer-due", ("customer", "list", "--due")),
    ("customer-claim", ("--rep", OTHER_REP, "customer", "claim", POOLED)),
    ("customer-release", ("customer", "release", "3", "--reason", "搬到苏州了")),
    ("report-month", ("report", "month", "--team", "--xlsx", "{tmp}/月报.xlsx")),
    ("report-day", ("report", "day", "2026-12-01", "--output", "{tmp}/日报.md")),
    ("report-day-xlsx", ("report", "day", "2026-12-01", "--output", "{tmp}/日报.xlsx")),
    ("visit-export-ics", ("visit", "export", "--ics", "--output", "{tmp}/拜访.ics")),
    ("visit-plan-route", ("visit", "plan", "--route")),
    ("visit-plan-route-apply", ("visit", "plan", "--route", "--apply")),
    ("visit-plan-suggest", ("visit", "plan", "--suggest", "5")),
    ("visit-schedule-reach", ("visit", "schedule", "5", "--date", "2026-12-03", "--at", "10:40")),
    ("reception", ("reception",)),
    ("reception-yesterday", ("reception", "2026-12-02")),
    ("reception-walkin", ("--rep", DESK, "reception", "walkin", NEW_WALKIN, "--source", "网络")),
    ("reception-call", ("--rep", DESK, "reception", "call", PHONES[0])),
    ("customer-log-walkin", ("customer", "log", "5")),
    ("customer-show-walkin", ("customer", "show", "6")),
    ("reception-research", ("reception", "research", "3", "--reason", "同行来打听价格")),
    ("duty", ("duty",)),
    ("duty-none", ("duty", "2026-12-04")),
    ("duty-set", ("duty", "set", "fri", "alice", OTHER_REP)),
    (
        "daily-submit-market",
        ("--rep", OTHER_REP, "daily", "2026-12-02", "--submit", "--market", "竞争对手降价5%"),
    ),
    (
        "demo",
        ("demo", "--db", "{tmp}/demo.db", "--customers", "12", "--months", "1", "--reps", "2"),
    ),
    ("visit-list", ("visit", "list")),
    ("visit-plan", ("visit", "plan")),
    ("visit-prep", ("visit", "prep", "4", "screen", "appointment")),
    ("visit-schedule", ("visit", "schedule", "3", "--date", "2026-12-07", "--at", "14:00")),
    ("visit-move", ("visit", "move", "6", "--date", "2026-12-07")),
    ("visit-cancel", ("visit", "cancel", "6", "--reason", "客户出差")),
    ("visit-report", ("visit", "report", "6", "--start", "09:00", "-m", "40", "-n", NOTES[0])),
    ("visit-report-show", ("visit", "report", "1", "--amend")),
    ("visit-void", ("visit", "void", "2", "--reason", "报错了客户")),
    ("daily", ("daily", "2026-12-01")),
    ("daily-today", ("daily",)),
    ("db-path", ("db", "path")),
    ("config-path", ("config", "path")),
]
# A file to import: one new customer, one already on file (skipped with its reason).
IMPORT_CSV = (
    "name,phone,contact\n上海华美国际贸易发展有限公司嘉定分公司,021-6777 1234 ext. 9,张经理\n"
)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The database every screen starts from (built once through the CLI)."""
    import time_machine
    from typer.testing import CliRunner

    from salesvisit_cli import i18n
    from salesvisit_cli.cli.app import app
    from salesvisit_cli.render import console

    folder = tmp_path_factory.mktemp("screens")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SALESVISIT_CONFIG", str(folder / "config.toml"))
        patch.setenv("SALESVISIT_DB", str(folder / "salesvisit.db"))
        patch.setenv("SALESVISIT_REP", "alice")
        patch.setenv("LANG", "C.UTF-8")
        patch.delenv("LC_ALL", raising=False)
        i18n.reset()

        def run(moment: str, *args: str) -> None:
            console.out.cache_clear()
            console.err.cache_clear()
            with time_machine.travel(datetime.fromisoformat(moment), tick=False):
                ran = CliRunner().invoke(app, list(args))
            assert ran.exit_code == 0, (args, ran.stdout, ran.stderr)

        build(run)
    return folder / "salesvisit.db"


def build(run) -> None:
    """alice owns the two 华美 branches and Acme; the other salesperson owns one customer."""
    run("2026-11-30 08:00", "rep", "add", "alice", "--manager")
    run("2026-11-30 08:00", "rep", "add", OTHER_REP)
    where = ("--address", "上海市浦东新区世纪大道100号", "--hours", "09:00-17:30")
    for name, phone, contact in zip(NAMES, PHONES, CONTACTS, strict=True):
        run("2026-11-30 08:00", "customer", "add", name, "--phone", phone, "--contact", contact,
            "--tier", "key", *where)  # fmt: skip
    run("2026-11-30 08:00", "--rep", OTHER_REP, "customer", "add", "北京华美科技有限公司")
    report = ("visit", "report", "--start", "10:00", "-m", "45")
    run("2026-12-01 17:00", *report, "-c", "1", "-n", NOTES[0], "--booking", "样品两箱")
    run("2026-12-01 17:00", *report[:3], "14:00", "-m", "20", "-c", "2", "-n", NOTES[1],
        "--complaint", NOTES[1])  # fmt: skip
    run("2026-12-01 18:00", "daily", "--submit")
    run("2026-12-02 17:00", "--rep", OTHER_REP, *report, "-c", "1", "-n", NOTES[2])
    run("2026-12-02 17:00", "followup", "add", "3", "--due", "2026-12-03", "--note", NOTES[2])
    # The round of 2026-12-03 from People's Square: 浦东 at 10:30, 闵行 at 10:45 (cannot be
    # reached in time: not placed), Acme untimed and without a location (not placed).
    run("2026-12-02 18:00", "config", "set", "route.start", "31.2304,121.4737")
    run("2026-12-02 18:00", "customer", "edit", "1", "--lat", "31.2210", "--lon", "121.5440")
    run("2026-12-02 18:00", "customer", "edit", "2", "--lat", "31.1130", "--lon", "121.3820")
    for customer, at in (("1", "10:30"), ("2", "10:45")):
        run("2026-12-02 18:00", "visit", "schedule", customer, "--date", "2026-12-03", "--at", at)
    run("2026-12-02 18:00", "visit", "schedule", "3", "--date", "2026-12-03")
    build_reception(run)
    build_pool(run)


def build_pool(run) -> None:
    """After the front desk's customers: one customer in the pool, customers due (key: 1 day),
    a planned visit to export; a walk-in next to the 浦东 branch (suggested for the day, too
    close after its 10:30 visit to be reached at 10:40)."""
    run("2026-12-03 09:50", "customer", "add", POOLED)
    run("2026-12-03 09:50", "customer", "release", POOLED, "--reason", "客户搬到外地")
    run("2026-12-03 09:50", "config", "set", "cadence.key_days", "1")  # 华美 and Acme are due
    run("2026-12-03 09:50", "visit", "schedule", "3", "--date", "2026-12-04", "--at", "09:30")
    run("2026-12-03 09:50", "customer", "edit", "5", "--lat", "31.2350", "--lon", "121.5500")


def build_reception(run) -> None:
    """Thursday's duty group is both salespeople; this morning the front desk registered a new
    walk-in (1, then marked as market research), a returning call (2), a new walk-in (3, which
    a screen marks) and a returning walk-in (4)."""
    run("2026-11-30 08:00", "rep", "add", DESK, "--reception")
    run("2026-11-30 08:00", "duty", "set", "thu", "alice", OTHER_REP)
    desk = ("--rep", DESK, "reception")
    run("2026-12-03 09:00", *desk, "walkin", WALKINS[0], "--source", "展会", "--contact", "李总")
    run("2026-12-03 09:10", *desk, "call", PHONES[2])
    run("2026-12-03 09:20", *desk, "walkin", WALKINS[1], "--source", "referral")
    run("2026-12-03 09:30", *desk, "walkin", NAMES[1])
    run("2026-12-03 09:40", "reception", "research", "1", "--reason", "来做市场调查的同行")


@pytest.fixture(params=["en", "zh-CN"])
def language(request, monkeypatch) -> str:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8" if request.param == "zh-CN" else "C.UTF-8")
    monkeypatch.setenv("LANGUAGE", "zh_CN" if request.param == "zh-CN" else "en")
    return request.param


@pytest.fixture(params=[80, 120])
def width(request, monkeypatch) -> int:
    monkeypatch.setenv("COLUMNS", str(request.param))
    return request.param


@pytest.fixture
def headers(monkeypatch) -> list[str]:
    """The header of every table column the screen draws."""
    from rich.table import Table

    seen: list[str] = []
    add_column = Table.add_column

    def recording(self, header="", *args, **kwargs):
        seen.append(str(header))
        return add_column(self, header, *args, **kwargs)

    monkeypatch.setattr(Table, "add_column", recording)
    return seen


@pytest.mark.parametrize(("args"), [args for _, args in SCREENS], ids=[n for n, _ in SCREENS])
def test_screen(cli, clock, template, isolated_env, language, width, headers, args):
    shutil.copy(template, isolated_env / "salesvisit.db")
    shutil.copy(template.parent / "config.toml", isolated_env / "config.toml")
    (isolated_env / "import.csv").write_text(IMPORT_CSV, encoding="utf-8")
    clock("2026-12-03 10:00")
    ran = cli(*(arg.replace("{tmp}", str(isolated_env)) for arg in args))
    assert ran.exit_code == 0, ran.stderr
    shown = ran.stdout + ran.stderr
    # The test's temporary folder is far longer than a user's: counted as `/tmp/x`.
    check_screen(shown.replace(str(isolated_env), "/tmp/x"), width, headers)
    if language == "zh-CN":
        settings = cli("config", "show", "--json").stdout if args[0] == "config" else ""
        assert_no_english(shown, str(isolated_env), settings)


def check_screen(shown: str, width: int, headers: list[str]) -> None:
    from rich.cells import cell_len

    lines = shown.splitlines()
    wide = [line for line in lines if cell_len(line) > width]
    assert not wide, f"wider than {width} cells: {wide}"
    for header in headers:
        for word in header.split():
            assert any(word in line for line in lines), f"header {header!r} split: {shown}"
    for phone in PHONES:
        for line in lines:
            if phone[:8] in line:
                assert phone in line, f"phone {phone!r} cut: {line!r}"
    head = NAMES[0][:6]  # what the 华美 names share
    for number, line in enumerate(lines):
        if head in line:  # the name, or its cell wrapped over the next lines, tells which
            around = "".join(lines[number : number + 3])
            assert any(mark in around for mark in DISTINCT.values()), f"which 华美? {line!r}"
    for cut in re.findall(r"(\S+)…", shown):
        alike = [name for name in NAMES if name.startswith(cut)]
        assert len(alike) < 2, f"{cut}… could be any of {alike}"
    for line in lines:  # a line of text, or of a table cell
        for part in re.split("[│┃]", line):
            assert not part.strip().startswith(tuple(CLOSING)), f"starts with {part!r}: {line!r}"


def data_words(folder: str) -> set[str]:
    """The ASCII words of the test's data: names, contacts, notes, phones, the temp folder."""
    from salesvisit_cli.domain.followups import THANKS_NOTE

    # The thank-you note is stored with the follow-up, in the language of the day it was made.
    data = (*NAMES, *CONTACTS, *NOTES, *PHONES, THANKS_NOTE, "alice", folder)
    return {word for text in data for word in WORD.findall(text)}


def assert_no_english(shown: str, folder: str, settings: str = "") -> None:
    """`settings`: the configuration's JSON, whose keys and values are what `config set` takes
    (a config screen may show them)."""
    # A path in the test's folder, which may wrap anywhere on a narrow screen.
    path = r"\s*".join(map(re.escape, folder)) + r"(?:\s*[\w./-])*"
    text = re.sub(path, " ", shown)
    for pattern in (TYPED, COMMAND_WORDS, OPTIONS, ENV_AND_KEYS):
        text = pattern.sub(" ", text)
    allowed = ALLOWED | data_words(folder) | set(WORD.findall(settings))
    english = sorted({word for word in WORD.findall(text) if word not in allowed})
    assert not english, f"English in the zh-CN screen: {english}\n{shown}"
    # Dates a setting holds (calendar.extra_holidays) are shown as `config set` takes them.
    iso = sorted(set(ISO_DATE.findall(text)) - set(ISO_DATE.findall(settings)))
    assert not iso, f"ISO dates in the zh-CN screen: {iso}\n{shown}"


# Help pages checked in Chinese at 80 columns.
HELP_PAGES = [
    (), ("followup",), ("quota",), ("customer",), ("customer", "add"), ("visit", "report"),
    ("reception",), ("reception", "walkin"), ("reception", "call"), ("reception", "research"),
    ("duty",), ("duty", "set"),
]  # fmt: skip


@pytest.mark.parametrize(
    "args",
    HELP_PAGES,
    ids=" ".join,
)
def test_chinese_help_fits_80_columns(cli, monkeypatch, args):
    from rich.cells import cell_len

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    shown = cli(*args, "--help")
    assert shown.exit_code == 0 and shown.stdout.startswith("用法：")
    wide = [line for line in shown.stdout.splitlines() if cell_len(line) > 80]
    assert not wide, wide


def test_help_wrapping_counts_cells_and_keeps_closing_punctuation():
    from salesvisit_cli.cli.help_wrap import cells, wrap_text

    text = (
        "今天到期和逾期的跟进（逾期的在前），按类型分组，附上要打的电话。" * 3
        + " salesvisit followup"
    )
    wrapped = wrap_text(text, 30, initial_indent="  ", subsequent_indent="  ")
    lines = wrapped.splitlines()
    assert all(cells(line) <= 30 for line in lines) and len(lines) > 3
    assert not any(line.strip()[0] in "，。）" for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")
    assert cells("上海 ab") == 7


def test_screen_wrapping_breaks_chinese_between_characters_and_keeps_punctuation():
    """Rich wraps every screen's text by `render.words.divide_line`: Latin text exactly as
    Rich does; Chinese between any two characters, never with closing punctuation starting a
    line nor opening punctuation ending one, each line within the width."""
    from rich._wrap import divide_line as rich_divide_line
    from rich.cells import cell_len

    from salesvisit_cli.render.words import OPENING, divide_line

    latin = "Samples of the spring catalogue, sent   twice:\tsee notes-and-figures."
    for width in range(1, 40):
        for fold in (True, False):
            assert divide_line(latin, width, fold) == rich_divide_line(latin, width, fold)
    text = "40 分钟，比 30 分钟的标准多 10 分钟。" + NAMES[0] + "（第2分公司）、“Acme”。"
    for width in range(8, 60):  # the widest unit, `“Acme”。`, takes 8 cells
        breaks = divide_line(text, width)
        lines = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
        assert "".join(lines) == text
        assert all(cell_len(line.rstrip()) <= width for line in lines), (width, lines)
        assert not any(line.lstrip()[0] in CLOSING for line in lines), (width, lines)
        assert not any(line.rstrip()[-1] in OPENING for line in lines), (width, lines)
    # Rich alone would start lines with closing punctuation here.
    assert any(
        text[at] in CLOSING for width in range(4, 60) for at in rich_divide_line(text, width)
    )
