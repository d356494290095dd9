"""The kinds of value the models are built from: a frozen, strict model that refuses unknown keys;
ids, months and counts; text that is never redacted; and wording with placeholders.

Wording from monitor.yaml may hold `{naam}` for a value the report fills in. Which names a piece
of wording may use is checked when monitor.yaml is read (`Plaatshouders`); `vul_in` then fills
them in by plain substitution. The wording stays data: it is escaped like any text where it is
printed, and never run as a template.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError, core_schema

from .marks import (
    geen_interne_markering,
    geen_richtingteken,
    geen_stuurteken,
    gewoon,
    lijkt_op_markering,
)
from .months import MAAND_PATTERN


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
MaandId = Annotated[str, StringConstraints(pattern=MAAND_PATTERN)]
Aantal = Annotated[int, Field(ge=0)]

# --- text that is never redacted ----------------------------------------------------------------


def _no_mark(text: str, info: ValidationInfo) -> str:
    geen_stuurteken(text, meerregelig=False)  # a heading, a name, a label: one line
    if gewoon(text):  # the common case: none of the checks below can fail
        return text
    geen_richtingteken(text)
    geen_interne_markering(text)
    if lijkt_op_markering(text, (info.context or {}).get("lakgronden") or ()):
        raise PydanticCustomError(
            "lak_niet_toegestaan",
            "een lakmarkering is hier niet toegestaan (dit veld wordt nooit gelakt)",
            {},
        )
    return text


class _NoMark:
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(_no_mark, handler(source))


# Text that can never be redacted (headings, names of partners): a mark in it is an error.
PlatteTekst = Annotated[str, StringConstraints(min_length=1), _NoMark()]

# --- wording with placeholders ------------------------------------------------------------------

PLAATSHOUDER = re.compile(r"\{([a-z_]+)\}")


class Plaatshouders:
    """Wording from monitor.yaml in which `{naam}` stands for a value the report fills in: only
    the names given here. It stays plain text: filled in by `vul_in`, never run as a template."""

    def __init__(self, *namen: str) -> None:
        self.namen = namen

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def _check(self, text: str) -> str:
        for naam in PLAATSHOUDER.findall(text):
            if naam not in self.namen:
                bekend = ", ".join(f"{{{n}}}" for n in self.namen) or "geen"
                raise PydanticCustomError(
                    "plaatshouder",
                    "onbekende plaatshouder {naam}; hier bekend: {bekend}",
                    {"naam": f"{{{naam}}}", "bekend": bekend},
                )
        return text


def vul_in(zin: str, **waarden: str) -> str:
    """The wording with each `{naam}` replaced by its value."""

    def waarde(match: re.Match[str]) -> str:
        if match.group(1) not in waarden:
            raise TypeError(f"plaatshouder {match.group()} niet ingevuld")
        return waarden[match.group(1)]

    return PLAATSHOUDER.sub(waarde, zin)
