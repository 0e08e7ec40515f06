"""Where customers are: coordinates (WGS-84, both or neither) and the district (区/县) of a
Chinese address, derived offline.

The district comes from a small table of the districts of the cities the tool is used in (each
with a point near its centre, which the demo uses), then from the address pattern: after the
province (省/自治区) and city (市/州/盟) comes the district, ending in 区, 县, 旗 or 市 (a
county-level city). The administrative-division libraries on PyPI all pull in pandas and a
multi-megabyte table for this one look-up, so the table is kept here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import _

if TYPE_CHECKING:
    from salesvisit_cli.domain.plan import Slot

Point = tuple[float, float]
EARTH_KM = 6371.0088

# City -> district -> (lat, lon) near its centre.
CITY_DISTRICTS: dict[str, dict[str, tuple[float, float]]] = {
    "上海": {
        "黄浦区": (31.2310, 121.4840), "徐汇区": (31.1880, 121.4370), "长宁区": (31.2200, 121.4240),
        "静安区": (31.2290, 121.4480), "普陀区": (31.2490, 121.3970), "虹口区": (31.2650, 121.5050),
        "杨浦区": (31.2600, 121.5260), "浦东新区": (31.2210, 121.5440),
        "闵行区": (31.1130, 121.3820), "宝山区": (31.4050, 121.4890),
        "嘉定区": (31.3750, 121.2650), "松江区": (31.0320, 121.2280),
        "青浦区": (31.1510, 121.1240), "奉贤区": (30.9180, 121.4740),
        "金山区": (30.7420, 121.3420), "崇明区": (31.6230, 121.3970),
    },
    "杭州": {
        "上城区": (30.2420, 120.1690), "拱墅区": (30.3200, 120.1420), "西湖区": (30.2590, 120.1300),
        "滨江区": (30.2080, 120.2120), "萧山区": (30.1840, 120.2640), "余杭区": (30.2740, 119.9900),
        "临平区": (30.4190, 120.3000), "钱塘区": (30.3000, 120.4900), "富阳区": (30.0500, 119.9600),
    },
    "南京": {
        "玄武区": (32.0480, 118.7970), "秦淮区": (32.0340, 118.7950), "建邺区": (32.0030, 118.7320),
        "鼓楼区": (32.0660, 118.7690), "栖霞区": (32.1020, 118.9090),
        "雨花台区": (31.9910, 118.7790), "江宁区": (31.9530, 118.8400),
        "浦口区": (32.0590, 118.6280),
    },
    "宁波": {
        "海曙区": (29.8590, 121.5510), "江北区": (29.8870, 121.5550), "鄞州区": (29.8170, 121.5470),
        "北仑区": (29.8990, 121.8440), "镇海区": (29.9490, 121.7170),
    },
    "无锡": {
        "梁溪区": (31.5660, 120.2960), "滨湖区": (31.5220, 120.2830), "新吴区": (31.5500, 120.3620),
        "锡山区": (31.5890, 120.3570), "惠山区": (31.6810, 120.2980),
    },
    "苏州": {
        "姑苏区": (31.3110, 120.6170), "虎丘区": (31.2960, 120.5660), "吴中区": (31.2620, 120.6320),
        "相城区": (31.3690, 120.6420), "吴江区": (31.1380, 120.6450),
        "苏州工业园区": (31.3170, 120.7230),
    },
    "广州": {
        "越秀区": (23.1290, 113.2670), "天河区": (23.1250, 113.3610), "海珠区": (23.0840, 113.3180),
        "荔湾区": (23.1260, 113.2440), "白云区": (23.1980, 113.2730), "黄埔区": (23.1060, 113.4590),
        "番禺区": (22.9380, 113.3840),
    },
    "深圳": {
        "福田区": (22.5410, 114.0550), "罗湖区": (22.5480, 114.1310), "南山区": (22.5330, 113.9300),
        "宝安区": (22.5550, 113.8840), "龙岗区": (22.7200, 114.2470), "龙华区": (22.6570, 114.0450),
    },
    "北京": {
        "东城区": (39.9280, 116.4160), "西城区": (39.9120, 116.3660), "朝阳区": (39.9480, 116.4800),
        "海淀区": (39.9590, 116.2980), "丰台区": (39.8580, 116.2870),
        "石景山区": (39.9060, 116.2230),
    },
}  # fmt: skip
_KNOWN = sorted({d for table in CITY_DISTRICTS.values() for d in table}, key=len, reverse=True)
_PREFIX = re.compile(
    r"^(?:中国)?(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{1,9}?(?:市|州市?|盟|地区))?"
)
_DISTRICT = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:区|县|旗|市)")
# Places that end in 区 but are no division: a residential compound, a neighbourhood committee,
# an industrial park, a campus, a scenic area, a factory site.
_NOT_DIVISIONS = ("小区", "社区", "园区", "校区", "景区", "厂区")
_SPACES = re.compile(r"\s+")


def district_of(address: str | None) -> str | None:
    """The district (区/县) an address names, or None when it names none this can tell."""
    if not address:
        return None
    text = _SPACES.sub("", unicodedata.normalize("NFKC", address))
    for known in _KNOWN:
        if known in text:
            return known
    rest = text[_PREFIX.match(text).end() :]
    found = _DISTRICT.match(rest)
    if not found or (found.group().endswith("市") and len(rest) == len(text)):
        return None  # "…市" with no city before it is the city itself, not a county-level one
    return None if found.group().endswith(_NOT_DIVISIONS) else found.group()


def _degrees(label: str, value: Any, limit: int) -> float:
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ValidationError(
            _("invalid {label} {value!r}: expected decimal degrees, e.g. 31.2304").format(
                label=label, value=value
            )
        ) from None
    if not -limit <= number <= limit:
        raise ValidationError(
            _("{label} {value} is out of range (-{limit} to {limit})").format(
                label=label, value=value, limit=limit
            )
        )
    return round(number, 6)


def check_coordinates(lat: Any, lon: Any) -> tuple[float | None, float | None]:
    """Latitude and longitude in range, both or neither (empty clears both)."""
    empty = [value is None or str(value).strip() == "" for value in (lat, lon)]
    if all(empty):
        return None, None
    if any(empty):
        raise ValidationError(_("give both lat and lon (or neither)"))
    return _degrees("lat", lat, 90), _degrees("lon", lon, 180)


def parse_point(text: str) -> tuple[float, float]:
    """`"LAT,LON"` (a config value such as `route.start`) as two checked numbers."""
    parts = text.replace("，", ",").split(",")
    if len(parts) != 2:
        raise ValidationError(
            _("invalid point {text!r}: expected LAT,LON, e.g. 31.2304,121.4737").format(text=text)
        )
    lat, lon = check_coordinates(*parts)
    assert lat is not None and lon is not None
    return lat, lon


def haversine_km(a: Point, b: Point) -> float:
    """The great-circle distance between two points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _minute(at: str) -> int:
    hours, minutes = at.split(":")
    return int(hours) * 60 + int(minutes)


