"""Coordinates (range, both or neither) and the district of a Chinese address."""

from __future__ import annotations

import pytest

from salesvisit_cli.domain.customers import clean_fields
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.locations import (
    CITY_DISTRICTS,
    check_coordinates,
    district_of,
    parse_point,
)


@pytest.mark.parametrize(
    ("address", "district"),
    [
        ("上海市浦东新区世纪大道100号", "浦东新区"),
        ("浙江省杭州市西湖区文三路90号", "西湖区"),
        ("杭州西湖区文三路", "西湖区"),
        ("南京市雨花台区软件大道", "雨花台区"),
        ("广东省深圳市南山区科技园", "南山区"),
        ("四川省成都市武侯区人民南路四段", "武侯区"),  # not in the table: the pattern
        ("江苏省苏州市昆山市前进中路", "昆山市"),  # a county-level city
        ("云南省大理白族自治州宾川县金牛镇", "宾川县"),
        ("内蒙古自治区锡林郭勒盟正蓝旗", "正蓝旗"),
        ("湖北省恩施土家族苗族自治州恩施市舞阳大街", "恩施市"),  # a long autonomous prefecture
        ("杭州市文一西路社区服务中心", None),  # a neighbourhood committee, not a district
        ("江苏省苏州市工业园区星湖街328号", None),  # the park is named 苏州工业园区
        ("上海市浦东新区张江高科技园区", "浦东新区"),
        ("上海市南京路1号", None),
        ("上海市", None),
        ("1 Main St", None),
        ("", None),
        (None, None),
    ],
)
def test_district_of_an_address(address, district):
    assert district_of(address) == district


def test_every_table_district_is_found_in_its_city_address():
    for city, districts in CITY_DISTRICTS.items():
        for name, (lat, lon) in districts.items():
            assert district_of(f"{city}市{name}某路1号") == name
            assert 18 < lat < 54 and 73 < lon < 135  # inside China


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [("31.2304", "121.4737", (31.2304, 121.4737)), (-90, 180, (-90.0, 180.0)),
     (None, None, (None, None)), ("", " ", (None, None))],
)  # fmt: skip
def test_coordinates_in_range(lat, lon, expected):
    assert check_coordinates(lat, lon) == expected


@pytest.mark.parametrize(
    ("lat", "lon", "words"),
    [("91", "120", "lat 91 is out of range"), ("30", "-181", "lon -181 is out of range"),
     ("30", None, "both lat and lon"), (None, "120", "both lat and lon"),
     ("north", "120", "invalid lat 'north'"), ("nan", "120", "out of range")],
)  # fmt: skip
def test_bad_coordinates_are_one_clear_error(lat, lon, words):
    with pytest.raises(ValidationError, match=words):
        check_coordinates(lat, lon)


def test_start_point():
    assert parse_point("31.2304, 121.4737") == (31.2304, 121.4737)
    assert parse_point("31.2304，121.4737") == (31.2304, 121.4737)
    with pytest.raises(ValidationError, match="expected LAT,LON"):
        parse_point("31.2304")


def test_customer_fields_derive_the_district_unless_given():
    fields = clean_fields({"name": "华美", "address": "上海市徐汇区漕溪北路", "lat": "31.19",
                           "lon": "121.44"})  # fmt: skip
    assert (fields["lat"], fields["lon"], fields["district"]) == (31.19, 121.44, "徐汇区")
    given = clean_fields({"name": "华美", "address": "上海市徐汇区", "district": "漕河泾"})
    assert given["district"] == "漕河泾"
    # An edit of the address re-derives the district only when it names one.
    assert clean_fields({"address": "上海市静安区"}, partial=True)["district"] == "静安区"
    assert "district" not in clean_fields({"address": "南京路1号"}, partial=True)
