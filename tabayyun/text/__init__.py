"""The Arabic/English text layer: cleaning and normalization with offsets, sentences, tokens, stems,
script."""

from .clean import Cleaned, clean, clean_with_offsets
from .lang import detect, script_ratio
from .normalize import Normalized, normalize, normalize_with_offsets
from .segment import sentences
from .stem import stem, terms
from .tokenize import Token, tokens, words

__all__ = [
    "Cleaned",
    "Normalized",
    "Token",
    "clean",
    "clean_with_offsets",
    "detect",
    "normalize",
    "normalize_with_offsets",
    "script_ratio",
    "sentences",
    "stem",
    "terms",
    "tokens",
    "words",
]
