"""DiWoo metadata beside every public month, valid against diwoo-metadata.xsd (DiWoo 0.9.8,
vendored in tests/vendor/diwoo; the MDTO schema it imports from the web replaced by a stub)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from .conftest import output, outputs

Run = Callable[..., tuple[int, str, str]]
VENDOR = Path(__file__).parent / "vendor" / "diwoo"
NS = {"diwoo": "https://standaarden.overheid.nl/diwoo/metadata/"}
MONTH = Path("data/2018-06.yaml")


class _Offline(etree.Resolver):
    def resolve(self, url: str, pubid: str, context: object) -> object:
        if url.startswith("https://www.nationaalarchief.nl/mdto"):
            return self.resolve_filename(str(VENDOR / "mdto-stub.xsd"), context)
        return None


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.parse(str(VENDOR / "diwoo-metadata.xsd"), parser))


def metadata(schema: etree.XMLSchema) -> etree._ElementTree:
    tree = etree.parse(str(output("2018-06", "openbaar", "diwoo.xml")))
    assert schema.validate(tree), schema.error_log
    return tree


def test_concept(workspace: Path, run: Run, schema: etree.XMLSchema) -> None:
    code, _, err = run("build", "2018-06", "--format", "md,pdf")
    assert (code, err) == (0, "")
    tree = metadata(schema)
    get = lambda path: tree.findtext(path, namespaces=NS)  # noqa: E731
    assert get(".//diwoo:officieleTitel") == "Maandmonitor juni 2018 (CONCEPT)"
    assert tree.find(".//diwoo:publisher", NS).get("resource").endswith("/gemeente/gm0363")
    assert get(".//diwoo:informatiecategorie") == "inspanningsverplichting art 3.1 Woo"
    assert get(".//diwoo:documentsoort") == "voortgangsrapport"
    assert get(".//diwoo:creatiedatum") == "2018-07-04"
    assert get(".//diwoo:language") == "Nederlands"
    assert tree.find(".//diwoo:format", NS).get("resource").endswith("/file-type/PDF")
    assert get(".//diwoo:soortHandeling") == "ontvangst"
    velden = {
        v.findtext("diwoo:key", namespaces=NS): [x.text for x in v.iterfind(".//diwoo:value", NS)]
        for v in tree.iterfind(".//diwoo:extraMetadataveld", NS)
    }
    assert velden == {
        "status": ["concept"],
        "bestanden": ["maandmonitor-2018-06-openbaar.md", "maandmonitor-2018-06-openbaar.pdf"],
    }
    assert not Path("build/intern/2018-06/maandmonitor-2018-06-intern.diwoo.xml").exists()


def test_signed_off(workspace: Path, run: Run, schema: etree.XMLSchema) -> None:
    MONTH.write_text(
        MONTH.read_text("utf-8").replace(
            "peildatum: 2018-07-04\n",
            "peildatum: 2018-07-04\nstatus: {vastgesteld_op: 2018-07-10, door: Jan Geheimnaam}\n",
        )
    )
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--definitief")
    assert (code, err) == (0, "")
    tree = metadata(schema)
    assert tree.findtext(".//diwoo:officieleTitel", namespaces=NS) == "Maandmonitor juni 2018"
    assert tree.findtext(".//diwoo:soortHandeling", namespaces=NS) == "vaststelling"
    assert tree.findtext(".//diwoo:atTime", namespaces=NS) == "2018-07-10T00:00:00"
    assert "Geheimnaam" not in output("2018-06", "openbaar", "diwoo.xml").read_text("utf-8")


def test_without_woo_no_metadata_and_a_warning_when_publishing(workspace: Path, run: Run) -> None:
    """A programme that does not publish to the Woo-index needs no `woo`: only the build for
    publication (--definitief) says that the metadata is missing."""
    programma = Path("data/monitor.yaml")
    text = programma.read_text("utf-8")
    programma.write_text(text[: text.index("\n# Voor de Woo-index")] + "\n", encoding="utf-8")
    code, _, err = run("build", "2018-06", "--editie", "openbaar")
    assert (code, err) == (0, "")
    assert not output("2018-06", "openbaar", "diwoo.xml").exists()
    code, out, _ = run("build", "--all", "--editie", "openbaar")
    assert "2018-06  ongewijzigd" in out  # current without it
    run("build", "2018-06")
    assert run("list")[1].splitlines()[1].endswith("  gemaakt")
    maand = Path("data/2018-06.yaml")
    vastgesteld = "peildatum: 2018-07-04\nstatus: {vastgesteld_op: 2018-07-10, door: X}"
    maand.write_text(
        maand.read_text("utf-8").replace("peildatum: 2018-07-04", vastgesteld), encoding="utf-8"
    )
    code, _, err = run("build", "2018-06", "--editie", "openbaar", "--definitief")
    assert code == 0
    assert err == (
        "data/monitor.yaml: waarschuwing: geen 'woo' (organisatie, informatiecategorie): de "
        "openbare editie heeft geen DiWoo-metadata voor de Woo-index\n"
    )
    # no public edition made: nothing to say about its metadata
    code, _, err = run("build", "2018-06", "--editie", "intern", "--definitief")
    assert (code, err) == (0, "")


def test_an_unknown_category_is_a_located_error(workspace: Path, run: Run) -> None:
    programma = Path("data/monitor.yaml")
    text = programma.read_text("utf-8").replace("c_816e508d", "c_00000000")
    programma.write_text(text, encoding="utf-8")
    code, _, err = run("validate")
    assert code == 1
    assert (
        "woo.informatiecategorie: geen informatiecategorie uit de TOOI-lijst van DiWoo 0.9.8" in err
    )


def test_metadata_that_does_not_parse_stops_the_build(
    workspace: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail closed at the seam: every XML made is parsed before it is staged; whatever lets a
    character through that XML cannot hold, a broken file is never published."""
    from maandmonitor.publish import diwoo

    echt = diwoo.diwoo_xml
    monkeypatch.setattr(
        diwoo, "diwoo_xml", lambda *a: echt(*a).replace("Maandmonitor juni", "Maand\x01monitor")
    )
    code, out, err = run("build", "2018-06")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "build/openbaar/2018-06/maandmonitor-2018-06-openbaar.diwoo.xml: geen welgevormde XML "
        "(regel 10, kolom 34); er is niets geschreven"
    )
    assert "Maand" not in err
    assert outputs() == {}


