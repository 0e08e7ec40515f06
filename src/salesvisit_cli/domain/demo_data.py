"""Realistic, deterministic demo customers (pure: a seeded random.Random in, dicts out)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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
    """`count` demo customers with names unique under the duplicate rule (branches when needed).

    Each dict also holds its `name_key` (the duplicate rule's form of the name).
    """
    from salesvisit_cli.domain.customers import name_key

    made, seen = [], set()
    branches: dict[str, int] = {}  # base name -> the last branch number tried
    for number in range(1, count + 1):
        fields = customer(rng, number)
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


# --- Visit history -------------------------------------------------------------------------
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
VISIT_COLUMNS = (
    "id", "customer_id", "rep_id", "date", "status", "at", "purpose", "appointment", "place",
    "start", "minutes", "notes", "booking", "complaint", "suggestion", "next_date", "next_at",
    "next_place", "as_prospect", "conflict", "cancel_reason", "from_visit_id", "created_at",
    "reported_at",
)  # fmt: skip
FOLLOWUP_COLUMNS = (
    "id", "customer_id", "rep_id", "visit_id", "kind", "due", "note", "created_at", "done_at",
    "done_note",
)  # fmt: skip
SUBMISSION_COLUMNS = ("rep_id", "date", "submitted_at", "forced")

# A day's moments as offsets from midnight, made once (timedelta objects are not free).
_OFFSETS = tuple(timedelta(minutes=minutes) for minutes in range(3 * 24 * 60))
_CLOCKS = tuple(f"{minutes // 60:02d}:{minutes % 60:02d}" for minutes in range(24 * 60))
_DAYS = tuple(timedelta(days=days) for days in range(11))
NEXT_TIMES = ("09:30", "10:00", "11:00", "14:00", "15:30")


@dataclass
class DemoCustomer:
    """A demo customer's changing facts while its history is made up."""

    id: int
    status: str
    client_since: date | None = None
    visited: bool = False
    arrival: date | None = None  # when a prospect entered the file (None: from the start)
    won: bool = False  # a prospect who became a client in the history
    complained: bool = False

    def purpose(self, rng: random.Random) -> str:
        """A planned visit's purpose that fits what happened to the customer so far."""
        if self.complained:
            return "Discuss the complaint and our fix"
        if self.status == "prospect":
            return "Follow up on the quote" if self.visited else "First visit: present the company"
        if not self.visited:
            return rng.choice(("Introduce the new price list", "介绍新产品"))
        return rng.choice(("Thank for the order, ask for suggestions", "Follow up on the quote",
                           "Introduce the new price list", "介绍新产品"))  # fmt: skip


@dataclass
class DemoHistory:
    """The rows of one salesperson's demo history (tuples in the *_COLUMNS order)."""

    visits: list[tuple[Any, ...]] = field(default_factory=list)
    followups: list[tuple[Any, ...]] = field(default_factory=list)
    submissions: list[tuple[Any, ...]] = field(default_factory=list)
    done: int = 0


def arrivals(rng: random.Random, made: list[dict[str, Any]], first: date, days: int) -> list:
    """When each customer entered the file: clients and 40% of the prospects from the start,
    the other prospects spread over the history (so every month has new prospects to meet)."""
    found = []
    for fields in made:
        if fields["status"] == "prospect" and days > 1 and rng.random() >= 0.4:
            found.append(first + timedelta(days=int(rng.random() * days)))
        else:
            found.append(None)
    return found


def _clock(minutes: int) -> str:
    return _CLOCKS[max(0, min(minutes, 23 * 60 + 59))]


def _minutes(at: str) -> int:
    return int(at[:2]) * 60 + int(at[3:])


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


@dataclass
class DemoIds:
    visit: int
    followup: int


class HistoryMaker:
    """Makes up one salesperson's past (reported visits, follow-ups, hand-ins) and plan.

    Built for volume (hundreds of thousands of visits): rows are tuples, random draws use
    `random()` directly, moments reuse precomputed offsets, and customer choice is O(1).
    """

    def __init__(
        self,
        rng: random.Random,
        rep_id: int,
        own: list[DemoCustomer],
        others: list[DemoCustomer],
        next_working_day: Callable[[date], date],
        now: datetime,
        ids: DemoIds,
        max_minutes: int = 30,
    ) -> None:
        self.rng = rng
        self.rand = rng.random
        self.rep_id = rep_id
        self.own = own
        self.others = others
        self._next_working_day = next_working_day
        self._next_cache: dict[date, date] = {}
        self.now = now
        self.today = now.date()
        self.backlog_from = self.today - timedelta(days=30)
        self.ids = ids
        self.max_minutes = max_minutes
        self.rows = DemoHistory()
        self.agreed: dict[date, list[tuple[DemoCustomer, str, str, int]]] = {}
        self.planned_on: dict[date, set[int]] = {}
        self.thanks_seen: set[tuple[int, date]] = set()
        prospects = [c for c in own if c.status == "prospect"]
        self.unvisited = [c for c in prospects if c.arrival is None]
        rng.shuffle(self.unvisited)
        # Prospects still to arrive, the next one last.
        self.waiting = sorted(
            (c for c in prospects if c.arrival is not None), key=lambda c: c.arrival, reverse=True
        )
        self.prospects = list(self.unvisited)  # arrived and (maybe) still prospects
        self.clients = [c for c in own if c.status == "client"]

    def next_working_day(self, day: date) -> date:
        found = self._next_cache.get(day)
        if found is None:
            found = self._next_cache[day] = self._next_working_day(day)
        return found

    def _int(self, low: int, high: int) -> int:
        return low + int(self.rand() * (high - low + 1))

    def _choice(self, items):
        return items[int(self.rand() * len(items))]

    def _arrive(self, day: date) -> None:
        waiting = self.waiting
        while waiting and waiting[-1].arrival <= day:
            customer = waiting.pop()
            # Newcomers are met soon, in no particular order.
            self.unvisited.insert(int(self.rand() * (len(self.unvisited) + 1)), customer)
            self.prospects.append(customer)

    # -- choosing customers ------------------------------------------------------------------
    def _pick(self, taken: set[int], prospect: bool) -> tuple[DemoCustomer, bool]:
        """A customer for the next call: (customer, conflict)."""
        if prospect:
            unvisited = self.unvisited
            while unvisited:
                candidate = unvisited.pop()
                if candidate.id not in taken and candidate.status == "prospect":
                    return candidate, False
            prospects = self.prospects
            for _ in range(8):
                if not prospects:
                    break
                index = int(self.rand() * len(prospects))
                candidate = prospects[index]
                if candidate.status != "prospect":  # won meanwhile: drop it (swap-remove)
                    prospects[index] = prospects[-1]
                    prospects.pop()
                elif candidate.id not in taken:
                    return candidate, False
        if self.others and self.rand() < 0.02:
            return self._choice(self.others), True
        clients = self.clients
        if clients:
            for _ in range(20):
                candidate = clients[int(self.rand() * len(clients))]
                if candidate.id not in taken:
                    return candidate, False
        for candidate in self.own:
            arrived = candidate.arrival is None or candidate.arrival <= self.today
            if arrived and candidate.id not in taken:
                return candidate, False
        return self._choice(self.own), False

    # -- one past working day ----------------------------------------------------------------
    def day(self, day: date, hand_in: bool) -> None:
        rand = self.rand
        self._arrive(day)
        agreed = sorted(self.agreed.pop(day, []), key=lambda meeting: meeting[1])
        taken = {meeting[0].id for meeting in agreed}
        calls = []
        for _ in range(max(0, self._int(5, 7) - len(agreed))):
            customer, conflict = self._pick(taken, prospect=rand() < 1 / 3)
            taken.add(customer.id)
            calls.append((customer, conflict))
        calls.reverse()
        midnight = _midnight(day)
        follow_day = self.next_working_day(day)
        clock = 9 * 60 + int(rand() * 41)
        max_minutes = self.max_minutes
        while calls or agreed:
            # An agreed meeting takes its turn when its time comes (or as soon as possible).
            if agreed and (not calls or _minutes(agreed[0][1]) <= clock + 30):
                customer, at, place, from_id = agreed.pop(0)
                conflict, start = False, max(clock, _minutes(at))
            else:
                (customer, conflict), at, place, from_id = calls.pop(), None, None, None
                start = clock
            if rand() < 0.12:  # over time
                minutes = max_minutes + 5 + int(rand() * 46)
            else:
                minutes = 12 + int(rand() * (max_minutes - 11)) if max_minutes > 12 else max_minutes
            self._report(day, midnight, follow_day, customer, conflict, start, minutes, at,
                         place, from_id)  # fmt: skip
            clock = start + minutes + 20 + int(rand() * 31)
        if rand() < 0.04:
            self._cancelled(day, midnight, taken)
        if hand_in:
            self._hand_in(day, midnight, clock)

    def _report(
        self,
        day: date,
        midnight: datetime,
        follow_day: date,
        customer: DemoCustomer,
        conflict: bool,
        start: int,
        minutes: int,
        at: str | None,
        place: str | None,
        from_id: int | None,
    ) -> None:
        rand, choice = self.rand, self._choice
        prospect = customer.status == "prospect"
        first = not customer.visited and prospect
        booking = choice(BOOKINGS) if rand() < (0.18 if prospect else 0.25) else None
        complaint = choice(COMPLAINTS) if not prospect and rand() < 0.08 else None
        next_date = next_at = next_place = None
        if rand() < 0.12:
            next_date = self.next_working_day(day + _DAYS[1 + int(rand() * 9)])
            next_at = choice(NEXT_TIMES)
            next_place = choice(PLACES)
        visit_id = self.ids.visit
        self.ids.visit += 1
        end = start + minutes
        self.rows.visits.append(
            (visit_id, customer.id, self.rep_id, day, "done", at,
             "next meeting" if from_id else None, at is not None, place, _clock(start), minutes,
             choice(NOTES_FIRST if first else NOTES_KNOWN), booking, complaint,
             choice(SUGGESTIONS) if rand() < 0.12 else None, next_date, next_at, next_place,
             prospect, conflict, None, from_id, midnight + _OFFSETS[7 * 60 + 30],
             midnight + _OFFSETS[end + 3 + int(rand() * 38)])
        )  # fmt: skip
        self.rows.done += 1
        customer.visited = True
        if booking and prospect:
            customer.status, customer.client_since, customer.won = "client", day, True
            self.clients.append(customer)
        if booking:
            self._followup(customer.id, visit_id, "booking", day, booking)
        if complaint:
            customer.complained = True
            self._followup(customer.id, visit_id, "complaint", follow_day, complaint)
        key = (customer.id, follow_day)
        if key not in self.thanks_seen:
            self.thanks_seen.add(key)
            self._followup(customer.id, visit_id, "thanks", follow_day, "thank-you call or fax")
        if next_date is not None:
            if next_date < self.today:
                self.agreed.setdefault(next_date, []).append(
                    (customer, next_at, next_place, visit_id)
                )
            else:
                self.planned(next_date, customer, next_at, True, "next meeting", next_place,
                             from_id=visit_id, created=midnight + _OFFSETS[end + 5])  # fmt: skip

    def _followup(self, customer_id: int, visit_id: int | None, kind: str, due: date,
                  note: str | None) -> None:  # fmt: skip
        rand = self.rand
        midnight = _midnight(due)
        done_at = None
        # Recent ones are sometimes still open; older ones were nearly all worked off (a real
        # backlog does not grow for years).
        if due < self.today and rand() < (0.88 if due >= self.backlog_from else 0.998):
            done_at = midnight + _OFFSETS[9 * 60 + int(rand() * 481)]
            if rand() < 0.2:
                done_at += _OFFSETS[1440]
            if done_at > self.now:
                done_at = None
        self.rows.followups.append(
            (self.ids.followup, customer_id, self.rep_id, visit_id, kind, due, note,
             midnight + _OFFSETS[12 * 60 if kind == "booking" else 8 * 60], done_at,
             "done" if done_at else None)
        )  # fmt: skip
        self.ids.followup += 1

    def _cancelled(self, day: date, midnight: datetime, taken: set[int]) -> None:
        customer, _ = self._pick(taken, prospect=False)
        self.rows.visits.append(
            (self.ids.visit, customer.id, self.rep_id, day, "cancelled", "16:00",
             self._choice(PURPOSES), False, None, None, None, None, None, None, None, None, None,
             None, False, False, self._choice(CANCEL_REASONS), None, midnight + _OFFSETS[7 * 60],
             None)
        )  # fmt: skip
        self.ids.visit += 1

    def _hand_in(self, day: date, midnight: datetime, last_end: int) -> None:
        """On time mostly, sometimes late, sometimes missing (R6)."""
        rand = self.rand
        roll = rand()
        if roll < 0.72:
            if rand() < 0.6:
                moment = midnight + _OFFSETS[max(last_end + 30, 17 * 60 + int(rand() * 201))]
            else:
                next_day = _midnight(self.next_working_day(day))
                moment = next_day + _OFFSETS[7 * 60 + 30 + int(rand() * 86)]
        elif roll < 0.88:
            next_day = _midnight(self.next_working_day(day))
            moment = next_day + _OFFSETS[9 * 60 + 5 + int(rand() * 416)]
        else:
            return
        if moment <= self.now:
            self.rows.submissions.append((self.rep_id, day, moment, False))

    # -- the plan ----------------------------------------------------------------------------
    def planned(
        self,
        day: date,
        customer: DemoCustomer,
        at: str | None,
        appointment: bool,
        purpose: str,
        place: str | None = None,
        *,
        from_id: int | None = None,
        created: datetime | None = None,
    ) -> None:
        self.rows.visits.append(
            (self.ids.visit, customer.id, self.rep_id, day, "planned", at, purpose, appointment,
             place, None, None, None, None, None, None, None, None, None, False, False, None,
             from_id, created or self.now, None)
        )  # fmt: skip
        self.planned_on.setdefault(day, set()).add(customer.id)
        self.ids.visit += 1

    def plan(self, day: date, count: int) -> None:
        """`count` planned visits on `day` (next meetings already there count too)."""
        rng = self.rng
        self._arrive(day)
        taken = set(self.planned_on.get(day, ()))
        slots = list(range(9 * 60, 16 * 60 + 1, 60))
        for _ in range(max(0, count - len(taken))):
            customer, _ = self._pick(taken, prospect=rng.random() < 1 / 3)
            taken.add(customer.id)
            timed = rng.random() < 0.5 and bool(slots)
            appointment = timed and rng.random() < 0.6
            at = _clock(slots.pop(rng.randrange(len(slots)))) if timed else None
            self.planned(day, customer, at, appointment, customer.purpose(rng),
                         created=self.now - timedelta(days=1))  # fmt: skip
