"""Sentences, tokens and mentions, and the abstract form the relation rules read.

A sentence's mentions (states, organisations, persons, roles, places, money,
dates ...) are replaced by placeholders such as ``\ue000S3\ue001`` so that a
relation rule is a short regular expression over the shape of the sentence
(``{S:of}'s {R:role} {P:person}``) rather than over its words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, overload

OPEN, CLOSE = "\ue000", "\ue001"

#: one letter per mention kind, used in placeholders and rule templates
KIND_LETTER = {
    "state": "S", "organisation": "O", "person": "P", "role": "R", "place": "L", "demonym": "D",
    "observance": "V", "programme": "G", "money": "M", "date": "T",
}

UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
UP = f"[{re.escape(UPPER)}]"
_ABBREV = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col capt prof hon no vs jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n e.g i.e inc ltd co corp jr sr mt ft m mme mm dept est approx fig etc".split()
)

#: the end of a sentence: a run of terminators (matched once from its first character, never backtracked into:
#: linear time on a line of ten thousand dots), closing quotes, then space and the next sentence's first letter
_SENT_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”»’)\]]*+(?=\s+[\"“«(\[]?[\w\u00C0-\u024F$€£])")
_WORD = re.compile(r"\w+(?:[-.]\w+)*")
_LAST_WORD = re.compile(r"([\w.]+)$")


@dataclass
class Mention:
    start: int  # in the sentence
    end: int
    kind: str  # a key of KIND_LETTER
    surface: str
    ref: Any = None  # facts.Ref for entities; values.Money / values.DateMention for values
    rule: str = "gazetteer"
    form: str = "name"  # name, acronym, former, demonym
    extra: tuple[tuple[str, str], ...] = ()  # e.g. an embassy's (("country", "AZE"), ("accreditedTo", "USA"))


@dataclass
class Sentence:
    text: str
    start: int  # offset in the article
    index: int
    paragraph: int
    mentions: list[Mention] = field(default_factory=list)
    _abstract: str | None = None
    _map: list[int] | None = None

    # ---- mentions
    def add(self, m: Mention) -> bool:
        """Add a mention unless it overlaps one already there; True if added."""
        # the mentions are kept in order of start, without overlaps: only the neighbours can overlap
        i = bisect.bisect_left(self.mentions, m.start, key=lambda x: x.start)
        for o in self.mentions[max(0, i - 1):i + 1]:
            if m.start < o.end and o.start < m.end:
                return False
        self.mentions.insert(i, m)
        self._abstract = None
        return True

    def replace(self, m: Mention) -> None:
        """Add a mention, dropping those it covers (a composite name wins over its parts)."""
        self.mentions = [o for o in self.mentions if o.end <= m.start or o.start >= m.end]
        self.mentions.append(m)
        self.mentions.sort(key=lambda x: x.start)
        self._abstract = None

    def of_kind(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    # ---- abstract form
    @property
    def abstract(self) -> str:
        if self._abstract is None:
            out: list[str] = []
            cmap: list[int] = []
            pos = 0
            for i, m in enumerate(self.mentions):
                chunk = self.text[pos : m.start]
                out.append(chunk)
                cmap.extend(range(pos, m.start))
                ph = f"{OPEN}{KIND_LETTER[m.kind]}{i}{CLOSE}"
                out.append(ph)
                cmap.extend([m.start] * (len(ph) - 1) + [m.end - 1])
                pos = m.end
            out.append(self.text[pos:])
            cmap.extend(range(pos, len(self.text)))
            cmap.append(len(self.text))
            self._abstract = "".join(out)
            self._map = cmap
        return self._abstract

    def span(self, a_start: int, a_end: int) -> tuple[int, int]:
        """Sentence offsets of a span of the abstract form."""
        _ = self.abstract
        assert self._map is not None
        if a_end <= a_start:
            return self._map[a_start], self._map[a_start]
        return self._map[a_start], self._map[a_end - 1] + 1

    @overload
    def mention(self, group: str) -> Mention: ...

    @overload
    def mention(self, group: None) -> None: ...

    @overload
    def mention(self, group: str | None) -> Mention | None: ...

    def mention(self, group: str | None) -> Mention | None:
        """The mention a rule's captured index points to (None for a group that did not take part)."""
        if group is None:
            return None
        return self.mentions[int(group)]


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence; a quotation is never cut in two.

    >>> t = 'He said: “We agree. We sign.” Then he left.'
    >>> [t[s:e] for s, e, _ in split_sentences(t)]
    ['He said: “We agree. We sign.”', 'Then he left.']
    """
    out: list[tuple[int, int, int]] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        cut = 0
        depth = 0
        straight = False
        i = 0
        # quote depth at each sentence-end candidate
        ends = {m.end(): m.start() for m in _SENT_END.finditer(line)}
        while i < len(line):
            ch = line[i]
            if ch in "“«":
                depth += 1
            elif ch in "”»":
                depth = max(0, depth - 1)
            elif ch == '"':
                straight = not straight
            i += 1
            if i in ends and depth == 0 and not straight:
                # the word before the full stop, read from a bounded window (not the whole line: linear time)
                before = line[max(0, ends[i] - 40):ends[i]]
                word = _LAST_WORD.search(before)
                w = word.group(1).lower() if word else ""
                if line[ends[i]] == "." and (w in _ABBREV or (len(w) == 1 and w.isalpha())):
                    continue
                if line[ends[i]] == "." and re.fullmatch(r"(?:\w\.)+\w", w):
                    continue
                _emit(out, line, lstart, cut, i, para)
                cut = i
        _emit(out, line, lstart, cut, len(line), para)
        para += 1
    return out


#: longer "sentences" (a page without full stops) are cut at spaces, so that no rule runs on megabytes
MAX_SENTENCE = 2_000


def _emit(out: list, line: str, lstart: int, a: int, b: int, para: int) -> None:
    seg = line[a:b]
    stripped = seg.strip()
    if not stripped:
        return
    lead = len(seg) - len(seg.lstrip())
    start, end = lstart + a + lead, lstart + a + lead + len(stripped)
    while end - start > MAX_SENTENCE:
        cut = stripped.rfind(" ", 0, MAX_SENTENCE)
        cut = cut if cut > 0 else MAX_SENTENCE
        out.append((start, start + cut, para))
        rest = stripped[cut:]
        start += cut + (len(rest) - len(rest.lstrip()))
        stripped = rest.lstrip()
    if stripped:
        out.append((start, end, para))


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def in_quotation(before: str) -> bool:
    """A quotation opened in `before` (the text up to a point) is not closed yet: the point is in quoted words.

    >>> in_quotation('He said: “We agree'), in_quotation('He said: “We agree.” Then')
    (True, False)
    """
    return before.count("“") > before.count("”") or before.count("«") > before.count("»") or before.count('"') % 2 == 1


def is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


#: the words between a title and the state it is of ("President of", "ministre du")
OF_WORDS = re.compile(r"^\s*(?:of(?: the)?|du|de(?: la)?|de l['’]|d['’]|des)\s*$", re.I)
_POSSESSIVE = re.compile(r"^(?:['’]s?)?\s*$")


def post_country(s: Sentence, i: int) -> bool:
    """A state named as the country of a post ("President of Russia", "US President", "X du Togo") is not
    itself said to belong to anything, nor the state of another post."""
    m = s.mentions[i]
    if i > 0 and s.mentions[i - 1].kind in ("role", "person") and OF_WORDS.match(s.text[s.mentions[i - 1].end:m.start]):
        return True
    nxt = s.mentions[i + 1] if i + 1 < len(s.mentions) else None
    return bool(nxt and nxt.kind == "role" and _POSSESSIVE.match(s.text[m.end:nxt.start]))
