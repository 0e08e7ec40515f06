"""The files in examples/ work as the README says."""

from __future__ import annotations

from pathlib import Path

from salesvisit_cli import config
from salesvisit_cli.config import keys as config_keys

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_sample_config_is_every_key_at_its_default():
    path = EXAMPLES / "config.toml"
    assert config.load(path) == config.Config()
    text = path.read_text(encoding="utf-8")
    for key in config_keys():
        assert key.rsplit(".", 1)[-1] + " =" in text, key


def test_sample_csv_files_import(cli):
    utf8 = cli("customer", "import", EXAMPLES / "customers-utf8.csv", "--json")
    assert utf8.exit_code == 0, utf8.stderr
    assert utf8.json()["imported"] == 5 and utf8.json()["encoding"] == "utf-8"
    gbk = cli("customer", "import", EXAMPLES / "customers-gbk.csv", "--json")
    assert gbk.exit_code == 0, gbk.stderr
    assert gbk.json()["imported"] == 3 and gbk.json()["encoding"] == "gbk"
    assert (EXAMPLES / "customers-gbk.csv").read_bytes().decode("gbk").startswith("客户名称")
    shown = cli("customer", "show", "苏州长城", "--json").json()
    assert shown["contact"] == "吴经理" and shown["phone"] == "0512-6666 0606"
    again = cli("customer", "import", EXAMPLES / "customers-utf8.csv")
    assert again.exit_code == 1 and "duplicate of customer id 1" in again.stderr


def test_readme_quick_start_is_exactly_make_demo_and_make_test():
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
