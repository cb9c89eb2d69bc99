"""Reading articles: files and folders of .txt, .md, .html and .jsonl, with NAME.meta.json sidecars.

Everything here treats article text as untrusted data. Problems with one file
become an `ArticleProblem` (file + one-line reason) so that the rest of a batch
goes on; `iter_articles` streams, so memory does not grow with the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ids import slug

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
LANGUAGES = ("en", "fr")
META_KEYS = ("url", "title", "published", "language", "outlet")
#: an article file (or one line of a .jsonl batch) larger than this is not a news article
MAX_BYTES = 10 * 1024 * 1024
#: a line this long without a sentence end is cut for the extractors (and reported)
LONG_LINE = 20_000


@dataclass(frozen=True)
class Article:
    """One article: its text and what is known about it."""

    id: str  # stable key: slug of the file name (and line number for .jsonl)
    source: str  # the file it came from (and #line for .jsonl)
    text: str
    lang: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class ArticleProblem:
    """A file (or line) that could not be read as an article, and why, in one line."""

    source: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class _Meta:
    values: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class CorpusError(Exception):
    """A path given on the command line is unusable."""


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    if head.startswith((b"\x89PNG", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff")):
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.05


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(^#{1,6}\s*|^>\s?|^\s*[-*+]\s+|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`)", re.M)


def markdown_to_text(md: str) -> str:
    """Markdown to plain text: links keep their words, markup goes."""
    return _MD_MARK.sub("", _MD_LINK.sub(r"\1", md))


def html_to_text(html: str) -> tuple[str, str | None]:
    """The main text of a page (paragraphs and headings of <article> or <main>, else <body>), and its title."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    for sel in ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
                "template", "button"):
        for node in tree.css(sel):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return "", title
    blocks = [n.text(separator=" ", strip=True) for n in root.css("h1, h2, h3, h4, p, li, blockquote")]
    blocks = [re.sub(r"\s+", " ", b) for b in blocks if b]
    if not blocks:
        blocks = [re.sub(r"\s+", " ", root.text(separator=" ", strip=True))]
    return "\n".join(blocks), title


