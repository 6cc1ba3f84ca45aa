"""Attendees' text made comparable: normalised, split into tokens, stemmed and spell-corrected."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import snowballstemmer
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import extract

_stemmer = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")  # "camera-ready" is "camera ready"
_BRITISH = re.compile(r"(?:is|ys)(?=ation|ations|e|ed|es|er|ers|ing)$")
_CONTRACTIONS = [
    (re.compile(r"\b(can)'?t\b"), r"\1 not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"\b(what|when|where|who|how|it|that|there|here|why)'s\b"), r"\1 is"),
    (re.compile(r"\b(i|you|we|they|he|she)'d\b"), r"\1 would"),
]


def fold(text: str) -> str:
    """Lower case, plain quotes and dashes, accents kept (Zürich stays Zürich)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return (
        text.replace("’", "'")
        .replace("‘", "'")
        .replace("`", "'")
        .replace("“", '"')
        .replace("”", '"')
        .replace("–", "-")
        .replace("—", "-")
    )


def strip_accents(word: str) -> str:
    if word.isascii():
        return word
    word = word.replace("ß", "ss")  # "Straße", "weiß": no accent to take off, a letter to spell
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def expand(text: str) -> str:
    if "'" not in text and "nt" not in text:  # no contraction to expand: "can't", "wont"
        return text
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def words(text: str) -> list[str]:
    """The words of already folded text, possessive 's removed."""
    out = []
    for token in _TOKEN.findall(strip_accents(text)):
        token = token.replace("’", "'")
        if token.endswith("'s"):
            token = token[:-2]
        out.append(token.strip("'"))
    return [token for token in out if token]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's stem, with British and American spellings made one (organise, organize)."""
    word = _BRITISH.sub(lambda m: m[0].replace("is", "iz").replace("ys", "yz"), word)
    stemmed = _stemmer.stemWord(word).replace("iz", "is").replace("yz", "ys")
    # "publication" is not "public", nor "application" "applicable": the noun keeps its "at"
    return stemmed + "at" if word.endswith(("ication", "ications")) else stemmed


def find_phrase(tokens: Sequence[str], phrase: Sequence[str]) -> int:
    """Where the words of `phrase` first stand together in `tokens`; -1 if nowhere."""
    if phrase and phrase[0] not in tokens:  # most phrases looked for are not there at all
        return -1
    wanted, size = tuple(phrase), len(phrase)
    for start in range(len(tokens) - size + 1):
        if tuple(tokens[start : start + size]) == wanted:
            return start
    return -1


def has_any(tokens: Sequence[str], phrases: Iterable[Sequence[str]]) -> bool:
    """Whether one of `phrases` stands in `tokens` ("bis wann" of the ways to ask until when)."""
    return any(find_phrase(tokens, phrase) >= 0 for phrase in phrases)


def denies(said: Iterable[str], negations: Collection[str]) -> bool:
    """Whether words say "not": one of `negations` ("nicht", "only"), or one ending in "n't"."""
    return any(word in negations or word.endswith("n't") for word in said)


def stems(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(stem(token) for token in tokens)


@dataclass(frozen=True)
class Speller:
    """Corrects a word to the closest known one, when it is close enough to be a typo."""

    known: frozenset[str]
    by_initial: dict[str, tuple[str, ...]]  # the words a typo may be corrected to, by first letter
    # small words that carry no meaning of their own ("teh" is "the"): a short word only may
    # be corrected to one ("recording" is no misspelt "regarding")
    small_by_initial: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, known: set[str], candidates: Iterable[str], small: Iterable[str] = ()) -> Speller:
        return cls(frozenset(known), _by_initial(candidates), _by_initial(small))

    def correct(self, word: str) -> str:
        if word in self.known or len(word) < 4 or word.isdigit():
            return word
        pool = self.by_initial.get(word[0], ())
        if len(word) <= SMALL:
            pool += self.small_by_initial.get(word[0], ())
        return _closest(word, pool)


SMALL = 5  # letters: a word this short may be a typo of a filler word


