"""The committed JSON Schema is what `maandmonitor schema` prints, and works for draft-07."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from maandmonitor.load.document import read_document

from .conftest import DATA, REPO

Run = Callable[..., tuple[int, str, str]]


def as_json(value: Any) -> Any:
    """What an editor's YAML 1.2 reader hands the schema: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("bestand", ["maand", "monitor"])
def test_committed_schema_is_current(run: Run, bestand: str) -> None:
    code, out, _ = run("schema", "--bestand", bestand)
    assert code == 0
    committed = (REPO / "schema" / f"{bestand}.schema.json").read_text(encoding="utf-8")
    assert out == committed, "run: maandmonitor schema --bestand {bestand} > schema/..."


@pytest.mark.parametrize("validator", [Draft7Validator, Draft202012Validator])
@pytest.mark.parametrize(
    ("bestand", "data_file"), [("maand", "2018-06.yaml"), ("monitor", "monitor.yaml")]
)
def test_schema_accepts_bundled_data(validator: Any, bestand: str, data_file: str) -> None:
    schema = json.loads((REPO / "schema" / f"{bestand}.schema.json").read_text(encoding="utf-8"))
    validator.check_schema(schema)
    instance = as_json(read_document(DATA / data_file).data)
    assert list(validator(schema).iter_errors(instance)) == []


@pytest.mark.parametrize("validator", [Draft7Validator, Draft202012Validator])
def test_schema_rejects_broken_month(validator: Any) -> None:
    schema = json.loads((REPO / "schema" / "maand.schema.json").read_text(encoding="utf-8"))
    instance = as_json(read_document(DATA / "2018-06.yaml").data)
    instance["inzet_op_risicos"]["regiepartijen"][1]["casussen"] = "acht"
    instance["inzet_op_risicos"]["personen_in_regie"]["totaal"] = -1
    instance["inzet_op_risicos"]["regiseurs"] = 36
    errors = {tuple(e.absolute_path) for e in validator(schema).iter_errors(instance)}
    assert ("inzet_op_risicos", "regiepartijen", 1, "casussen") in errors
    assert ("inzet_op_risicos", "personen_in_regie", "totaal") in errors
    assert ("inzet_op_risicos",) in errors  # the unknown key 'regiseurs'


def test_month_file_points_editors_at_the_schema() -> None:
    first = (DATA / "2018-06.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/maand.schema.json"
    target = (DATA / first.split("=", 1)[1]).resolve()
    assert target == (REPO / "schema" / "maand.schema.json").resolve()


def test_schema_describes_fields_in_dutch() -> None:
    schema = json.loads((REPO / "schema" / "maand.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    personen = schema["definitions"]["PersonenInRegie"]["properties"]
    assert personen["instroom"]["description"] == "Nieuwe instroom sinds vorige maand."
