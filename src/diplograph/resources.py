"""The data the package ships: the ontology, SHACL shapes, reference lexicon, JSON-LD context, saved questions
and the diagram's page template, read with `importlib.resources` so that they are found wherever the package
is installed (a wheel in a virtual environment, an editable checkout).

`DIPLOGRAPH_ONTOLOGY` (a folder laid out as `ontology/`: diplograph.ttl, shapes.ttl, context.jsonld,
reference/*.ttl) and `DIPLOGRAPH_QUERIES` (a folder of .rq files) point at other copies instead.

>>> sorted(p.name for p in files_in(ontology_dir(), ".ttl"))
['diplograph.ttl', 'shapes.ttl']
>>> "memberships" in {p.name[:-3] for p in files_in(queries_dir(), ".rq")}
True
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def ontology_dir() -> Traversable:
    """The ontology folder: $DIPLOGRAPH_ONTOLOGY, else the copy in the package."""
    env = os.environ.get("DIPLOGRAPH_ONTOLOGY")
    return Path(env) if env else files("diplograph").joinpath("ontology")


def reference_dir() -> Traversable:
    """The reference lexicon (states, organisations, roles, places, observances), *.ttl."""
    return ontology_dir().joinpath("reference")


def queries_dir() -> Traversable:
    """The saved questions: $DIPLOGRAPH_QUERIES, else the .rq files in the package."""
    env = os.environ.get("DIPLOGRAPH_QUERIES")
    return Path(env) if env else files("diplograph").joinpath("queries")


def package_file(name: str) -> Traversable:
    """A file shipped at the top of the package (diagram.html)."""
    return files("diplograph").joinpath(name)


def files_in(folder: Traversable, suffix: str) -> list[Traversable]:
    """The files of `folder` whose name ends with `suffix`, sorted by name (none when it does not exist)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_file() and p.name.endswith(suffix)), key=lambda p: p.name)
