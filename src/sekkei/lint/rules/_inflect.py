"""English singular and plural forms, to match ``user_id`` with a table ``users`` (or ``user``).

Good enough for table names, not a grammar: regular endings plus the irregular
nouns that turn up in schemas.  Only lower-case ASCII words are inflected;
anything else (Japanese table names) is returned unchanged.
"""

from __future__ import annotations

from functools import cache

_IRREGULAR: dict[str, str] = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
    "ox": "oxen",
    "datum": "data",
    "medium": "media",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "index": "indices",
    "matrix": "matrices",
    "vertex": "vertices",
    "appendix": "appendices",
    "analysis": "analyses",
    "axis": "axes",
    "crisis": "crises",
    "thesis": "theses",
    "diagnosis": "diagnoses",
    "leaf": "leaves",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "half": "halves",
    "shelf": "shelves",
    "quiz": "quizzes",
    "cactus": "cacti",
    "alumnus": "alumni",
    "syllabus": "syllabi",
}
_SINGULAR = {plural: singular for singular, plural in _IRREGULAR.items()}
# words whose plural is the same, or that end in "s" in the singular
_INVARIANT = frozenset(
    "series species news data info information equipment metadata media sheep fish deer "
    "staff feedback software hardware inventory".split()
)
_SINGULAR_S = frozenset("status bus campus virus alias address process access class gas bonus census".split())
_VOWELS = frozenset("aeiou")
# singular nouns ending in "ie": movies → movie, not movy
_IE = frozenset("movie cookie pie tie zombie calorie selfie rookie genie brownie hoodie smoothie lie".split())


@cache
def plural(word: str) -> str:
    """``category`` → ``categories``, ``address`` → ``addresses``, ``person`` → ``people``."""
    if not word.isascii() or not word.isalpha() or not word.islower():
        return word
    if word in _INVARIANT:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


@cache
def singular(word: str) -> str:
    """``categories`` → ``category``, ``addresses`` → ``address``, ``people`` → ``person``."""
    if not word.isascii() or not word.isalpha() or not word.islower():
        return word
    if word in _INVARIANT or word in _SINGULAR_S or word in _IRREGULAR:
        return word
    if word in _SINGULAR:
        return _SINGULAR[word]
    if word.endswith("ies") and word[:-1] in _IE:
        return word[:-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zzes", "ches", "shes")) or (
        word.endswith("ses") and word[:-2] in _SINGULAR_S
    ):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word

