"""The demo's front desk: a front-desk login, the duty group, and today's walk-ins and calls."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.customers import phone_key
from salesvisit_cli.domain.dates import WEEKDAYS
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.reception import Registration, register_in
from salesvisit_cli.store import reception as reception_rows
from salesvisit_cli.store import team as rep_rows

DESK = "desk"  # the demo's front-desk login (`--rep desk`)
# New visitors of the demo day: (kind, company, where they heard of us, contact).
NEW_VISITORS = (
    ("walkin", "杭州云帆网络科技有限公司", "web", "赵先生"),
    ("call", "苏州恒达机械有限公司", "trade fair", "钱经理"),
    ("walkin", "厦门港湾物流有限公司", "referral", "何小姐"),
    ("walkin", "南京金陵文具", "directory", None),
    ("call", "青岛海润食品", "news report", "孙女士"),
)
MINUTES_APART = 20


def reception_day(connection: Connection, work: Work, made: list[dict], rep_ids: list[int]) -> int:
    """Every salesperson on duty every day; five new visitors, a returning customer walking
    in and one calling, registered by the front desk this morning. Returns how many."""
    if rep_rows.get(connection, DESK) is None:
        rep_rows.add(connection, DESK, False, work.now, reception=True)
    for slot in WEEKDAYS:
        reception_rows.set_duty(connection, slot, rep_ids, None, work.now)
    phones = [phone_key(fields.get("phone")) for fields in made]
    caller = next(  # another customer, one phone number each
        f for f, key in zip(made[1:], phones[1:], strict=True) if key and phones.count(key) == 1
    )
    visits = [Registration(kind, name, source=source, contact=contact)
              for kind, name, source, contact in NEW_VISITORS]  # fmt: skip
    visits.insert(2, Registration("walkin", made[0]["name"]))
    visits.insert(5, Registration("call", caller["phone"]))
    midnight = datetime.combine(work.today, time())
    for number, visit in enumerate(visits):
        at = work.now - timedelta(minutes=MINUTES_APART * (len(visits) - number))
        desk = replace(work, rep=DESK, now=max(at, midnight))
        register_in(connection, desk, visit)
    return len(visits)
