"""Where customers are: --lat/--lon/--district on add/edit, CSV columns 纬度/经度/区县,
JSON keys, `customer list --district`."""

from __future__ import annotations

from pathlib import Path


def test_add_edit_show_a_location(cli):
    added = cli("customer", "add", "杭州恒通电子", "--address", "杭州市西湖区文三路90号",
                "--lat", "30.2774", "--lon", "120.127", "--json")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    shown = cli("customer", "show", "恒通", "--json").json()
    assert (shown["lat"], shown["lon"], shown["district"]) == (30.2774, 120.127, "西湖区")
    card = cli("customer", "show", "恒通").stdout
    assert "西湖区" in card and "30.277400, 120.127000" in card
    cli("customer", "edit", "恒通", "--district", "滨江区", "--lat", "30.21", "--lon", "120.21")
    shown = cli("customer", "show", "恒通", "--json").json()
    assert (shown["lat"], shown["lon"], shown["district"]) == (30.21, 120.21, "滨江区")
    cli("customer", "edit", "恒通", "--lat", "", "--lon", "")
    shown = cli("customer", "show", "恒通", "--json").json()
    assert (shown["lat"], shown["lon"], shown["district"]) == (None, None, "滨江区")


def test_bad_coordinates_write_nothing(cli):
    for options, words in (
        (("--lat", "91", "--lon", "120"), "lat 91 is out of range"),
        (("--lat", "30"), "give both lat and lon"),
        (("--lat", "30", "--lon", "east"), "invalid lon 'east'"),
    ):
        result = cli("customer", "add", "华美", *options)
        assert result.exit_code == 1
        assert words in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert cli("customer", "list", "--json").json() == []


def test_csv_location_columns_round_trip(cli, tmp_path: Path):
    source = tmp_path / "in.csv"
    source.write_text(
        "企业名称,地址,纬度,经度,区县\n"
        "上海华美贸易,上海市浦东新区世纪大道100号,31.2353,121.5055,\n"
        "南京蓝河食品,南京市鼓楼区中山路,,,\n"
        "无锡鑫达,某路1号,31.55,120.36,新吴区\n",
        encoding="utf-8",
    )
    assert cli("customer", "import", source, "--json").json()["imported"] == 3
    found = {c["name"]: c for c in cli("customer", "list", "--json").json()}
    huamei, lanhe = found["上海华美贸易"], found["南京蓝河食品"]
    assert (huamei["lat"], huamei["district"]) == (31.2353, "浦东新区")
    assert (lanhe["lat"], lanhe["district"]) == (None, "鼓楼区")
    assert found["无锡鑫达"]["district"] == "新吴区"
    out = tmp_path / "out.csv"
    assert cli("customer", "export", "--output", out).exit_code == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {"lat", "lon", "district"} <= set(header)
    assert "31.2353" in out.read_text(encoding="utf-8-sig")


def test_import_refuses_half_a_location_naming_the_line(cli, tmp_path: Path):
    source = tmp_path / "in.csv"
    source.write_text("name,lat,lon\nA,31.2,\nB,95,120\n", encoding="utf-8")
    result = cli("customer", "import", source, "--json")
    assert result.exit_code == 1
    problems = result.json()["invalid"]
    assert [p["line"] for p in problems] == [2, 3]
    assert "both lat and lon" in problems[0]["reason"]
    assert "out of range" in problems[1]["reason"]


def test_list_by_district(cli):
    cli("customer", "add", "甲", "--address", "上海市浦东新区张江路")
    cli("customer", "add", "乙", "--address", "上海市徐汇区漕溪北路")
    cli("customer", "add", "丙", "--district", "浦东新区")
    names = [c["name"] for c in cli("customer", "list", "--district", "浦东", "--json").json()]
    assert sorted(names) == ["丙", "甲"]
    xuhui = cli("customer", "list", "--district", "徐汇区", "--json").json()
    assert [c["name"] for c in xuhui] == ["乙"]
    assert cli("customer", "list", "--district", "100%", "--json").json() == []