_EN_WORDS = frozenset("the of and to in is that for on with as was said by at from his has are its an be have".split())
_FR_WORDS = frozenset(
    "le la les des du de et en un une est pour que dans sur au aux a par qui avec ses son été".split()
)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language.

    py3langid (a model shipped inside its package) decides; on very short
    texts a stop-word count between English and French breaks ties.
    """
    sample = text[:5000]
    words = re.findall(r"[a-zà-ÿ]+", sample.lower())
    en = sum(w in _EN_WORDS for w in words)
    fr = sum(w in _FR_WORDS for w in words)
    # a clear majority of English or French function words decides at once; the model settles the rest
    if len(words) >= 30 and max(en, fr) >= 0.25 * len(words) and max(en, fr) >= 4 * min(en, fr):
        return "en" if en > fr else "fr"
    if len(words) < 12 and en != fr:
        return "en" if en > fr else "fr"
    import py3langid

    lang, _ = py3langid.classify(sample)
    return lang


def _parse_date(value, source: str, meta: _Meta) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    meta.problems.append(f"'published' is not an ISO date ({str(value)[:40]!r}); ignored")
    return None


def read_meta(path: Path) -> _Meta:
    """The sidecar NAME.meta.json of an article file, if any."""
    meta = _Meta()
    side = path.with_name(path.stem + ".meta.json")
    if not side.exists():
        return meta
    try:
        raw = json.loads(_decode(side.read_bytes()))
    except (OSError, ValueError) as exc:
        meta.problems.append(f"{side.name} is not valid JSON ({str(exc).splitlines()[0][:80]}); metadata ignored")
        return meta
    if not isinstance(raw, dict):
        meta.problems.append(f"{side.name} is not a JSON object; metadata ignored")
        return meta
    meta.values = {k: raw.get(k) for k in META_KEYS if raw.get(k) is not None}
    return meta


def _make_article(aid: str, source: str, text: str, values: dict, problems: list[str]) -> Article | ArticleProblem:
    text = text.replace("\x00", "").strip("\ufeff")
    if not text.strip():
        return ArticleProblem(source, "empty article (no text)")
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > LONG_LINE and not re.search(r"[.!?](?:\s|$)", text[:LONG_LINE * 5]):
        problems.append(f"a line of {longest:,} characters has no sentence end; it is read in pieces")
    meta = _Meta(values, problems)
    published = _parse_date(values.get("published"), source, meta)
    lang = values.get("language")
    if lang is not None and (not isinstance(lang, str) or lang.lower()[:2] not in LANGUAGES):
        return ArticleProblem(source, f"language {str(lang)[:20]!r} is not read (only {', '.join(LANGUAGES)})")
    lang = lang.lower()[:2] if lang else detect_language(text)
    if lang not in LANGUAGES:
        return ArticleProblem(source, f"detected language {lang!r} is not read (only {', '.join(LANGUAGES)})")

    def opt(k: str) -> str | None:
        v = values.get(k)
        return str(v) if v is not None else None

    return Article(aid, source, text, lang, opt("title"), opt("url"), published, opt("outlet"))


def read_file(path: Path) -> Iterator[Article | ArticleProblem]:
    """The articles in one file (several for .jsonl), or the problems met."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            meta = read_meta(path)
            for p in meta.problems:
                yield ArticleProblem(source, p, skipped=False)
            yield from _read_jsonl(path)
            return
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield ArticleProblem(source, f"file too large for an article ({size / 1e6:.0f} MB > "
                                         f"{MAX_BYTES / 1e6:.0f} MB); split it, or give one article per line in .jsonl")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleProblem(source, f"cannot be read ({exc.strerror or exc})")
        return
    if _looks_binary(data):
        yield ArticleProblem(source, "binary file, not text")
        return
    text = _decode(data)
    meta = read_meta(path)
    for p in meta.problems:
        yield ArticleProblem(source, p, skipped=False)
    values = dict(meta.values)
    if suffix in (".html", ".htm"):
        text, title = html_to_text(text)
        if title and "title" not in values:
            values["title"] = title
    elif suffix == ".md":
        text = markdown_to_text(text)
    problems: list[str] = []
    art = _make_article(slug(path.stem), source, text, values, problems)
    for p in problems:
        yield ArticleProblem(source, p, skipped=False)
    yield art


def _read_jsonl(path: Path) -> Iterator[Article | ArticleProblem]:
    """One article per line, streamed: a batch file may be large, each line may not."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            source = f"{path}:{n}"
            if len(raw) > MAX_BYTES:
                yield ArticleProblem(source, f"line too large for an article ({len(raw) / 1e6:.0f} MB)")
                continue
            line = _decode(raw).strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield ArticleProblem(source, f"line is not valid JSON ({str(exc)[:60]})")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                yield ArticleProblem(source, "line has no 'text' string")
                continue
            values = {k: obj[k] for k in META_KEYS if obj.get(k) is not None}
            aid = slug(str(obj["id"])) if obj.get("id") else f"{slug(path.stem)}-{n}"
            problems: list[str] = []
            art = _make_article(aid, source, obj["text"], values, problems)
            for p in problems:
                yield ArticleProblem(source, p, skipped=False)
            yield art


def article_files(paths: Iterable[str | Path]) -> list[Path]:
    """The article files under the given files and folders, sorted; raises CorpusError for a bad path."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(
                f for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".")
            )
            if not found:
                raise CorpusError(f"{path}: folder holds no articles ({', '.join(SUFFIXES)})")
            out.extend(found)
        else:
            out.append(path)
    return out


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | ArticleProblem]:
    """Stream the articles (and problems) of files and folders, one file at a time."""
    for f in article_files(paths):
        if f.suffix.lower() not in SUFFIXES:
            yield ArticleProblem(str(f), f"unsupported file type {f.suffix or '(none)'!r}")
            continue
        yield from read_file(f)
