"""The notebook API: frames with numbers as numbers, entity look-ups, an inline diagram, and the notebook of
docs/ executed headlessly, as a reader would run it."""

from __future__ import annotations

import html
import re
import sys

import pytest

import diplograph

from .browser import chromium, open_page
from .conftest import ROOT


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    d = tmp_path_factory.mktemp("nb") / "store"
    diplograph.build([ROOT / "articles"], [], store=d)
    return diplograph.load(store=d)


def test_frames_hold_numbers_as_numbers(kg):
    frame = kg.query("trade_targets", as_frame=True)
    assert list(frame.columns) == ["actor", "partner", "amount", "currency", "horizon", "statedBy"]
    assert str(frame["amount"].dtype) == "int64" and int(frame["amount"].sum()) == 160_000_000_000
    rows = kg.query("trade_targets")
    assert {r["amount"] for r in rows} == {60_000_000_000, 100_000_000_000}  # exact (Decimal) in plain rows


def test_without_pandas_the_message_says_what_to_install(kg, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails, as where it is not installed
    with pytest.raises(diplograph.DiplographError, match=r"pip install 'diplograph\[notebook\]'"):
        kg.query("states", as_frame=True)
    assert kg.query("states")  # rows as dicts need nothing more


def test_describe_evidence_search(kg):
    about = kg.describe("Hongrie")
    assert {"entity": "https://w3id.org/diplograph/id/state/HUN", "direction": "out", "property": "prefLabel",
            "value": "Hungary"} in about
    assert any(r["direction"] == "in" and r["property"] == "memberState" for r in about)
    ev = kg.evidence("Hungary")
    assert {r["type"] for r in ev} == {"State", "Membership"}
    assert ev[0]["subject"] == "https://w3id.org/diplograph/id/state/HUN"  # its own sentences first
    ev = kg.evidence("Khazar Ibrahim")
    assert {r["type"] for r in ev} == {"Person", "RoleHolding", "Reception", "Statement"}
    assert {r["language"] for r in ev} == {"en", "fr"}
    assert all(r["sentence"] and r["article"].startswith("ots_diaspora_") for r in ev)
    assert [r["name"] for r in kg.search("TURKIC")][:1] == ["Organization of Turkic States"]
    assert kg.search("no such thing anywhere") == []
    with pytest.raises(diplograph.DiplographError, match="did you mean 'Hungary'"):
        kg.describe("Hungry")


def _srcdoc(markup: str) -> str:
    m = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" [^>]*></iframe>', markup)
    assert m, markup[:200]
    return html.unescape(m.group(1))


def test_viz_shows_inline_as_an_iframe_of_the_page(kg, tmp_path):
    d = kg.viz(focus="OTS")
    assert repr(d).startswith("<Diagram: ") and d.nodes > 5
    page = _srcdoc(d._repr_html_())
    assert page == d.html and page.startswith("<!DOCTYPE html>")
    assert d.save(tmp_path / "ots.html").read_text(encoding="utf-8") == d.html


@pytest.mark.skipif(chromium() is None, reason="Debian's chromium is not installed (make test installs it as root)")
def test_the_inline_page_draws_offline_in_chromium(kg, tmp_path):
    d = kg.viz(focus="OTS")
    p = tmp_path / "inline.html"
    p.write_text(_srcdoc(d._repr_html_()), encoding="utf-8")
    result, requests = open_page(p)
    assert result["ready"] and result["nodes"] == d.nodes and requests == 0


def test_the_docs_notebook_runs_headless():
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "docs" / "notebook.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "docs")}}).execute()
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            texts.append("".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs))
    html_outputs = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                    if "text/html" in o.get("data", {})]
    assert "(2, 9)" in texts[0]  # two articles, nine memberships
    assert "'state': 'Hungary'" in texts[1] and "'status': 'observer'" in texts[1]
    assert "Khazar Ibrahim" in texts[2]
    assert texts[4] == "100000000000"
    assert "Organization of Turkic States" in texts[5]
    assert html_outputs[-1].startswith("<iframe srcdoc=") and "vis-network" in html.unescape(html_outputs[-1])
