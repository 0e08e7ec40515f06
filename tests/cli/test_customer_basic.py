"""Customer add/list/show end to end (the pattern other CLI tests follow)."""


def test_add_then_show_as_json(cli):
    added = cli("customer", "add", "上海华美贸易有限公司", "--tier", "key", "--json")
    assert added.exit_code == 0, added.stderr
    customer = added.json()
    assert customer["tier"] == "key" and customer["owner"] == "alice"
    shown = cli("customer", "show", "华美", "--json")
    assert shown.json()["id"] == customer["id"]


def test_duplicate_name_is_refused_with_the_existing_id(cli):
    cli("customer", "add", "Acme Trading Co., Ltd.")
    again = cli("customer", "add", "ACME  trading ltd")
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: ") and "id 1" in again.stderr
    assert len(cli("customer", "list", "--json").json()) == 1