def reach_warnings(
    at: str | None,
    point: Point | None,
    name: str,
    others: Iterable[Slot],
    *,
    service: int,
    speed_kmh: float,
    detour: float,
) -> list[str]:
    """A timed visit that cannot be reached in time from the timed visit before it (or from
    which the next one cannot be reached): straight line × `detour` at `speed_kmh`, after a
    visit of `service` minutes."""
    if at is None or point is None:
        return []
    timed = sorted((o for o in others if o.at and o.point), key=lambda other: other.at)
    before = [other for other in timed if other.at <= at]
    after = [other for other in timed if other.at > at]
    legs = []
    if before:
        legs.append((before[-1].customer, before[-1].at, before[-1].point, name, at, point))
    if after:
        legs.append((name, at, point, after[0].customer, after[0].at, after[0].point))
    warnings = []
    for frm, frm_at, frm_point, to, to_at, to_point in legs:
        km = haversine_km(frm_point, to_point) * detour
        travel = round(km / speed_kmh * 60)
        if _minute(frm_at) + service + travel > _minute(to_at):
            warnings.append(
                _(
                    "{to} at {to_at} cannot be reached in time from {frm} at {frm_at}: "
                    "{km} km, about {travel} min on the road after a {service}-minute visit"
                ).format(
                    to=to,
                    to_at=to_at,
                    frm=frm,
                    frm_at=frm_at,
                    km=f"{km:.1f}",
                    travel=travel,
                    service=service,
                )
            )
    return warnings


def nearest(point: Point | None, places: Iterable[tuple[str, Point]]) -> tuple[float, str] | None:
    """The distance in km to the nearest of `places` (name, point), and its name."""
    if point is None:
        return None
    found = [(haversine_km(point, where), name) for name, where in places]
    return min(found) if found else None
