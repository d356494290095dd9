"""Where templates come from: the packaged set, a workspace's own folder (confined), and their
compiled code.

A workspace's own templates are its users' to write, so they are held to their folder: only
template files (`*.md.j2`, `*.html.j2`, `*.css`), no symbolic or hard links, nothing that
resolves outside `templates/`. Otherwise a template could include the month file itself,
confidential texts and redacted figures and all, past the strip that the public edition is
rendered from (and have its `{{ … }}` run as a template too).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import jinja2

from ..cache import lees_bytes, schrijf_bytes
from ..errors import MonitorError, Problem, display_path

SJABLONEN = (".md.j2", ".html.j2", ".css")


class EigenSjablonen(jinja2.BaseLoader):
    """The workspace's `templates/` folder, confined to itself. A name it does not have falls
    through to the packaged templates; a name it has but may not serve stops the build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        delen = jinja2.loaders.split_template_path(template)  # refuses '..'
        path = self.folder.joinpath(*delen)
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        naam = f"{display_path(self.folder)}/{'/'.join(delen)}"
        if any(self.folder.joinpath(*delen[: i + 1]).is_symlink() for i in range(len(delen))):
            raise _geweigerd(
                naam, "een symbolische link; een sjabloon moet een gewoon bestand zijn"
            )
        if not template.endswith(SJABLONEN):
            raise _geweigerd(naam, "geen sjabloon; alleen .md.j2, .html.j2 en .css worden gelezen")
        if not path.resolve().is_relative_to(self.root):
            raise _geweigerd(naam, "ligt buiten de sjablonenmap")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as handle:
                if os.fstat(handle.fileno()).st_nlink > 1:  # a hard link: the same file elsewhere
                    raise _geweigerd(
                        naam, "een harde link (het bestand staat ook elders); kopieer het"
                    )
                source = handle.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise _geweigerd(naam, f"kan niet gelezen worden ({type(err).__name__})") from None
        return source, str(path), lambda: False


def _geweigerd(naam: str, waarom: str) -> MonitorError:
    return MonitorError([Problem(naam, 0, 0, "", f"sjabloon geweigerd: {waarom}")])


class GecompileerdeSjablonen(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the life of the process and, for the packaged
    templates only, on disk between runs in the user's cache folder like pip's
    (`~/.cache/maandmonitor/jinja`, `$XDG_CACHE_HOME`), never in the workspace: compiling costs
    more than rendering a month. A workspace's own templates (sandboxed) never load code from
    disk, which another process could have written. Entries are keyed by template name and file
    and carry the source's checksum, so Jinja itself rejects a stale one; a damaged one is
    compiled afresh."""

    _memory: ClassVar[dict[str, bytes]] = {}

    def __init__(self, soort: str, folder: Path | None) -> None:
        self.soort = soort  # one per kind of environment: sandboxed code differs from plain
        self.folder = folder  # None: memory only

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key, also for a folder whose name is not UTF-8 (Jinja would encode it
        strictly and fail)."""
        key = hashlib.sha1(name.encode("utf-8"))
        if filename is not None:
            key.update(f"|{filename}".encode("utf-8", "surrogateescape"))
        return key.hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._memory.get(f"{self.soort}/{bucket.key}")
        if data is None and self.folder is not None:
            data = lees_bytes(self.folder / bucket.key)
        if data is not None:
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # damaged beyond Jinja's own checks (pickle, marshal): recompile
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        self._memory[f"{self.soort}/{bucket.key}"] = data
        if self.folder is not None:
            # Not written (a home that is read-only, full, not there): that only costs time, and
            # is no concern of the workspace, so no warning either.
            schrijf_bytes(self.folder / bucket.key, data)


def user_cache() -> Path | None:
    """The user's cache folder for compiled templates; None without one: no home (`docker
    --user` without a passwd entry), or a relative path (ignored, as the XDG spec says; it would
    put the cache in whatever folder the command runs in)."""
    root = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if not root.is_absolute():
        try:
            root = Path.home() / ".cache"
        except (RuntimeError, KeyError):
            return None
    return root / "maandmonitor" / "jinja" if root.is_absolute() else None
