"""The Arabic/English text layer: normalization with offsets, sentences, tokens, stems, script."""

from .lang import detect, script_ratio
from .normalize import Normalized, normalize, normalize_with_offsets
from .segment import sentences
from .stem import stem, terms
from .tokenize import Token, tokens, words

__all__ = [
    "Normalized",
    "Token",
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
