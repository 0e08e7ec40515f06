"""report month --xlsx and report day --output: every workbook read back with openpyxl and held
against the JSON of `quota --team`, `visit list` and `daily`."""

from __future__ import annotations

import gc
import re
import stat

import openpyxl
import pytest

from salesvisit_cli.domain.spreadsheet import disarm

HOSTILE = "=cmd|' /C calc'!A0"
MARKUP = "[red]Acme[/red] \u202eevil"


def _report(cli, rep: str, ref: str, day: str, start: str, *extra: str) -> None:
    done = cli(
        "--rep", rep, "visit", "report", "-c", ref, "--date", day, "--start", start,
        "-m", "20", "-n", "key point", *extra,
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr


@pytest.fixture
def month(cli, clock):
    """November 2026: alice and bob visit customers, one with a hostile name; alice hands in."""
    clock("2026-11-03 08:00")
    cli("customer", "add", "上海华美贸易有限公司")
    cli("customer", "add", HOSTILE)
    assert cli("rep", "add", "bob").exit_code == 0
    cli("--rep", "bob", "customer", "add", MARKUP)
    cli("--rep", "bob", "customer", "add", "Bob Client", "--status", "client")
    clock("2026-11-20 18:00")
    _report(cli, "alice", "华美", "2026-11-18", "09:00", "--booking", "200 cartons")
    _report(cli, "alice", "2", "2026-11-18", "10:00", "--complaint", HOSTILE)
    _report(cli, "bob", "3", "2026-11-19", "09:00", "--next", "2026-11-27")
    _report(cli, "bob", "bob client", "2026-11-20", "09:00", "-m", "45")
    assert cli("daily", "2026-11-18", "--submit").exit_code == 0


def _write(cli, tmp_path, *args: str):
    target = tmp_path / "month.xlsx"
    done = cli("report", "month", "--xlsx", target, *args)
    assert done.exit_code == 0, done.stderr
    assert gc.isenabled()  # paused while the workbook was written, and only then
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    return openpyxl.load_workbook(target), target


def _rows(sheet) -> list[dict[str, object]]:
    header = [cell.value for cell in sheet[1]]
    return [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_the_summary_is_quota_team_json(cli, month, tmp_path):
    book, _ = _write(cli, tmp_path, "--team")
    assert book.sheetnames == [
        "Summary", "Visits", "Hand-in", "Follow-ups", "Days", "New customers by source",
    ]  # fmt: skip
    team = cli("quota", "--team", "--json").json()
    rows = _rows(book["Summary"])
    assert [row["Salesperson"] for row in rows] == [q["rep"] for q in team]
    for row, quota in zip(rows, team, strict=True):
        assert (row["Customers"], row["Target"], row["New customers"], row["New target"],
                row["Visits"], row["Working days"], row["Working days left"],
                row["Over time"], row["On time"], row["Late"], row["Missing"],
                row["Pending"]) == (
            quota["visited"], quota["target"], quota["new_visited"], quota["new_target"],
            quota["visits"], quota["working_days"], quota["working_days_left"],
            quota["over_time_visits"], quota["reports"]["on_time"], quota["reports"]["late"],
            quota["reports"]["missing"], quota["reports"]["pending"],
        )  # fmt: skip
        assert isinstance(row["Customers"], int) and isinstance(row["New share"], int | float)
    summary = book["Summary"]
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref == "A1:U3"
    assert summary.conditional_formatting  # met / at risk


def test_the_visits_sheet_is_visit_list_json(cli, month, tmp_path):
    book, _ = _write(cli, tmp_path, "--team")
    rows = {row["Visit"]: row for row in _rows(book["Visits"])}
    listed = [
        v for rep in ("alice", "bob")
        for v in cli("--rep", rep, "visit", "list", "--status", "done", "--json").json()
    ]  # fmt: skip
    assert set(rows) == {v["id"] for v in listed}
    for visit in listed:
        row = rows[visit["id"]]
        assert row["Date"].date().isoformat() == visit["date"]
        assert (row["Salesperson"], row["Minutes"], row["Start"]) == (
            visit["rep"],
            visit["minutes"],
            visit["start"],
        )
        assert row["Over time"] == ("yes" if visit["over_time"] else "no")
        assert row["Booking"] == visit["booking"] and row["Next meeting"] == visit["next"]
        assert (row["Customer"], row["Complaint"], row["Key points"]) == (
            disarm(visit["customer"]), visit["complaint"], visit["notes"]
        )  # fmt: skip
        assert row["New customer"] == ("yes" if visit["new_customer"] else "no")
    alone, _ = _write(cli, tmp_path, "--force")  # without --team: alice only
    own = cli("visit", "list", "--status", "done", "--json").json()
    assert [row["Visit"] for row in _rows(alone["Visits"])] == [v["id"] for v in own]  # in order
    assert {row["Salesperson"] for row in _rows(alone["Visits"])} == {"alice"}
    assert [row["Salesperson"] for row in _rows(alone["Summary"])] == ["alice"]


def test_hostile_text_is_stored_as_text(cli, month, tmp_path):
    book, target = _write(cli, tmp_path, "--team")
    cells = [cell for row in book["Visits"].iter_rows(min_row=2) for cell in row]
    hostile = [cell for cell in cells if cell.value == HOSTILE]
    assert len(hostile) == 2 and all(cell.data_type == "s" for cell in hostile)  # name, complaint
    assert any(cell.value == "[red]Acme[/red] \ufffdevil" for cell in cells)
    formulas = openpyxl.load_workbook(target, data_only=False)
    assert not [
        cell.coordinate for sheet in formulas for row in sheet.iter_rows() for cell in row
        if cell.data_type == "f"
    ]  # fmt: skip


def test_columns_fit_chinese_text(cli, month, tmp_path):
    """A wide (CJK) character takes two columns: the customer column fits the Chinese name."""
    book, _ = _write(cli, tmp_path, "--team")
    visits = book["Visits"]
    assert visits["E1"].value == "Customer"
    assert visits.column_dimensions["E"].width >= 2 * len("上海华美贸易有限公司")
    assert visits.column_dimensions["A"].width < 2 * len("上海华美贸易有限公司")


def test_charts_reference_the_figures(cli, month, tmp_path):
    book, _ = _write(cli, tmp_path, "--team")
    (targets,) = book["Summary"]._charts
    bars, lines = targets._charts
    assert [s.val.numRef.f for s in bars.series] == ["Summary!$C$2:$C$3", "Summary!$E$2:$E$3"]
    assert [s.val.numRef.f for s in lines.series] == ["Summary!$D$2:$D$3", "Summary!$F$2:$F$3"]
    assert bars.series[0].cat.strRef.f == "Summary!$A$2:$A$3"
    (per_day,) = book["Days"]._charts
    days = _rows(book["Days"])
    assert len(days) == 21  # the working days of November 2026 (Mon–Fri)
    assert per_day.series[0].val.numRef.f == "Days!$B$2:$B$22"
    assert sum(row["Completed visits"] for row in days) == 4


def test_hand_in_lists_every_working_day_and_changes_since(cli, clock, month, tmp_path):
    clock("2026-11-20 19:00")
    cli("customer", "add", "Later Trading")
    _report(cli, "alice", "later", "2026-11-18", "15:00")  # after the hand-in of the 18th
    assert cli("daily", "2026-11-18", "--json").json()["changed_since_submit"] is True
    book, _ = _write(cli, tmp_path, "--team")
    rows = _rows(book["Hand-in"])
    working_days = cli("quota", "--json").json()["working_days"]
    for rep in ("alice", "bob"):
        days = [row["Date"].day for row in rows if row["Salesperson"] == rep]
        assert len(days) == working_days and days == sorted(set(days))
    hand_in = {(r["Salesperson"], r["Date"].day): r["Status"] for r in rows}
    assert {key: hand_in[key] for key in [("alice", 18), ("bob", 19), ("bob", 20)]} == {
        ("alice", 18): "late", ("bob", 19): "missing", ("bob", 20): "pending"
    }  # fmt: skip
    assert hand_in[("alice", 17)] == "no visits" and hand_in[("alice", 23)] == "not yet"
    changed = {
        (r["Salesperson"], r["Date"].day) for r in rows if r["Changed since hand-in"] == "yes"
    }
    assert changed == {("alice", 18)}


def test_follow_ups(cli, month, tmp_path):
    book, _ = _write(cli, tmp_path, "--team")
    followups = _rows(book["Follow-ups"])
    assert followups and {row["State"] for row in followups} <= {"open", "done"}
    assert all(isinstance(row["Overdue days"], int) for row in followups)


def test_new_customers_by_source_as_quota_team_json(cli, month, tmp_path):
    """The month's new customers by where they heard of us (信息获取渠道), as `quota --team`."""
    assert cli("--rep", "bob", "customer", "add", "Web Lead", "--source", "web").exit_code == 0
    assert cli("customer", "add", "Fair Lead", "--source", "展会").exit_code == 0
    assert cli("customer", "add", "Own Words", "--source", HOSTILE).exit_code == 0
    book, _ = _write(cli, tmp_path, "--team")
    rows = _rows(book["New customers by source"])
    assert rows == [
        {"Source": "(none)", "Total": 4, "alice": 2, "bob": 2},
        {"Source": HOSTILE, "Total": 1, "alice": 1, "bob": 0},
        {"Source": "trade fair", "Total": 1, "alice": 1, "bob": 0},
        {"Source": "web", "Total": 1, "alice": 0, "bob": 1},
    ]
    team = {q["rep"]: q["new_by_source"] for q in cli("quota", "--team", "--json").json()}
    assert team == {"alice": {"": 2, HOSTILE: 1, "trade fair": 1}, "bob": {"": 2, "web": 1}}
    alone, _ = _write(cli, tmp_path, "--force")
    assert _rows(alone["New customers by source"])[0] == {
        "Source": "(none)", "Total": 2, "alice": 2,
    }  # fmt: skip


def test_labels_follow_the_interface_language(cli, month, tmp_path):
    assert cli("config", "set", "ui.language", "zh-CN").exit_code == 0
    book, _ = _write(cli, tmp_path, "--team")
    assert book.sheetnames[0] == "汇总"
    assert book["汇总"]["A1"].value == "销售人员"
    assert book.sheetnames[-1] == "新客户信息获取渠道"
    kinds = {row[4] for row in book["跟进"].iter_rows(min_row=2, values_only=True)}
    assert kinds and all(re.search("[\u4e00-\u9fff]", kind) for kind in kinds)  # words, in Chinese
    assert book["新客户信息获取渠道"]["A2"].value == "（未填）"


def test_files_are_private_and_never_overwritten(cli, month, tmp_path):
    _write(cli, tmp_path)
    again = cli("report", "month", "--xlsx", tmp_path / "month.xlsx")
    assert again.exit_code == 1 and "--force" in again.stderr
    missing = cli("report", "month", "--xlsx", tmp_path / "nowhere" / "m.xlsx")
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert gc.isenabled()
    assert not (tmp_path / "nowhere").exists()


def test_report_day_as_markdown_and_workbook(cli, month, tmp_path):
    daily = cli("daily", "2026-11-18", "--json").json()
    text_file = tmp_path / "day.md"
    assert cli("report", "day", "2026-11-18", "--output", text_file).exit_code == 0
    text = text_file.read_text(encoding="utf-8")
    assert "# Daily report 2026-11-18 · alice" in text
    assert "上海华美贸易有限公司" in text and "200 cartons" in text
    assert "\\=cmd\\|' /C calc'!A0" not in text and "=cmd\\|' /C calc'!A0" in text
    assert "## Follow-ups created" in text and "Hand-in: late" in text
    book_file = tmp_path / "day.xlsx"
    assert cli("report", "day", "2026-11-18", "--output", book_file).exit_code == 0
    book = openpyxl.load_workbook(book_file)
    visits = _rows(book["Daily report"])
    assert [row["Visit"] for row in visits] == [v["id"] for v in daily["report"]]
    assert _rows(book["Hand-in"])[0]["Status"] == "late"
    assert _rows(book["Hand-in"])[0]["Changed since hand-in"] == "no"
    hostile = [cell for row in book["Daily report"].iter_rows() for cell in row
               if cell.value == HOSTILE]  # fmt: skip
    assert len(hostile) == 2 and all(cell.data_type == "s" for cell in hostile)  # name, complaint
    assert stat.S_IMODE(book_file.stat().st_mode) == 0o600
    wrong = cli("report", "day", "--output", tmp_path / "day.txt")
    assert wrong.exit_code == 2


def test_the_day_file_in_chinese_dates_and_labels_in_chinese(cli, month, tmp_path):
    assert cli("config", "set", "ui.language", "zh-CN").exit_code == 0
    text_file = tmp_path / "日报.md"
    assert cli("report", "day", "2026-11-18", "--output", text_file).exit_code == 0
    text = text_file.read_text(encoding="utf-8")
    assert (
        text.startswith("# 日报 2026年11月18日 · alice") and "（截止 2026年11月19日 09:00）" in text
    )
    assert "## 新建的跟进" in text and "上海华美贸易有限公司：" in text
    assert not re.search(r"\d{4}-\d\d-\d\d", text)
