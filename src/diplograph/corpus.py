"""Reading articles: files and folders of .txt, .md, .html and .jsonl, with NAME.meta.json sidecars.

Everything here treats article text as untrusted data. Problems with one file
become an `ArticleProblem` (file + one-line reason) so that the rest of a batch
goes on; `iter_articles` streams, so memory does not grow with the corpus.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import functools
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DiplographError
from .ids import digest, slug

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
LANGUAGES = ("en", "fr")
META_KEYS = ("url", "title", "published", "language", "outlet")
#: an article file (or one line of a .jsonl batch) larger than this is not a news article
#: (a news article is tens of kilobytes, the longest report a few hundred; reading grows with size: 2 MB take ~8 s)
MAX_BYTES = 2 * 1024 * 1024
#: a line this long without a sentence end is cut for the extractors (and reported)
LONG_LINE = 20_000
#: a sidecar larger than this is not metadata
MAX_META_BYTES = 1024 * 1024
#: publication dates outside these years are taken for placeholders (Go's zero time, 9999-12-31) and dropped
YEARS = (1800, 2199)
#: language tags (ISO 639-1, ISO 639-2/B and /T) of the languages read
_LANG_TAGS = {"en": "en", "eng": "en", "fr": "fr", "fra": "fr", "fre": "fr"}


@dataclass(frozen=True)
class Article:
    """One article: its text and what is known about it."""

    id: str  # stable key: slug of the path relative to the folder given (and line number for .jsonl)
    source: str  # the file it came from (and :line for .jsonl), as valid text (bytes that are not UTF-8 as %XX)
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
    article: str | None = None  # the article's id, when it was read and failed later (its reading took too long)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class _Meta:
    values: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class CorpusError(DiplographError):
    """A path given on the command line is unusable."""


def _percent(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)  # registered for decoding only
    return "".join(f"%{b:02X}" for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("diplograph-percent", _percent)


def shown(path: str | os.PathLike) -> str:
    """A path as valid text: bytes that are not UTF-8 (a file name from another system) as %XX."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a str path with surrogates that no file system gave
        raw = os.fspath(path).encode("utf-8", "replace")
    return raw.decode("utf-8", "diplograph-percent")