@pytest.mark.parametrize(
    ("organisatie", "message"),
    [
        (
            "gemeente/gm036",
            "woo.organisatie: geen TOOI-code van een gemeente: verwacht gm met de CBS-code van 4 "
            "cijfers, bijv. https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
        ),
        (
            "gemeente/0363",
            "woo.organisatie: geen TOOI-code van een gemeente: verwacht gm met de CBS-code van 4 "
            "cijfers, bijv. https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
        ),
        (
            "Gemeente Amsterdam",
            "woo.organisatie: geen TOOI-identificatie van een organisatie: verwacht "
            "https://identifier.overheid.nl/tooi/id/<soort>/<code>, bijv. "
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
        ),
    ],
)
def test_the_organisation_is_a_tooi_code_as_its_description_says(
    workspace: Path, run: Run, organisatie: str, message: str
) -> None:
    monitor = Path("data/monitor.yaml")
    tooi = "https://identifier.overheid.nl/tooi/id/"
    waarde = tooi + organisatie if "/" in organisatie else organisatie
    monitor.write_text(
        monitor.read_text("utf-8").replace(f"{tooi}gemeente/gm0363", waarde), "utf-8"
    )
    code, _, err = run("validate")
    assert code == 1
    assert err.splitlines()[0] == f"data/monitor.yaml:139:16: {message}"
