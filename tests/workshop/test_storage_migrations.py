"""Files from older Via versions open, brought up to date through the migration chain."""

from __future__ import annotations

import copy
import json

import pytest

from workshop import migrations, storage
from workshop.model import Goal, Workshop

V0_FILE = {
    "format": "via-workshop",
    "version": 0,
    "workshop": {
        "meta": {"name": "Spring workshop", "facilitator": "Alex"},
        "strategic_goals": [
            {"id": "g-loyalty", "text": "Increase customer loyalty"},
            {"id": "g-cost", "text": "Reduce expenditure", "measure": "Opex", "target": "-5%"},
        ],
        "functions": [{"id": "f-sales", "name": "Sales", "kind": "customer_facing"}],
        "goals": [{"id": "g-match", "text": "Match products to needs", "function_id": "f-sales"}],
        "links": [{"id": "l1", "source": "g-match", "target": "g-loyalty"}],
    },
}


def test_a_version_0_file_opens_as_the_current_model() -> None:
    ws = storage.loads(json.dumps(V0_FILE))
    assert ws.meta.title == "Spring workshop"
    assert ws.meta.facilitator == "Alex"
    assert ws.goals == [
        Goal(id="g-loyalty", text="Increase customer loyalty"),
        Goal(id="g-cost", text="Reduce expenditure", measure="Opex", target="-5%"),
        Goal(id="g-match", text="Match products to needs", function_id="f-sales"),
    ]
    assert [g.id for g in ws.strategic_goals()] == ["g-loyalty", "g-cost"]
    assert ws.links[0].target == "g-loyalty"


def test_a_migrated_file_saves_as_the_current_version(tmp_path) -> None:
    path = tmp_path / "old.via"
    path.write_text(json.dumps(V0_FILE), encoding="utf-8")
    ws = storage.load(path)
    storage.save(ws, path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == storage.SCHEMA_VERSION
    assert storage.load(path) == ws


def test_migration_does_not_change_its_input() -> None:
    body = copy.deepcopy(V0_FILE["workshop"])
    migrations.migrate(body, 0, storage.SCHEMA_VERSION)
    assert body == V0_FILE["workshop"]


def test_every_version_below_the_current_one_has_a_step() -> None:
    assert sorted(migrations.MIGRATIONS) == list(range(migrations.OLDEST, storage.SCHEMA_VERSION))


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"strategic_goals": "loyalty"}, "strategic_goals"),
        ({"strategic_goals": ["loyalty"]}, "strategic_goals[0]"),
        ({"strategic_goals": [], "goals": {"a": 1}}, "goals"),
    ],
)
def test_a_damaged_old_file_is_refused_with_the_place(body: dict, where: str) -> None:
    with pytest.raises(storage.LoadError) as caught:
        storage.loads(json.dumps({"format": "via-workshop", "version": 0, "workshop": body}))
    assert caught.value.where == where
    assert "older Via (version 0)" in str(caught.value)


def test_an_old_file_with_wrong_content_after_migration_names_the_field() -> None:
    body = {"strategic_goals": [{"id": "g", "text": 7}]}
    with pytest.raises(storage.LoadError) as caught:
        storage.loads(json.dumps({"format": "via-workshop", "version": 0, "workshop": body}))
    assert caught.value.where == "goals[0].text"


def test_a_version_older_than_any_known_is_refused() -> None:
    with pytest.raises(storage.LoadError, match="older than any Via release"):
        storage.loads(json.dumps({"format": "via-workshop", "version": -3, "workshop": {}}))


def test_the_chain_runs_every_step_in_order(monkeypatch) -> None:
    calls: list[int] = []

    def step(n: int):
        def run(body: dict) -> dict:
            calls.append(n)
            return {**body, "trail": [*body.get("trail", []), n]}

        return run

    monkeypatch.setattr(migrations, "MIGRATIONS", {0: step(0), 1: step(1), 2: step(2)})
    assert migrations.migrate({}, 0, 3) == {"trail": [0, 1, 2]}
    assert migrations.migrate({}, 2, 3) == {"trail": [2]}
    assert migrations.migrate({}, 3, 3) == {}
    assert calls == [0, 1, 2, 2]


def test_current_files_are_not_migrated(monkeypatch) -> None:
    def explode(body: dict) -> dict:
        raise AssertionError("a current file went through a migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", {0: explode})
    assert storage.loads(storage.dumps(Workshop())) == Workshop()