# a well-formed UTF-8 sequence of two to four bytes
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                       rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                       rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _per_span(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: a lone stray byte is read as Windows-1252 (a Latin-1 name pasted into UTF-8
    text), a broken multi-byte sequence becomes U+FFFD; either way only that span is touched."""
    assert isinstance(exc, UnicodeDecodeError)  # registered for decoding only
    bad = exc.object[exc.start:exc.end]
    if len(bad) == 1:
        return bad.decode("cp1252", errors="replace"), exc.end
    return "\ufffd", exc.end


codecs.register_error("diplograph-per-span", _per_span)


def _decode(data: bytes) -> str:
    """Bytes to text: UTF-8, its damaged spans repaired one by one; Windows-1252 only for a file that is
    clearly not UTF-8 (more stray high bytes than well-formed UTF-8 sequences)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        high = len(data) - len(data.translate(None, _HIGH_BYTES))
        seqs = _UTF8_SEQ.findall(data)
        stray = high - sum(len(x) for x in seqs)
        if len(seqs) >= stray:
            text = data.decode("utf-8", errors="diplograph-per-span")
        else:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    """Binary by its magic number or by the share of control bytes (a stray NUL in text is not enough)."""
    head = data[:4096]
    if head.startswith((b"\x89PNG", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff")):
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.05


class _NotRegular(OSError):
    pass


def _read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most limit + 1 of them; a FIFO, device or socket is refused before it can
    block (opened non-blocking, checked on the open file) and /dev/zero cannot fill the memory."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegular(errno.EINVAL, "not a regular file")
        return fh.read(limit + 1)


def _open_regular(path: Path):
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    fh = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        fh.close()
        raise _NotRegular(errno.EINVAL, "not a regular file")
    return fh


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(^#{1,6}\s*|^>\s?|^\s*[-*+]\s+|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`)", re.M)


def markdown_to_text(md: str) -> str:
    """Markdown to plain text: links keep their words, markup goes."""
    return _MD_MARK.sub("", _MD_LINK.sub(r"\1", md))


#: deeper pages are read as plain text (real pages nest a few dozen levels; 100,000 took the parser 23 s)
MAX_HTML_DEPTH = 1_000
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def html_depth(html: str) -> int:
    """How deep the page's elements nest, counted from its tags in one pass (no tree built)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3) and m.group(2).lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def html_as_plain_text(html: str) -> str:
    """The text of a page with every tag removed (for pages too deep to parse)."""
    import html as html_lib

    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", html, flags=re.S | re.I)
    text = html_lib.unescape(re.sub(r"<[^>]*>", " ", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


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


#: what detect_language answers when a text is too short or too odd to tell
UNDETERMINED = "und"


@functools.lru_cache(maxsize=1)
def _calibrated_identifier():
    """py3langid's model with probabilities that sum to one (loaded only when a short text needs it)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when a short text does not say.

    py3langid (a model shipped inside its package) decides; on very short
    texts a stop-word count between English and French breaks ties, and a short
    text with no such word is "und" unless the model is sure (a word or two such as
    "fry" or "ok" would otherwise be read as Welsh or anything else).
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
    if len(words) < 12:
        lang, p = _calibrated_identifier().classify(sample)
        return lang if p >= 0.5 else UNDETERMINED
    import py3langid

    lang, _ = py3langid.classify(sample)
    return lang


def language_tag(value: str) -> str | None:
    """The language read for a tag ("en", "fr-CA", "fra", "en_GB"), or None when it is not one we read.

    The primary subtag decides, whole: "fry" (Western Frisian) is not French.
    """
    m = re.fullmatch(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*", value.strip())
    return _LANG_TAGS.get(m.group(1).lower()) if m else None


def _parse_date(value, source: str, meta: _Meta) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
        else:
            if YEARS[0] <= day.year <= YEARS[1]:
                return day
            meta.problems.append(f"'published' {value[:40]!r} is out of range (years {YEARS[0]}-{YEARS[1]}: "
                                 f"a placeholder?); ignored")
            return None
    meta.problems.append(f"'published' is not an ISO date ({str(value)[:40]!r}); ignored")
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
    return text


def read_meta(path: Path) -> _Meta:
    """The sidecar NAME.meta.json of an article file, if any (a regular file of at most MAX_META_BYTES)."""
    meta = _Meta()
    side = path.with_name(path.stem + ".meta.json")
    name = shown(side.name)
    try:
        data = _read_regular(side, MAX_META_BYTES)
    except FileNotFoundError:
        return meta
    except _NotRegular:
        meta.problems.append(f"{name} is not a regular file; metadata ignored")
        return meta
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.ENOTDIR):  # no such sidecar can exist
            return meta
        meta.problems.append(f"{name} cannot be read ({exc.strerror or exc}); metadata ignored")
        return meta
    if len(data) > MAX_META_BYTES:
        meta.problems.append(f"{name} is too large for metadata (> {MAX_META_BYTES // 1024} KB); metadata ignored")
        return meta
    try:
        raw = json.loads(_decode(data))
    except RecursionError:
        meta.problems.append(f"{name} is nested too deeply; metadata ignored")
        return meta
    except ValueError as exc:
        meta.problems.append(f"{name} is not valid JSON ({_first_line(exc)}); metadata ignored")
        return meta
    if not isinstance(raw, dict):
        meta.problems.append(f"{name} is not a JSON object; metadata ignored")
        return meta
    meta.values = {k: raw.get(k) for k in META_KEYS if raw.get(k) is not None}
    return meta


def _typed(values: dict, problems: list[str]) -> dict:
    """The metadata values that are text; any other type (a list as a title, a number as an outlet) is
    reported and ignored, never written as its Python repr."""
    out = {}
    for k, v in values.items():
        if isinstance(v, str):
            out[k] = v
        elif k == "published":
            out[k] = v  # _parse_date reports it
        else:
            kind = {list: "a list", dict: "an object", bool: "a boolean", int: "a number", float: "a number"}.get(
                type(v), type(v).__name__)
            problems.append(f"{k!r} is {kind}, not text; ignored")
    return out


def _make_article(aid: str, source: str, text: str, values: dict, problems: list[str]) -> Article | ArticleProblem:
    text = text.replace("\x00", "").strip("\ufeff")
    values = _typed(values, problems)
    if not text.strip():
        return ArticleProblem(source, "empty article (no text)")
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > LONG_LINE and not re.search(r"[.!?](?:\s|$)", text[:LONG_LINE * 5]):
        problems.append(f"a line of {longest:,} characters has no sentence end; it is read in pieces")
    meta = _Meta(values, problems)
    published = _parse_date(values.get("published"), source, meta)
    given = values.get("language")
    if given is not None and given.strip():  # (a blank language is no language: the text tells)
        lang = language_tag(given)
        if lang is None:
            return ArticleProblem(source, f"language {given[:20]!r} is not read (only {', '.join(LANGUAGES)})")
    else:
        lang = detect_language(text)
        if lang == UNDETERMINED:
            return ArticleProblem(source, "language cannot be told from so little text; state it "
                                          "(\"language\": \"en\" in the metadata)")
    if lang not in LANGUAGES:
        return ArticleProblem(source, f"detected language {lang!r} is not read (only {', '.join(LANGUAGES)})")
    return Article(aid, source, text, lang, values.get("title"), values.get("url"), published, values.get("outlet"))


def read_file(path: Path, aid: str | None = None) -> Iterator[Article | ArticleProblem]:
    """The articles in one file (several for .jsonl), or the problems met.

    `aid` is the article's id (for .jsonl the prefix of its lines' ids); by default the slug of the file's stem.
    """
    path = Path(path)
    source = shown(path)
    aid = aid or slug(shown(path.stem))
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            fh = _open_regular(path)
            meta = read_meta(path)
            for p in meta.problems:
                yield ArticleProblem(source, p, skipped=False)
            with fh:
                yield from _read_jsonl(fh, source, aid)
            return
        data = _read_regular(path, MAX_BYTES)
    except _NotRegular:
        yield ArticleProblem(source, "not a regular file (a pipe, device or socket); not read")
        return
    except OSError as exc:
        yield ArticleProblem(source, f"cannot be read ({exc.strerror or exc})")
        return
    if len(data) > MAX_BYTES:
        size = path.stat().st_size
        yield ArticleProblem(source, f"file too large for an article ({size / 1e6:.0f} MB > "
                                     f"{MAX_BYTES / 1e6:.0f} MB); split it, or give one article per line in .jsonl")
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
        depth = html_depth(text)
        if depth > MAX_HTML_DEPTH:
            # the HTML parser's work grows with the square of the nesting: such a page is read as plain text
            yield ArticleProblem(source, f"HTML nested {depth:,} levels deep; read as plain text", skipped=False)
            text, title = html_as_plain_text(text), None
        else:
            text, title = html_to_text(text)
        if title and "title" not in values:
            values["title"] = title
    elif suffix == ".md":
        text = markdown_to_text(text)
    problems: list[str] = []
    art = _make_article(aid, source, text, values, problems)
    for p in problems:
        yield ArticleProblem(source, p, skipped=False)
    yield art


def _read_jsonl(fh, name: str, prefix: str) -> Iterator[Article | ArticleProblem]:
    """One article per line, streamed: a batch file may be large, each line may not."""
    n = 0
    while True:
        raw = fh.readline(MAX_BYTES + 1)
        if not raw:
            return
        n += 1
        source = f"{name}:{n}"
        if len(raw) > MAX_BYTES:
            while raw and not raw.endswith(b"\n"):  # the rest of the long line
                raw = fh.readline(MAX_BYTES)
            yield ArticleProblem(source, f"line too large for an article (> {MAX_BYTES / 1e6:.0f} MB)")
            continue
        line = _decode(raw).strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except RecursionError:
            yield ArticleProblem(source, "line is nested too deeply to be an article")
            continue
        except ValueError as exc:
            yield ArticleProblem(source, f"line is not valid JSON ({str(exc)[:60]})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield ArticleProblem(source, "line has no 'text' string")
            continue
        problems: list[str] = []
        values = {k: obj[k] for k in META_KEYS if obj.get(k) is not None}
        given = obj.get("id")
        if isinstance(given, bool) or not isinstance(given, str | int | type(None)):
            problems.append("'id' is not text or a number; ignored")
            given = None
        aid = slug(str(given)) if given not in (None, "") else f"{prefix}-{n}"
        art = _make_article(aid, source, obj["text"], values, problems)
        for p in problems:
            yield ArticleProblem(source, p, skipped=False)
        yield art


# ------------------------------------------------------------------ finding the files


@dataclass(frozen=True)
class _Found:
    path: Path
    rel: str  # the path relative to the folder given (the file name for a file given by name), as text


def _target(link: Path) -> str:
    try:
        return shown(os.readlink(link))[:200]
    except OSError:
        return "?"


def _walk(root: Path, problems: list[ArticleProblem]) -> list[_Found]:
    """The article files under a folder, each folder read once (links to folders are followed last, so that
    a folder is known by its real place); what cannot be read is a problem, never silence."""
    found: list[_Found] = []
    try:
        st = os.stat(root)
        seen = {(st.st_dev, st.st_ino)}
    except OSError:
        seen = set()
    pending = [(root, "")]
    links: list[tuple[Path, str]] = []
    while pending or links:
        if not pending:
            links.sort(key=lambda x: x[1])
            link, rel = links.pop(0)
            try:
                st = os.stat(link)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in seen:
                problems.append(ArticleProblem(shown(link), "link to a folder already read; not followed",
                                               skipped=False))
                continue
            seen.add((st.st_dev, st.st_ino))
            pending.append((link, rel))
            continue
        folder, rel_folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            problems.append(ArticleProblem(shown(folder), f"folder cannot be read ({exc.strerror or exc}); "
                                                          f"its articles are skipped"))
            continue
        subfolders = []
        for e in entries:
            if e.name.startswith("."):
                continue
            path = Path(e.path)
            rel = f"{rel_folder}{shown(e.name)}"
            is_article = Path(e.name).suffix.lower() in SUFFIXES
            try:
                is_link = e.is_symlink()
                st = os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    problems.append(ArticleProblem(shown(path), "link loop (the link leads back to itself)",
                                                   skipped=is_article))
                elif exc.errno == errno.ENOENT and is_link:
                    problems.append(ArticleProblem(shown(path), f"dangling link (to {_target(path)}, which does "
                                                                f"not exist)", skipped=is_article))
                else:
                    problems.append(ArticleProblem(shown(path), f"cannot be read ({exc.strerror or exc})",
                                                   skipped=is_article))
                continue
            if stat.S_ISDIR(st.st_mode):
                if is_link:
                    links.append((path, rel + "/"))
                elif (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    subfolders.append((path, rel + "/"))
            elif is_article:
                if stat.S_ISREG(st.st_mode):
                    found.append(_Found(path, rel))
                else:
                    problems.append(ArticleProblem(shown(path), "not a regular file (a pipe, device or socket); "
                                                                "not read"))
        pending.extend(reversed(subfolders))
    return sorted(found, key=lambda f: f.rel.split("/"))


def _scan(paths: Iterable[str | Path]) -> tuple[list[_Found], list[ArticleProblem]]:
    found: list[_Found] = []
    problems: list[ArticleProblem] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise CorpusError(f"{shown(path)}: no such file or folder")
        if path.is_dir():
            here: list[ArticleProblem] = []
            files = _walk(path, here)
            if not files and not here:
                raise CorpusError(f"{shown(path)}: folder holds no articles ({', '.join(SUFFIXES)})")
            found.extend(files)
            problems.extend(here)
        else:
            found.append(_Found(path, shown(path.name)))
    return found, problems


def _base_id(rel: str) -> str:
    """`2024/report.txt` -> `2024/report`: each folder and the file's stem as a slug."""
    *folders, name = rel.split("/")
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return "/".join([slug(x) for x in folders] + [slug(stem)])


def article_ids(found: list[_Found]) -> list[str]:
    """A distinct id per file: the slug of its path relative to the folder given (the stem alone in a flat
    folder, so `ots_diaspora_en.txt` is `ots-diaspora-en`); files whose slugs meet (`report.txt` and
    `report.md`, or the same name given from two folders) all get a short hash of their path added."""
    base = [_base_id(f.rel) for f in found]
    count = Counter(base)
    ids = [b if count[b] == 1 else f"{b}-{digest(f.rel, length=8)}" for b, f in zip(base, found, strict=True)]
    count = Counter(ids)
    return [i if count[i] == 1 else f"{b}-{digest(shown(f.path), length=8)}"
            for i, b, f in zip(ids, base, found, strict=True)]


def article_files(paths: Iterable[str | Path]) -> list[Path]:
    """The article files under the given files and folders, sorted; raises CorpusError for a bad path."""
    return [f.path for f in _scan(paths)[0]]


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | ArticleProblem]:
    """Stream the articles (and problems) of files and folders, one file at a time.

    Every article gets an id of its own: the same id met twice (two .jsonl lines with the same "id")
    is made distinct and reported.
    """
    found, problems = _scan(paths)
    yield from problems
    seen: set[str] = set()
    for f, aid in zip(found, article_ids(found), strict=True):
        if f.path.suffix.lower() not in SUFFIXES:
            yield ArticleProblem(shown(f.path), f"unsupported file type {shown(f.path.suffix) or '(none)'!r}")
            continue
        for item in read_file(f.path, aid):
            if isinstance(item, Article):
                if item.id in seen:
                    new = f"{item.id}-{digest(item.source, length=8)}"
                    yield ArticleProblem(item.source, f"id {item.id!r} is already used by another article; "
                                                      f"read as {new!r}", skipped=False)
                    item = Article(new, *[getattr(item, k) for k in
                                          ("source", "text", "lang", "title", "url", "published", "outlet")])
                seen.add(item.id)
            yield item
