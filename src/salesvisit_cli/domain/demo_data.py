"""Realistic, deterministic demo customers (pure: a seeded random.Random in, dicts out)."""

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


def customers(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """`count` demo customers with names unique under the duplicate rule (branches when needed)."""
    from salesvisit_cli.domain.customers import name_key

    made, seen = [], set()
    for number in range(1, count + 1):
        fields = customer(rng, number)
        branch = 1
        base = fields["name"]
        while name_key(fields["name"]) in seen:
            branch += 1
            chinese = not base.isascii()
            fields["name"] = f"{base}（第{branch}分公司）" if chinese else f"{base} Branch {branch}"
        seen.add(name_key(fields["name"]))
        made.append(fields)
    return made


def customer(rng: random.Random, number: int) -> dict[str, Any]:
    """One random demo customer."""
    chinese = rng.random() < 0.7
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
        "industry": rng.choice(INDUSTRIES),
        "size": rng.choice(SIZES),
        "source": rng.choice(SOURCES),
        "hours": rng.choice(HOURS) if rng.random() < 0.9 else None,
        "web": web,
        "note": None,
    }
