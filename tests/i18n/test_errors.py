"""Errors in the interface language: one line, `错误：` in Chinese, our words for config errors."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from salesvisit_cli.config import Config, _explain

SOURCE = Path(__file__).resolve().parents[2] / "src" / "salesvisit_cli"
ERRORS = {"ValidationError", "NotFoundError", "SalesvisitError", "StoreError", "InputError",
          "BadParameter", "UsageError", "ClickException"}  # fmt: skip


def _raw_messages() -> list[str]:
    """`SomeError("text")` or `SomeError(f"…")` anywhere: a message that skips the catalog."""
    found = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name in ERRORS and isinstance(node.args[0], ast.Constant | ast.JoinedStr):
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    return found


def test_every_error_message_goes_through_the_catalog():
    assert _raw_messages() == []


@pytest.mark.parametrize(
    ("lang", "args", "expected"),
    [
        ("C.UTF-8", ["visit", "list", "--from", "someday"], "Error: invalid date 'someday'"),
        ("zh_CN.UTF-8", ["visit", "list", "--from", "someday"], "错误：日期 'someday' 无效"),
        ("zh_CN.UTF-8", ["customer", "show", "无此客户"], "错误：没有与 '无此客户' 相符的客户"),
        ("zh_CN.UTF-8", ["followup", "add", "x", "--due", "x", "--kind", "fax"], "错误："),
    ],
)
def test_an_error_is_one_line_in_the_interface_language(cli, monkeypatch, lang, args, expected):
    monkeypatch.setenv("LANG", lang)
    ran = cli(*args)
    assert ran.exit_code == 1
    assert ran.stderr.strip().startswith(expected)
    assert len(ran.stderr.strip().splitlines()) == 1


def _config_error(data: dict) -> str:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        Config.model_validate(data)
    return _explain(caught.value)


@pytest.mark.parametrize("lang", ["C.UTF-8", "zh_CN.UTF-8"])
def test_config_errors_name_the_key_in_our_words(monkeypatch, lang):
    from salesvisit_cli import i18n

    monkeypatch.setenv("LANG", lang)
    i18n.reset()
    shown = _config_error(
        {"quota": {"target": "abc", "goal": 3}, "visit": {"max_minutes": 0}, "bogus": 1}
    )
    for pydantic in ("Input should", "Extra inputs", "not permitted", "int_parsing"):
        assert pydantic not in shown
    assert "quota.target" in shown and "quota.goal" in shown and "visit.max_minutes" in shown
    assert "quota.new_share" in shown  # the valid keys of [quota] are listed
    if lang == "C.UTF-8":
        assert "quota.target: expected a whole number, not 'abc'" in shown
        assert "unknown key bogus; valid keys: cadence, calendar" in shown
    else:
        assert "quota.target：应为整数，而不是 'abc'" in shown
        assert "visit.max_minutes：不能小于 1" in shown


def test_a_broken_config_file_is_one_chinese_line(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert cli("config", "path").exit_code == 0
    path = Path(cli("config", "path").stdout.strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[quota]\ntarget = "many"\n', encoding="utf-8")
    ran = cli("quota")
    assert ran.exit_code == 1
    assert ran.stderr.startswith("错误：配置文件") and "quota.target：应为整数" in ran.stderr
