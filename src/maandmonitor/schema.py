"""JSON Schema of the month file and of monitor.yaml, for editors and other tools.

pydantic emits draft 2020-12 with `$defs`; yaml-language-server speaks draft-07. The schema is
rewritten to use `definitions` and to avoid keywords draft-07 lacks, so that it validates the same
under Draft7Validator and Draft202012Validator.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .model import Maand, Programma

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_TITLES: dict[str, tuple[str, type[BaseModel]]] = {
    "maand": ("Maandbestand", Maand),
    "monitor": ("monitor.yaml", Programma),
}


def json_schema(bestand: str) -> dict[str, Any]:
    title, model = _TITLES[bestand]
    raw = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    schema: dict[str, Any] = {"$schema": DRAFT_07, **_draft7(raw), "title": title}
    if definitions:
        schema["definitions"] = {name: _draft7(d) for name, d in sorted(definitions.items())}
    return schema


def _draft7(node: Any) -> Any:
    """Draft-07 ignores the siblings of `$ref`: wrap a `$ref` that has them in `allOf`."""
    if isinstance(node, list):
        return [_draft7(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft7(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:
        ref = node.pop("$ref")
        node["allOf"] = [{"$ref": ref}]
    return node
