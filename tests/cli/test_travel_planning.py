"""Travel in planning: `visit schedule` warns when a visit cannot be reached in time from the
one before; `--suggest` prefers due customers near the day's visits and says how far; accepted
suggestions get their times from the round."""

from __future__ import annotations

import pytest

NOW = "2026-11-26 07:30"


@pytest.fixture(autouse=True)
def frozen(clock):
    clock(NOW)


def test_hangzhou_then_beijing_is_flagged(cli):
    cli("customer", "add", "杭州恒通", "--lat", "30.2741", "--lon", "120.1551")
    cli("customer", "add", "北京蓝河", "--lat", "39.9042", "--lon", "116.4074")
    cli("customer", "add", "杭州鑫达", "--lat", "30.2800", "--lon", "120.1600")
    assert cli("visit", "schedule", "杭州恒通", "--at", "09:30").stderr == ""
    far = cli("visit", "schedule", "北京蓝河", "--at", "11:00")
    assert far.exit_code == 0
    assert "北京蓝河 at 11:00 cannot be reached in time from 杭州恒通 at 09:30" in far.stderr
    near = cli("visit", "schedule", "杭州鑫达", "--at", "10:30", "--json")
    assert near.exit_code == 0
    # 杭州恒通 → 杭州鑫达 is fine; 杭州鑫达 → 北京蓝河 at 11:00 is not
    assert "from 杭州恒通" not in near.stderr
    assert "北京蓝河 at 11:00 cannot be reached in time from 杭州鑫达 at 10:30" in near.stderr


def test_suggestions_near_the_day_come_first_and_say_how_far(cli):
    cli("config", "set", "route.start", "31.2304,121.4737")
    cli("customer", "add", "华美贸易", "--lat", "31.2304", "--lon", "121.4737")
    cli("visit", "schedule", "华美贸易", "--at", "10:00")
    # three never-visited clients (same priority): far, near, unlocated; ids in that order
    cli("customer", "add", "远方", "--status", "client", "--lat", "31.40", "--lon", "121.20")
    cli("customer", "add", "近处", "--status", "client", "--lat", "31.2400", "--lon", "121.4737")
    cli("customer", "add", "无位置", "--status", "client")
    doc = cli("visit", "plan", "--suggest", "3", "--json").json()
    names = [s["customer"]["name"] for s in doc["suggestions"]]
    assert names[0] == "近处"
    assert doc["suggestions"][0]["reason"].endswith("; 1.1 km from 华美贸易")
    assert "km from 华美贸易" in doc["suggestions"][1]["reason"]
    accepted = cli("visit", "plan", "--suggest", "1", "--accept", "--json").json()
    (new_id,) = accepted["accepted"]
    timed = {v["id"]: v["at"] for v in accepted["visits"]}
    assert timed[new_id] is not None  # the round gave it a time