def _by_initial(candidates: Iterable[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for word in candidates:
        if len(word) >= 3:
            found.setdefault(word[0], []).append(word)
    return {k: tuple(v) for k, v in found.items()}


@lru_cache(maxsize=65536)
def _closest(word: str, candidates: tuple[str, ...]) -> str:
    """The closest candidate within a typo's distance; a typo keeps the first letter."""
    limit = 1 if len(word) < 8 else 2
    found = extract(
        word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None
    )
    if not found:
        return word

    def rank(item: tuple[str, int, int]) -> tuple[int, int, int]:
        match, distance = item[0], item[1]
        prefix = next(
            (i for i, (a, b) in enumerate(zip(match, word, strict=False)) if a != b),
            min(len(match), len(word)),
        )
        return distance, -prefix, abs(len(match) - len(word))

    return min(found, key=rank)[0]


def named_by(
    asked: Collection[str], names: Sequence[str], generic: Collection[str] = ()
) -> tuple[int, list[int]]:
    """Which of `names` the asked stems name by words only they have (and not `generic`): the
    count of such words of the best, and the indices of those with that count ([] for none)."""
    own = [stem_set(name) - set(generic) for name in names]
    scores = []
    for index, mine in enumerate(own):
        others = set().union(*(o for i, o in enumerate(own) if i != index))
        scores.append(len((mine - others) & set(asked)))
    best = max(scores, default=0)
    return best, [i for i, score in enumerate(scores) if best and score == best]


#: what numbers one of several things in its name: "Session 2", "Track B"
_NUMBER = re.compile(r"\d{1,3}")
_LETTER = re.compile(r"[a-z]")


def numbered(asked: Sequence[str], names: Sequence[str], *, letters: bool = False) -> list[int]:
    """The names that a word and its number in the question name ("session 2", "sessions 2
    and 3"; "Sitzung 2" in its English; with `letters`, "track B" too): those with the same
    word followed by the same number or letter. "Session 2" is not "Session 6, part 2"."""
    pairs = labels(asked, letters=letters)
    if not pairs:
        return []
    found = []
    for i, name in enumerate(names):
        tokens = stems(words(fold(name)))
        if pairs & set(pairwise(tokens)):
            found.append(i)
    return found


def labels(asked: Sequence[str], *, letters: bool = False) -> set[tuple[str, str]]:
    """Each word with the number (or letter) that follows it in the question: ("session",
    "2"), ("track", "b"); "sessions 2 and 3" gives both."""
    label = _LETTER if letters else _NUMBER
    pairs = set()
    for at, (word, after) in enumerate(pairwise(asked)):
        if not label.fullmatch(after) or label.fullmatch(word):
            continue
        pairs.add((word, after))
        # "sessions 2 and 3", "Sitzung 1, 2 oder 3": more labels, short words between them
        for more in asked[at + 2 :]:
            if label.fullmatch(more):
                pairs.add((word, more))
            elif len(more) > 4:
                break
    return pairs


def of_a_kind(
    asked: Collection[str], titles: Sequence[str], generic: Collection[str] = ()
) -> list[int]:
    """The indices of the titles of the kind asked: whose kind (the words before a colon, or
    all of them) has an asked word that some titles' kinds have, not all ("the keynotes",
    "the exercises"; not the "labels" of a subtitle)."""
    kinds = [kind_of(title) - set(generic) for title in titles]
    shared = {w for w in asked if 0 < sum(w in kind for kind in kinds) < len(kinds)}
    return [i for i, kind in enumerate(kinds) if kind & shared]


def kind_of(title: str) -> frozenset[str]:
    """The stems of what kind of session a title names: its words before a colon, or all of
    them ("Keynote: Spiders in amber": keynote)."""
    return stem_set(title.split(":", 1)[0])


@lru_cache(maxsize=65536)
def stem_set(text: str) -> frozenset[str]:
    """The stems of a name or title as written (cached: the events' own texts are asked for
    again and again)."""
    return frozenset(stems(words(fold(text))))


#: What German and Dutch put between the parts of a compound ("Anmelde-s-schluss").
_LINKS = ("", "s", "es", "n", "en", "e", "er")


def unlinked(word: str, glossary: dict[str, tuple[str, ...]]) -> str:
    """A compound's first part as written before a hyphen ("Eröffnungs-Keynote"), without its
    linking letters, when that is a word of the glossary; else the word."""
    for link in _LINKS[1:]:
        if len(word) - len(link) >= 4 and word.endswith(link) and word[: -len(link)] in glossary:
            return word[: -len(link)]
    return word


def rejoined(found: list[str], known: frozenset[str], markers: frozenset[str]) -> list[str]:
    """A verb whose particle the infinitive's marker stands in or beside, as one known word:
    "anzumelden" is "anmelden", "aan te melden" is "aanmelden"."""
    out: list[str] = []
    i = 0
    while i < len(found):
        word = found[i]
        if word in markers and out and i + 1 < len(found) and out[-1] + found[i + 1] in known:
            out[-1] += found[i + 1]
            i += 2
            continue
        if word not in known and len(word) >= 7:
            for marker in sorted(markers):
                at = word.find(marker, 2)
                if at > 0 and word[:at] + word[at + len(marker) :] in known:
                    word = word[:at] + word[at + len(marker) :]
                    break
        out.append(word)
        i += 1
    return out


def reunited(found: list[str], known: frozenset[str], particles: frozenset[str]) -> list[str]:
    """A verb whose particle stands apart at the clause's end, as its one known word: "Wann
    reist man an?" is "anreisen", "Hoe meld ik me aan?" "aanmelden"; the earliest word that
    makes one with it, in its form or its infinitive's."""
    if len(found) < 2 or found[-1] not in particles:
        return found
    particle = found[-1]
    for i, word in enumerate(found[:-1]):
        cores = [word, *(word[: -len(end)] for end in ("t", "st", "e") if word.endswith(end))]
        for core in cores:
            for joined in (f"{particle}{core}en", f"{particle}{core}n", f"{particle}{core}"):
                if len(core) >= 2 and joined in known:
                    return [*found[:i], joined, *found[i + 1 : -1]]
    return found


#: a year as attendees and organisers write one: "2024", "1999"
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def years(tokens: Iterable[str]) -> set[int]:
    """The years among a question's words."""
    return {int(token) for token in tokens if YEAR.fullmatch(token)}


def split_compound(
    word: str, known: frozenset[str], short: Collection[str] = ()
) -> list[str] | None:
    """A compound made of two known words of four letters or more, the first perhaps with a
    linking letter or two, the second perhaps one of the `short` words ("Abschlusstag": tag);
    None when the word is known or no such split exists."""
    if word in known or len(word) < 7 or not word.isalpha():
        return None
    for first, tail in _cuts(word):
        if tail in known and (len(tail) >= 4 or tail in short) and first in known:
            return [first, tail]
    return None


def split_by_cognate(
    word: str,
    known: frozenset[str],
    cognate: Callable[[str], str | None],
    ends: Collection[str] = (),
) -> list[str] | None:
    """A compound no one knows, of a known word and a `cognate` of another, either way round
    ("Institutionslizenz": institutions and the events' "licence"; "congrescentrum"), or of a
    cognate and one of the words it may also `end` in ("Institutslizenz"): its parts, the
    cognate's as the word it is a cognate of; None when it is no such one."""
    if len(word) < 10 or not word.isalpha():
        return None
    for first, tail in _cuts(word):
        ending = tail in known or (first not in known and tail in ends)
        if len(first) < 5 or len(tail) < 5 or (first in known) == ending:
            continue
        other = cognate(tail if first in known else first)
        if other is not None:
            return [first, other] if first in known else [other, tail]
    return None


def head_of(word: str, own: Collection[str], known: frozenset[str]) -> str | None:
    """The events' `own` word a compound no one knows ends in, which it is a kind of
    ("veiligheidstraining", "Sicherheitstraining": a training), the longest such; the rest,
    a word no one knows, can match no fact. None when it is no such compound."""
    if len(word) < 10 or not word.isalpha():
        return None
    found = None
    for first, tail in _cuts(word):
        if len(tail) >= 5 and tail in own and first not in known:
            found = tail
    return found


def _cuts(word: str) -> Iterator[tuple[str, str]]:
    """Each way to cut a word in two, the shortest second part first, the first part also
    without a linking letter or two ("Anmelde-s-schluss")."""
    for cut in range(len(word) - 3, 3, -1):
        head, tail = word[:cut], word[cut:]
        for link in _LINKS:
            if head.endswith(link) and len(head) - len(link) >= 4:
                yield head.removesuffix(link) if link else head, tail
