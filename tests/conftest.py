from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maandmonitor.cli import app

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


# --- system packages -----------------------------------------------------------------------------
# Tests marked `@pytest.mark.systeem("chromium" | "pango")` need a Debian package that
# `make system-deps` installs. Without it they skip with that one line; under CI (which installs
# them) they fail instead, so that CI never passes by skipping.


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@functools.cache
def _pango() -> bool:
    """Whether WeasyPrint imports: it loads Pango (and prints an English banner when it can't)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


SYSTEEM: dict[str, tuple[str, Callable[[], object]]] = {
    "chromium": ("Chromium", chromium),
    "pango": ("Pango (voor de PDF)", _pango),
    "poppler": ("poppler-utils (pdftoppm, pdftotext)", lambda: shutil.which("pdftoppm")),
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "systeem(naam): needs a package of make system-deps (chromium, pango, poppler)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("systeem"):
        for naam in mark.args:
            wat, aanwezig = SYSTEEM[naam]
            if not aanwezig():
                reden = f"{wat} ontbreekt: installeer het met 'sudo make system-deps'"
                if os.environ.get("CI"):
                    pytest.fail(f"{reden} (CI is gezet: deze test moet draaien)")
                pytest.skip(reden)


@pytest.fixture(scope="session", autouse=True)
def pdf_gelezen_als_met_pypdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every PDF the guard reads in these tests is read with pypdf too, the reader before issue
    18: the guard must find in its own reading whatever it found in pypdf's
    (pypdf_tegenproef.py)."""
    from . import pypdf_tegenproef

    with pytest.MonkeyPatch.context() as monkeypatch:
        pypdf_tegenproef.zet(monkeypatch, tmp_path_factory.mktemp("pypdf-lezingen"))
        yield


# The reference workspace the tests are about. Only these files: data/ is also the user's own
# archive, and a month they add must not change what the tests see.
REFERENCE_FILES = ("monitor.yaml", "2018-06.yaml")


def output(doel: str, editie: str, formaat: str, out: Path = Path("build")) -> Path:
    """Where a build writes a target's file: each edition has a root of its own."""
    return out / editie / doel / f"maandmonitor-{doel}-{editie}.{formaat}"


def outputs(out: Path = Path("build")) -> dict[str, bytes]:
    """Every report file under the output folder (caches left out), by path: its bytes."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def copy_reference(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    for name in REFERENCE_FILES:
        shutil.copy2(DATA / name, data_dir / name)


def build_june(werk: Path, formaten: str, month: Callable[[str], str] | None = None) -> Path:
    """June 2018 built in `werk` (a fresh folder) in `formaten`, its month file first changed by
    `month` if given; the folder, for module fixtures that build once."""
    copy_reference(werk / "data")
    if month is not None:
        juni = werk / "data" / "2018-06.yaml"
        juni.write_text(month(juni.read_text(encoding="utf-8")), encoding="utf-8")
    oud = Path.cwd()
    os.chdir(werk)
    try:
        result = CliRunner().invoke(app, ["build", "2018-06", "--format", formaten])
        assert result.exit_code == 0, result.stderr
    finally:
        os.chdir(oud)
    return werk


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the reference workspace in a temporary folder, also the working directory."""
    copy_reference(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run() -> Callable[..., tuple[int, str, str]]:
    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, list(args))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return invoke


def fill_in_july_as_june_ended() -> None:
    """Fill in the data/2018-07.yaml that `maandmonitor new` made: nobody in or out, so every
    figure agrees with June's (as the rules demand)."""
    from maandmonitor.scaffold import PLACEHOLDER

    july = Path("data/2018-07.yaml")
    figures = iter(
        [
            *("55", "2", "0", "0"),  # totaal, on_hold, instroom, uitstroom
            *("7", "8", "8", "6", "4", "14", "2", "null", "3", "3"),  # casussen per partij
            *("10", "45"),  # gender
            *("8", "2", "8", "5", "12", "20"),  # risicocategorie
        ]
    )
    text = july.read_text(encoding="utf-8").replace("items: []", 'items: ["gedaan"]')
    text = re.sub(f": {PLACEHOLDER}", lambda _: f": {next(figures)}", text)
    assert next(figures, None) is None, "every placeholder filled in"
    july.write_text(text, encoding="utf-8")


