"""The one Thai analysis of every search path (decision 022).

Thai puts no spaces between words, and each engine and database splits text its own
way, so the same query gave three answers. Here, in Python and nowhere else, text
becomes the words that are indexed and a query the words that are looked for:

- normalised: NFC, zero-width characters removed, Thai digits as Arabic ones (๕ is 5),
  lower case, English words stripped of their plural and -ing/-ed endings;
- Thai runs segmented by PyThaiNLP (newmm, offline) with its word list plus our own
  (search/thai_words/: municipal vocabulary, and loanwords that are never split);
- for the index, each compound is followed by the dictionary words it is made of
  (ตลาดนัด ตลาด นัด), so a word inside a compound is found;
- no stop words are removed: a query of common words (ไม่มี, ทุกวัน) is a query.

The engines get these words joined by spaces and analyse them with a whitespace
tokenizer only; the database backends get the same string (search/backends/). A query
matches a text that has every one of its words (search/public.py, search/queries.py).
"""

import html
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from pythainlp.corpus.common import thai_words
from pythainlp.corpus.tnc import word_freqs
from pythainlp.tokenize import word_tokenize
from pythainlp.tokenize.tcc import tcc_pos
from pythainlp.util import dict_trie

WORD_LISTS = Path(__file__).with_name("thai_words")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A word: a run of Thai letters, vowels and marks (to be segmented), a number (with
# its decimal point; thousands separators are dropped), or a run of other letters.
_TOKEN = re.compile(r"(?P<thai>[\u0e01-\u0e4e]+)|(?P<number>\d+(?:[.,]\d+)*)|[^\W\d_]+")
# Not words: Thai repetition and abbreviation marks.
_NOT_WORDS = {"ๆ", "ฯ", "ฯลฯ"}


def normalise(text):
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    return text.translate(_THAI_DIGITS).lower()


def query_words(text):
    """The words a query looks for, in order.

    >>> query_words("ไฟส่องสว่าง ซอย ๕ Lights")
    ['ไฟ', 'ส่อง', 'สว่าง', 'ซอย', '5', 'light']
    """
    return [word for word, _start, _end in _words_with_spans(normalise(text))]


def index_words(text):
    """The words indexed for a text: query_words(), each compound followed by its parts."""
    indexed = []
    for word in query_words(text):
        indexed.append(word)
        indexed.extend(inner_words(word))
    return indexed


def query_text(text):
    return " ".join(query_words(text))


def index_text(text):
    return " ".join(index_words(text))


def _words_with_spans(text):
    for match in _TOKEN.finditer(text):
        if match.group("thai"):
            start = match.start()
            for part in _split(match.group()):
                end = start + len(part)
                if part.strip() and part not in _NOT_WORDS:
                    yield part, start, end
                start = end
        elif match.group("number"):
            yield match.group().replace(",", ""), match.start(), match.end()
        else:
            yield stem(match.group()), match.start(), match.end()


def stem(word):
    """An English word without its plural or -ing/-ed ending: lights, lighting -> light.

    A few rules, not a full stemmer: they only need to cut a word in a text and in a
    query alike, and the engine and the databases no longer stem on their own.
    """
    if not word.isascii() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "uses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    for ending in ("ing", "ed"):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 3 and re.search("[aeiouy]", base):
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # running -> run
            return base
    return word


@lru_cache(maxsize=10_000)
def _split(run):
    return tuple(
        word_tokenize(run, custom_dict=dictionary(), engine="newmm", keep_whitespace=False)
    )


def inner_words(word):
    """The dictionary words `word` is made of, and theirs in turn: ริมหาด gives ริม, หาด."""
    found = []
    _collect_inner(word, found)
    return found


def _collect_inner(word, found):
    for part in _parts(word):
        if part not in found:
            found.append(part)
            _collect_inner(part, found)


@lru_cache(maxsize=50_000)
def _parts(word):
    """The fewest dictionary words that spell `word` and are each more common than it.

    A compound is rarer than its parts (ริมหาด, beachside, than ริม and หาด), while a
    plain word is more common than fragments that happen to spell it (อาหาร, food, than
    อา and หาร), so it is not split; a loanword is never split (ไวไฟ is not ไว + ไฟ).
    Frequencies are the Thai National Corpus's; parts end where Thai letters can
    (character clusters), never inside a syllable's vowels.
    """
    if word in loanwords() or not _TOKEN.fullmatch(word) or not word[0] >= "\u0e01":
        return ()
    frequency = _frequencies()
    floor = frequency.get(word, 0)
    ends = tcc_pos(word) | {len(word)}
    fewest = {0: ()}  # position -> the fewest parts that spell word[:position]
    trie = dictionary()
    for start in range(len(word)):
        if start not in fewest:
            continue
        for part in trie.prefixes(word[start:]):
            end = start + len(part)
            if part == word or end not in ends or frequency.get(part, 0) <= floor:
                continue
            if end not in fewest or len(fewest[start]) + 1 < len(fewest[end]):
                fewest[end] = (*fewest[start], part)
    return fewest.get(len(word), ())


def _word_list(name):
    lines = (WORD_LISTS / name).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@cache
def loanwords():
    return frozenset(_word_list("loanwords.txt"))


@cache
def dictionary():
    """PyThaiNLP's word list, our municipal vocabulary and our loanwords, as one trie."""
    return dict_trie(set(thai_words()) | _word_list("municipal.txt") | loanwords())


@cache
def _frequencies():
    return dict(word_freqs())


def highlight(text, query, length=160):
    """`text` HTML-escaped around its first word the query looks for, each such word
    in <mark>: the words as the index saw them, not letters inside other words.

    Returns None when no word of the text is one of the query's.
    """
    wanted = set(query_words(query))
    if not text or not wanted:
        return None
    # normalise() keeps the length of a text of composed characters, the usual case;
    # otherwise offsets may be off by a character or two, harmless in a snippet.
    spans = [
        (start, end)
        for word, start, end in _words_with_spans(normalise(text))
        if word in wanted or wanted & set(inner_words(word))
    ]
    if not spans:
        return None
    first = max(0, spans[0][0] - length // 3)
    last = min(len(text), first + length)
    out, at = [], first
    for start, end in spans:
        if start < at or end > last:
            continue
        out += [html.escape(text[at:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        at = end
    out.append(html.escape(text[at:last]))
    prefix, suffix = ("…" if first else ""), ("…" if last < len(text) else "")
    return prefix + "".join(out) + suffix
