"""Realistic, deterministic demo customers and the texts of their visits (pure: a seeded
random.Random in, dicts out)."""

from __future__ import annotations

import random
from typing import Any

CN_PLACES = (
    "上海",
    "北京",
    "广州",
    "深圳",
    "杭州",
    "苏州",
    "南京",
    "成都",
    "武汉",
    "宁波",
    "青岛",
    "厦门",
)
CN_WORDS = ("华美", "鑫达", "恒通", "金源", "宏发", "永盛", "东方", "新世纪", "长城", "天成",
            "瑞丰", "博远", "嘉禾", "盛世", "中联",
            "万通", "德隆", "和信", "安泰", "富华")  # fmt: skip
CN_TRADES = ("贸易", "电子", "机械", "服饰", "食品", "科技", "包装", "物流", "建材", "家居", "化工")
CN_SUFFIX = ("有限公司", "股份有限公司", "有限责任公司")
CN_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙")
CN_TITLES = ("经理", "总", "主任", "女士", "先生")
CN_STREETS = ("南京路", "人民路", "中山路", "解放路", "建设路", "和平路", "长江路", "黄河路")
EN_WORDS = ("Acme", "Northwind", "Globex", "Initech", "Blue River", "Summit", "Evergreen",
            "Harbor", "Pioneer", "Silverline", "Redwood", "Lighthouse", "Orchid",
            "Keystone")  # fmt: skip
EN_TRADES = ("Trading", "Electronics", "Logistics", "Foods", "Textiles", "Tools", "Packaging")
EN_SUFFIX = ("Co., Ltd.", "Ltd", "Inc.", "Corp.")
EN_FIRST = ("Alice", "Ben", "Chloe", "David", "Emma", "Frank", "Grace", "Henry", "Ivy", "Jack")
EN_LAST = ("Smith", "Chen", "Wong", "Miller", "Lee", "Brown", "Garcia", "Tan")
INDUSTRIES = ("retail", "manufacturing", "wholesale", "e-commerce", "catering", "logistics")
SIZES = ("1-10", "10-50", "50-200", "200-1000", "1000+")
SOURCES = ("web", "trade fair", "referral", "directory", "news report")
HOURS = ("08:30-17:30", "09:00-18:00", "09:00-17:30", "10:00-19:00", "08:00-16:30")
REP_NAMES = ("demo", "li.na", "wang.wei", "zhang.min", "chen.jie", "liu.yang", "sam.lee")


def rep_names(count: int) -> list[str]:
    """`count` salesperson names; the first is always `demo`."""
    names = list(REP_NAMES[:count])
    names += [f"rep{number:03d}" for number in range(len(names) + 1, count + 1)]
    return names


def customers(rng: random.Random, count: int, all_chinese: bool = False) -> list[dict[str, Any]]:
    """`count` demo customers with names unique under the duplicate rule (branches when needed).

    Each dict also holds its `name_key` (the duplicate rule's form of the name). `all_chinese`:
    every customer Chinese (the demo of a Chinese interface), else some have English names.
    """
    from salesvisit_cli.domain.customers import name_key

    made, seen = [], set()
    branches: dict[str, int] = {}  # base name -> the last branch number tried
    for number in range(1, count + 1):
        fields = customer(rng, number, all_chinese)
        base = fields["name"]
        key = name_key(base)
        if key in seen:
            chinese = not base.isascii()
            branch = branches.get(base, 1)
            while key in seen:
                branch += 1
                fields["name"] = (
                    f"{base}（第{branch}分公司）" if chinese else f"{base} Branch {branch}"
                )
                key = name_key(fields["name"])
            branches[base] = branch
        seen.add(key)
        fields["name_key"] = key
        made.append(fields)
    return made