def _generator() -> Callable[..., list[str]]:
    spec = importlib.util.spec_from_file_location("generate", REPO / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.generate  # type: ignore[no-any-return]


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated archive (bench/generate.py, seeded) of 2017-10 to 2018-12, in a temporary
    folder that is also the working directory. Every month states its vorige_maand, so a month
    after a gap still validates."""
    _generator()(tmp_path, 15, seed=6, start="2017-10")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def own_cache_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled templates go to the user's cache folder; the tests use their own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


# --- the reference's own wording -----------------------------------------------------------------


def _woordenlijst(pad: Path) -> dict[tuple[str, ...], str]:
    """Every piece of a workspace's wording (bewoording, defaults filled in), by its key."""
    from pydantic import BaseModel

    from maandmonitor.bewoording import Bewoording
    from maandmonitor.load.document import read_document

    def bladeren(model: BaseModel, pad: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
        uit: dict[tuple[str, ...], str] = {}
        for naam in type(model).model_fields:
            waarde = getattr(model, naam)
            if isinstance(waarde, BaseModel):
                uit.update(bladeren(waarde, (*pad, naam)))
            else:
                uit[(*pad, naam)] = waarde
        return uit

    if pad == Path():
        return bladeren(Bewoording())
    return bladeren(Bewoording.model_validate(read_document(pad).data.get("bewoording", {})))


def _woorden(tekst: str, hoofdletters: bool = False) -> set[str]:
    return set(re.findall(r"\w[\w-]*\w|\w", tekst if hoofdletters else tekst.lower()))


@functools.cache
def amsterdams() -> tuple[str, ...]:
    """The reference's (Amsterdam's) own wording, derived, not listed by hand: the phrases of
    data/monitor.yaml's `bewoording` (the text between placeholders) where examples/lindewaard
    says something else, that are not in the package's defaults and hold a word that neither
    Lindewaard nor the defaults use; and the long words of those phrases that Lindewaard's
    workspace never uses (a paraphrase of the reference has them too: "Meld- en Adviespunt").
    Short words are everyday Dutch ("drie", "meld"), so they are not looked for on their own."""
    referentie = _woordenlijst(DATA / "monitor.yaml")
    lindewaard = _woordenlijst(REPO / "examples" / "lindewaard" / "data" / "monitor.yaml")
    standaard = _woordenlijst(Path())
    neutraal = " ".join([*lindewaard.values(), *standaard.values()])
    zinnen = sorted(
        {
            deel.strip(" .,:;")
            for sleutel, zin in referentie.items()
            if zin != lindewaard[sleutel]
            for deel in re.split(r"\{[a-z_]+\}", zin)
            if deel.strip(" .,:;")
            and not any(deel.strip(" .,:;").lower() in s.lower() for s in standaard.values())
            and _woorden(deel, True) - _woorden(neutraal, True)
        }
    )
    werkmap = " ".join(
        p.read_text("utf-8") for p in (REPO / "examples" / "lindewaard" / "data").glob("*.yaml")
    )
    woorden = {
        w
        for zin in zinnen
        for w in _woorden(zin)
        if len(w) >= 8 and w not in _woorden(werkmap) | _woorden(neutraal)
    }
    return (*zinnen, *sorted(woorden))


def gevonden(tekst: str, woorden: tuple[str, ...]) -> list[str]:
    """Which of `woorden` the text holds: a phrase anywhere, a word as a whole word; case
    ignored."""
    laag = tekst.lower()
    return [
        w
        for w in woorden
        if (
            w.lower() in laag
            if " " in w
            else re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", laag)
        )
    ]
