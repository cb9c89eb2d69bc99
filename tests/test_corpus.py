"""Reading files, folders, sidecars and JSON Lines; detecting the language; one-line problems."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from diplograph.corpus import (
    Article,
    ArticleProblem,
    CorpusError,
    detect_language,
    html_to_text,
    iter_articles,
    markdown_to_text,
)

from .conftest import ROOT


def articles(path):
    return [a for a in iter_articles([path]) if isinstance(a, Article)]


def problems(path):
    return [p for p in iter_articles([path]) if isinstance(p, ArticleProblem)]


def test_seed_folder_with_sidecars():
    arts = articles(ROOT / "articles")
    assert [(a.id, a.lang, a.published, a.title) for a in arts] == [
        ("ots-diaspora-en", "en", None, None), ("ots-diaspora-fr", "fr", None, None)]


def test_sidecar_metadata_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("Hungary holds observer status in the organization, officials said today.")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-12-18", "title": "T", "url": "https://x.org/a",
                                                      "outlet": "Wire", "language": "en"}))
    (a,) = articles(tmp_path)
    assert (a.published, a.title, a.url, a.outlet) == (dt.date(2025, 12, 18), "T", "https://x.org/a", "Wire")


@pytest.mark.parametrize("text,lang", [
    ("Kazakhstan currently holds the rotating chairmanship of the Shanghai Cooperation Organisation.", "en"),
    ("La Finlande assure actuellement la présidence de l'OSCE, qui compte 57 États participants.", "fr"),
    ("Die Bundesregierung hat am Montag neue Maßnahmen zur Unterstützung der Ukraine beschlossen.", "de"),
])
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_other_language_is_reported_not_misread(tmp_path):
    (tmp_path / "de.txt").write_text("Die Bundesregierung hat am Montag neue Maßnahmen zur Unterstützung der Ukraine "
                                     "beschlossen, teilte ein Sprecher mit.")
    (p,) = problems(tmp_path)
    assert "de.txt" in str(p) and "'de'" in p.message and p.skipped


def test_jsonl_lines_and_a_broken_line(tmp_path):
    lines = [json.dumps({"text": "Hungary holds observer status in the OTS, the secretary-general said.",
                         "language": "en", "id": "one"}),
             "{not json",
             json.dumps({"text": "La Hongrie dispose d'un statut d'observateur au sein de l'OTS.", "published":
                         "2025-12-01"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines))
    items = list(iter_articles([tmp_path]))
    arts = [a for a in items if isinstance(a, Article)]
    assert [(a.id, a.lang) for a in arts] == [("one", "en"), ("batch-3", "fr")]
    assert arts[1].published == dt.date(2025, 12, 1)
    (p,) = [p for p in items if isinstance(p, ArticleProblem)]
    assert p.source.endswith("batch.jsonl:2") and "not valid JSON" in p.message


def test_html_main_text_only():
    html = ("<html><head><title>OTS news</title><script>var x = 'Hungary is a member';</script></head><body>"
            "<nav>Home | World</nav><article><h1>Observers</h1><p>Hungary holds observer status.</p>"
            "<p>Turkmenistan too.</p></article><footer>© 2025</footer></body></html>")
    text, title = html_to_text(html)
    assert title == "OTS news"
    assert text == "Observers\nHungary holds observer status.\nTurkmenistan too."


def test_markdown_keeps_words_not_markup():
    assert markdown_to_text("# Title\n\n**Hungary** holds [observer status](http://x).") == \
        "Title\n\nHungary holds observer status."


def test_bad_paths_are_one_line_errors(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        list(iter_articles([tmp_path / "missing"]))
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="holds no articles"):
        list(iter_articles([tmp_path / "empty"]))


def test_empty_and_binary_files_are_skipped_with_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    msgs = sorted(p.message for p in problems(tmp_path))
    assert msgs == ["binary file, not text", "empty article (no text)"]


def test_latin1_bom_and_crlf(tmp_path):
    (tmp_path / "l1.txt").write_bytes("La Hongrie a été reçue à l'OTS, a déclaré le ministre.".encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfHungary holds observer status.\r\nTurkmenistan too, he said.")
    arts = {a.id: a for a in articles(tmp_path)}
    assert "été reçue" in arts["l1"].text
    assert arts["bom"].text.startswith("Hungary") and "\r" not in arts["bom"].text


def test_bad_sidecar_is_a_warning_and_the_article_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("Hungary holds observer status in the OTS, officials said.")
    (tmp_path / "a.meta.json").write_text("{oops")
    items = list(iter_articles([tmp_path]))
    assert any(isinstance(i, Article) for i in items)
    (w,) = [i for i in items if isinstance(i, ArticleProblem)]
    assert not w.skipped and "a.meta.json is not valid JSON" in w.message
