"""The guard's PDF reading against the one it replaced (issue 18): pypdf, which laid the pages
out. While the tests run, every PDF whose text the guard reads is read with pypdf too, and every
confidential text and term the guard finds in pypdf's reading it must find in its own; a PDF
pypdf's reading let through as readable (`guard.leesbaar`) must be readable in the new one.

The readings cross from an edition's worker to the parent in files named by the new reading's
sha256 (the workers are forked: a dict would stay in the worker)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from maandmonitor import maken
from maandmonitor.errors import MonitorError, Problem
from maandmonitor.publish import pdftekst

VERGELEKEN: list[Path] = []  # every PDF reading compared, in this process


def pypdf_tekst(pdf: bytes) -> str:
    """The reading before issue 18: the pages laid out by pypdf, NULs left out."""
    from pypdf import PdfReader

    paginas = PdfReader(io.BytesIO(pdf)).pages
    return "\n".join(p.extract_text() for p in paginas).replace("\x00", "")


def _sleutel(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8", "surrogatepass")).hexdigest()


def _gevonden(bewaak: Callable[..., None], *argumenten: Any) -> set[Problem]:
    try:
        bewaak(*argumenten)
    except MonitorError as err:
        return set(err.problems)
    return set()


def zet(monkeypatch: pytest.MonkeyPatch, map_: Path) -> None:
    lees = pdftekst.pdf_tekst
    bewaak = maken.bewaak
    leesbaar = maken.leesbaar

    def oud(tekst: str) -> str | None:
        pad = map_ / _sleutel(tekst)
        return pad.read_text("utf-8", "surrogatepass") if pad.exists() else None

    def pdf_tekst(pdf: bytes) -> str:
        tekst = lees(pdf)
        vorig = pypdf_tekst(pdf) + "\n" + pdftekst.tekst_buiten_paginas(pdf)
        (map_ / _sleutel(tekst)).write_text(vorig, "utf-8", "surrogatepass")
        return tekst

    def bewaak_beide(geheimen: Any, bestanden: Sequence[Any], uitvoer: Mapping[Path, str]) -> None:
        for pad, tekst in uitvoer.items():
            vorig = oud(tekst) if pad.suffix == ".pdf" else None
            if vorig is not None:
                was = _gevonden(bewaak, geheimen, bestanden, {pad: vorig})
                is_ = _gevonden(bewaak, geheimen, bestanden, {pad: tekst})
                assert was <= is_, f"pypdf's reading of {pad} found more: {was - is_}"
                VERGELEKEN.append(pad)
        bewaak(geheimen, bestanden, uitvoer)

    def leesbaar_beide(tekst: str, bron: str) -> bool:
        vorig = oud(tekst)
        nu = leesbaar(tekst, bron)
        assert nu or vorig is None or not leesbaar(vorig, bron), "readable with pypdf only"
        return nu

    monkeypatch.setattr(pdftekst, "pdf_tekst", pdf_tekst)
    monkeypatch.setattr(maken, "bewaak", bewaak_beide)
    monkeypatch.setattr(maken, "leesbaar", leesbaar_beide)
