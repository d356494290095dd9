"""The stack doing the least a build does: every library used once, not only imported.

`make bench` times this beside the import floor: `import pydantic` and `import typer` load little
until a model is defined or a command parsed (typer 0.29 builds a pydantic TypeAdapter per
parameter), so the import floor leaves out work that any program on this stack does.
"""

import datetime as dt

import jinja2
import markdown_it
import typer
import yaml
from babel.dates import format_date
from pydantic import BaseModel

app = typer.Typer()


class Maand(BaseModel):
    maand: str


@app.command()
def build(maand: str) -> None:
    data = Maand.model_validate(yaml.safe_load(f"maand: '{maand}'"))
    datum = format_date(dt.date(2018, 6, 1), "long", locale="nl")
    tekst = jinja2.Template("# {{ maand }}, {{ datum }}\n").render(maand=data.maand, datum=datum)
    markdown_it.MarkdownIt().render(tekst)


if __name__ == "__main__":
    app()