def customer(rng: random.Random, number: int, chinese_only: bool = False) -> dict[str, Any]:
    """One random demo customer (`chinese_only`: never an English company)."""
    chinese = rng.random() < 0.7 or chinese_only
    if chinese:
        place = rng.choice(CN_PLACES)
        name = f"{place}{rng.choice(CN_WORDS)}{rng.choice(CN_TRADES)}{rng.choice(CN_SUFFIX)}"
        contact = rng.choice(CN_SURNAMES) + rng.choice(CN_TITLES)
        address = f"{place}市{rng.choice(CN_STREETS)}{rng.randint(1, 999)}号"
        phone = f"0{rng.randint(10, 99)} {rng.randint(5000, 8999)} {rng.randint(1000, 9999)}"
        web = f"https://shop{number}.example.cn" if rng.random() < 0.4 else None
    else:
        name = f"{rng.choice(EN_WORDS)} {rng.choice(EN_TRADES)} {rng.choice(EN_SUFFIX)}"
        contact = f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
        address = f"{rng.randint(1, 400)} {rng.choice(EN_LAST)} Street, Suite {rng.randint(1, 90)}"
        phone = f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        web = (
            f"https://{name.split()[0].lower()}{number}.example.com" if rng.random() < 0.4 else None
        )
    return {
        "name": name,
        "tier": "key" if rng.random() < 0.2 else "normal",
        "status": "prospect" if rng.random() < 0.45 else "client",
        "contact": contact,
        "phone": phone,
        "email": None,
        "address": address if rng.random() < 0.93 else None,
        "industry": _in(rng.choice(INDUSTRIES), chinese_only),
        "size": rng.choice(SIZES),
        "source": _in(rng.choice(SOURCES), chinese_only),
        "hours": rng.choice(HOURS) if rng.random() < 0.9 else None,
        "web": web,
        "note": None,
        "lat": None,
        "lon": None,
        "district": None,
    }


# --- Visit history -------------------------------------------------------------------------


# --- what the demo visits say ----------------------------------------------------------------

NOTES_FIRST = (
    "First meeting: introduced the company, showed the work ID, left brochures",
    "Cold call: met the purchasing manager, explained our price list",
    "Walk-in: the owner asked about delivery times and minimum orders",
    "Introduced our product range; they buy from a competitor today",
    "首次拜访：介绍公司及产品，留下宣传资料和名片",
    "首次拜访：了解客户采购流程，约定下次详谈",
)
NOTES_KNOWN = (
    "Thanked them for the last order; asked for suggestions",
    "Reviewed the last delivery; they are happy with the quality",
    "Discussed next quarter's volumes and the new price list",
    "Let the customer talk about their expansion plans",
    "回访：感谢上次订货，征求意见和建议",
    "回访：讨论下季度订货计划和价格",
    "Apologised for the late delivery in person; promised improvement",
)
BOOKINGS = (
    "200 cartons, delivery next week",
    "Trial order: 50 units",
    "Repeat order as last month",
    "订货 300 件，月底交货",
    "Framework agreement for Q1",
    "12 pallets of packaging material",
)
COMPLAINTS = (
    "Late delivery of the last order",
    "Two cartons arrived damaged",
    "Invoice did not match the quote",
    "上批货物有质量问题",
    "Nobody answered the service hotline",
)
SUGGESTIONS = (
    "Would like a smaller minimum order",
    "Asks for an English price list",
    "希望提供送货上门服务",
    "Wants a monthly statement instead of invoices per delivery",
)
PURPOSES = (
    "Introduce the new price list",
    "Follow up on the quote",
    "Thank for the order, ask for suggestions",
    "First visit: present the company",
    "Discuss the complaint and our fix",
    "介绍新产品",
)
PLACES = (
    "their office",
    "our showroom",
    "the trade fair stand",
    "their warehouse",
    "客户公司会议室",
)
CANCEL_REASONS = ("customer postponed", "contact person ill", "traffic: rescheduled")

# Columns of the rows the history maker emits (tuples, in this order, for executemany).
NEXT_TIMES = ("09:30", "10:00", "11:00", "14:00", "15:30")


# --- the demo in Chinese ------------------------------------------------------------------

