"""DiWoo metadata for the Woo-index: one `diwoo:Document` (DiWoo 0.9.8, diwoo-metadata.xsd) beside
the public edition of a month, made from monitor.yaml (`woo`: the organisation and the
information category as TOOI values) and the month's public form (title, dates).

The Woo platform puts it in its sitemap, beside the URL it publishes the report at (`loc`,
`lastmod`: only the platform knows those). Every value is public: the programme's texts, the
month's dates, TOOI labels; nothing from a month's text.

- creatiedatum: the peildatum, when the figures were drawn up;
- documenthandeling: `vaststelling` on the date the month was signed off (`status`), which is
  when it may be published. A concept has no such date: its handeling is `ontvangst` on the
  peildatum, its title ends in "(CONCEPT)" and `extraMetadata` says `status: concept`.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

from ..errors import MonitorError, Problem
from ..model import Maand, Programma, Woo
from ..months import maandnaam
from .tooi import DOCUMENTSOORTEN, INFORMATIECATEGORIEEN, KERN

NS = "https://standaarden.overheid.nl/diwoo/metadata/"
NEDERLANDS = "http://publications.europa.eu/resource/authority/language/NLD"
BESTANDSSOORT = "http://publications.europa.eu/resource/authority/file-type/"
VASTSTELLING, ONTVANGST = KERN + "c_641ecd76", KERN + "c_dfcee535"
# The format a document of each kind has in the DiWoo list (Markdown is text).
FORMATEN = {"pdf": "PDF", "odt": "ODT", "docx": "DOCX", "html": "HTML", "md": "TXT", "data": "CSV"}

ElementTree.register_namespace("diwoo", NS)


def _el(
    ouder: ElementTree.Element, naam: str, tekst: str = "", **attrib: str
) -> ElementTree.Element:
    element = ElementTree.SubElement(ouder, f"{{{NS}}}{naam}", attrib)
    if tekst:
        element.text = tekst
    return element


def _lijst(ouder: ElementTree.Element, naam: str, kind: str, waarden: Sequence[str]) -> None:
    verzameling = _el(ouder, naam)
    for waarde in waarden:
        _el(verzameling, kind, waarde)


def diwoo_xml(
    programma: Programma, woo: Woo, maand: Maand, formaten: Sequence[str], bestanden: Sequence[str]
) -> str:
    """The metadata of the public edition of `maand` (its public form), describing the document
    in the first of `formaten` that the list knows (a PDF before an ODT, …); `bestanden`: the
    public files of this build, named in `extraMetadata`."""
    concept = maand.status is None
    titel = f"{programma.titel} {maandnaam(maand.maand, jaar=True)}" + (
        " (CONCEPT)" if concept else ""
    )
    formaat = next(FORMATEN[f] for f in FORMATEN if f in formaten)
    document = ElementTree.Element(f"{{{NS}}}Document")
    diwoo = _el(document, "DiWoo")
    _lijst(diwoo, "identifiers", "identifier", [f"maandmonitor-{maand.maand}-openbaar"])
    _el(diwoo, "publisher", programma.organisatie, resource=woo.organisatie)
    _el(diwoo, "verantwoordelijke", programma.organisatie, resource=woo.organisatie)
    titels = _el(diwoo, "titelcollectie")
    _el(titels, "officieleTitel", titel)
    _lijst(
        diwoo,
        "omschrijvingen",
        "omschrijving",
        [
            f"De maandmonitor over {maandnaam(maand.maand, jaar=True)} van de "
            f"{programma.programma}: openbare editie (Woo), met de gelakte passages gemarkeerd "
            "en een inventarislijst."
        ],
    )
    classificatie = _el(diwoo, "classificatiecollectie")
    categorieen = _el(classificatie, "informatiecategorieen")
    _el(
        categorieen,
        "informatiecategorie",
        INFORMATIECATEGORIEEN[woo.informatiecategorie],
        resource=woo.informatiecategorie,
    )
    soorten = _el(classificatie, "documentsoorten")
    _el(soorten, "documentsoort", DOCUMENTSOORTEN[woo.documentsoort], resource=woo.documentsoort)
    _lijst(classificatie, "trefwoorden", "trefwoord", [programma.programma, programma.titel])
    _el(diwoo, "creatiedatum", maand.peildatum.isoformat())
    _el(diwoo, "language", "Nederlands", resource=NEDERLANDS)
    _el(diwoo, "format", formaat.lower(), resource=BESTANDSSOORT + formaat)
    handelingen = _el(diwoo, "documenthandelingen")
    handeling = _el(handelingen, "documenthandeling")
    if maand.status is None:
        _el(handeling, "soortHandeling", "ontvangst", resource=ONTVANGST)
        _el(handeling, "atTime", f"{maand.peildatum.isoformat()}T00:00:00")
    else:
        _el(handeling, "soortHandeling", "vaststelling", resource=VASTSTELLING)
        _el(handeling, "atTime", f"{maand.status.vastgesteld_op.isoformat()}T00:00:00")
    _el(handeling, "wasAssociatedWith", programma.organisatie, resource=woo.organisatie)
    extra = _el(document, "extraMetadata")
    velden = _el(extra, "extraMetadatavelden")
    for sleutel, waarden in (
        ("status", ["concept" if concept else "vastgesteld"]),
        ("bestanden", list(bestanden)),
    ):
        veld = _el(velden, "extraMetadataveld")
        _el(veld, "key", sleutel)
        _lijst(veld, "values", "value", waarden)
    ElementTree.indent(document)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(document, encoding="unicode")
        + "\n"
    )


def welgevormd(bestand: str, inhoud: str | bytes) -> None:
    """Fail closed: XML that does not parse is never staged, whatever let a character through
    that XML cannot hold. The message says where in the file, not what stands there."""
    try:
        ElementTree.fromstring(inhoud)
    except ElementTree.ParseError as err:
        regel, kolom = err.position
        raise MonitorError(
            [
                Problem(
                    bestand,
                    0,
                    0,
                    "",
                    f"geen welgevormde XML (regel {regel}, kolom {kolom + 1}); er is niets "
                    "geschreven",
                )
            ]
        ) from None
