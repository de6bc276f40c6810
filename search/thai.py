"""Thai text split into words, so that search can find a word inside a sentence.

Thai puts no spaces between words. Databases and search engines split text at
spaces and punctuation, so "ถนนในซอยมืดมากควรติดไฟส่องสว่าง" is one token to them
and the query "ไฟส่องสว่าง" does not find it. PyThaiNLP's dictionary segmenter
(newmm, offline) splits each run of Thai letters into words; Latin text, digits
and punctuation are left as they are.
"""

import re
from functools import cache, lru_cache

from pythainlp.corpus.tnc import word_freqs
from pythainlp.tokenize import word_dict_trie, word_tokenize
from pythainlp.tokenize.tcc import tcc_pos

# A run of characters from the Unicode Thai block: letters, vowels, tone marks, digits.
THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")


def segment(text):
    """`text` with each Thai run split into words separated by spaces.

    >>> segment("ถนนในซอยมืดมากควรติดไฟส่องสว่าง LED")
    'ถนน ใน ซอย มืด มาก ควร ติดไฟ ส่องสว่าง LED'
    """
    return THAI_RUN.sub(_words_of_run, text)


def segment_for_index(text):
    """segment(), followed by the words found inside compound words.

    The segmenter takes the longest words it knows, so the text "…ติดไฟส่องสว่าง"
    gives ติดไฟ | ส่องสว่าง while the query "ไฟส่องสว่าง" gives ไฟ | ส่องสว่าง.
    Indexing ติด, ไฟ, ส่อง and สว่าง as well lets a query word that is part of a
    compound find it. They go after the text, so phrases of whole words still match.
    """
    words = segment(text)
    inner = [part for word in THAI_RUN.findall(words) for part in _inner_words(word)]
    return f"{words} {' '.join(inner)}" if inner else words


def _words_of_run(match):
    words = " ".join(_split(match.group()))
    # Keep the run apart from Latin letters or digits written against it ("ไฟLED").
    start, end, text = match.start(), match.end(), match.string
    before = " " if start > 0 and text[start - 1].isalnum() else ""
    after = " " if end < len(text) and text[end].isalnum() else ""
    return f"{before}{words}{after}"


@lru_cache(maxsize=10_000)
def _split(run):
    return tuple(word_tokenize(run, engine="newmm", keep_whitespace=False))


def _inner_words(word, found=None):
    """The words `word` is made of, and theirs in turn: ริมหาด gives ริม, หาด."""
    found = [] if found is None else found
    for part in _parts(word):
        if part not in found:
            found.append(part)
            _inner_words(part, found)
    return found


@lru_cache(maxsize=50_000)
def _parts(word):
    """The fewest dictionary words that spell `word` and are each more common than it.

    A compound is rarer than its parts (ริมหาด, beachside, than ริม and หาด), while a
    plain word is more common than fragments that happen to spell it (อาหาร, food, than
    อา and หาร), so it is not split. Frequencies are the Thai National Corpus's; parts
    end where Thai letters can (character clusters), never inside a syllable's vowels.
    """
    frequency = _frequencies()
    floor = frequency.get(word, 0)
    ends = tcc_pos(word) | {len(word)}
    fewest = {0: ()}  # position -> the fewest parts that spell word[:position]
    for start in range(len(word)):
        if start not in fewest:
            continue
        for part in word_dict_trie().prefixes(word[start:]):
            end = start + len(part)
            if part == word or end not in ends or frequency.get(part, 0) <= floor:
                continue
            if end not in fewest or len(fewest[start]) + 1 < len(fewest[end]):
                fewest[end] = (*fewest[start], part)
    return fewest.get(len(word), ())


@cache
def _frequencies():
    return dict(word_freqs())