# Every English text of the demo history in Chinese (a Chinese interface gets a Chinese demo).
CHINESE = {
    "retail": "零售", "manufacturing": "制造", "wholesale": "批发", "e-commerce": "电子商务",
    "catering": "餐饮", "logistics": "物流",
    "web": "网络", "trade fair": "展会", "referral": "介绍", "directory": "名录",
    "news report": "新闻报道",
    "First meeting: introduced the company, showed the work ID, left brochures":
        "初次见面：介绍公司，出示工作证，留下宣传资料",
    "Cold call: met the purchasing manager, explained our price list":
        "陌生拜访：见到采购经理，讲解了价格资料",
    "Walk-in: the owner asked about delivery times and minimum orders":
        "顺路拜访：老板询问了交货期和起订量",
    "Introduced our product range; they buy from a competitor today":
        "介绍了我们的产品系列；客户目前从竞争对手处采购",
    "Thanked them for the last order; asked for suggestions": "感谢上次订货；征求意见和建议",
    "Reviewed the last delivery; they are happy with the quality": "回顾上次交货；客户对质量满意",
    "Discussed next quarter's volumes and the new price list": "讨论下季度订货量和新价格",
    "Let the customer talk about their expansion plans": "请客户谈了他们的扩张计划",
    "Apologised for the late delivery in person; promised improvement":
        "当面为交货延迟道歉；承诺改进",
    "200 cartons, delivery next week": "200 箱，下周交货",
    "Trial order: 50 units": "试订 50 件",
    "Repeat order as last month": "按上月数量再次订货",
    "Framework agreement for Q1": "第一季度框架协议",
    "12 pallets of packaging material": "包装材料 12 托",
    "Late delivery of the last order": "上次订货交货延迟",
    "Two cartons arrived damaged": "两箱货物到货时破损",
    "Invoice did not match the quote": "发票与报价不符",
    "Nobody answered the service hotline": "服务热线无人接听",
    "Would like a smaller minimum order": "希望降低起订量",
    "Asks for an English price list": "希望提供英文价格资料",
    "Wants a monthly statement instead of invoices per delivery":
        "希望按月对账，而不是每次交货开票",
    "Introduce the new price list": "介绍新价格",
    "Follow up on the quote": "跟进报价",
    "Thank for the order, ask for suggestions": "感谢订货，征求意见",
    "First visit: present the company": "首次拜访：介绍公司",
    "Discuss the complaint and our fix": "沟通投诉及处理办法",
    "their office": "客户办公室", "our showroom": "我公司展厅", "the trade fair stand": "展会展位",
    "their warehouse": "客户仓库",
    "customer postponed": "客户推迟", "contact person ill": "联系人生病",
    "traffic: rescheduled": "交通原因：改期",
}  # fmt: skip
TEXT_COLUMNS = frozenset(
    ("purpose", "place", "notes", "booking", "complaint", "suggestion", "next_place",
     "cancel_reason", "note")
)  # fmt: skip


def _in(text: str, chinese: bool) -> str:
    return CHINESE.get(text, text) if chinese else text


def in_chinese(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """History rows (tuples in `columns` order) with their English demo texts in Chinese."""
    texts = [index for index, name in enumerate(columns) if name in TEXT_COLUMNS]
    if not texts:
        return rows
    changed = []
    for row in rows:
        values = list(row)
        for index in texts:
            if isinstance(values[index], str):
                values[index] = CHINESE.get(values[index], values[index])
        changed.append(tuple(values))
    return changed


# --- where the demo team works -----------------------------------------------------------------
# Each salesperson works one city (in this order, then again); the office is where the day starts.
OFFICES = {
    "上海": ("黄浦区", (31.2304, 121.4737)), "杭州": ("上城区", (30.2460, 120.1690)),
    "南京": ("玄武区", (32.0480, 118.7970)), "宁波": ("海曙区", (29.8690, 121.5440)),
    "无锡": ("梁溪区", (31.5700, 120.3000)), "广州": ("越秀区", (23.1290, 113.2640)),
    "深圳": ("福田区", (22.5430, 114.0580)), "北京": ("东城区", (39.9290, 116.4170)),
    "苏州": ("姑苏区", (31.3110, 120.6170)),
}  # fmt: skip


DEMO_RADIUS_KM = 12  # the demo's customers are in the districts this close to the office


def city_of(rep_index: int) -> str:
    """The city the `rep_index`-th demo salesperson works."""
    return list(OFFICES)[rep_index % len(OFFICES)]


def office(city: str) -> str:
    """The office of the demo team in `city`, as `route.start` takes it."""
    lat, lon = OFFICES[city][1]
    return f"{lat},{lon}"


def locate(fields: dict[str, Any], city: str, number: int) -> dict[str, Any]:
    """`fields` placed in `city`: a district near the office, a point within about 2 km of its
    centre, and (for a Chinese customer with an address) that district's address. Seeded by
    `number` alone, so the rest of the demo is the same with or without places."""
    from salesvisit_cli.domain.locations import CITY_DISTRICTS, haversine_km

    rng = random.Random(number)
    centre = OFFICES[city][1]
    nearby = [
        (name, point)
        for name, point in sorted(CITY_DISTRICTS[city].items())
        if haversine_km(point, centre) <= DEMO_RADIUS_KM
    ]
    district, (lat, lon) = rng.choice(nearby)
    located = dict(fields)
    located.update(
        lat=round(lat + rng.uniform(-0.02, 0.02), 5),
        lon=round(lon + rng.uniform(-0.02, 0.02), 5),
        district=district,
    )
    if fields["address"] and not fields["address"].isascii():
        located["address"] = f"{city}市{district}{rng.choice(CN_STREETS)}{rng.randint(1, 999)}号"
    return located
