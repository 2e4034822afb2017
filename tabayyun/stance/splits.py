"""One held-out rule for everything built from ``../shared/datasets/corpora``.

Training pairs (:mod:`tabayyun.stance.train`) and development sets (``bench/devsets.py``)
are both generated from the same corpora. An item — a document of a document corpus, a
line (or aligned pair) of a sentence corpus — belongs to the development side when
:func:`is_dev` says so, and then no training pair may be built from it. The rule is a
hash of the corpus name and the item's stable key, so it needs no stored list and gives
the same split in every process (no dependence on ``PYTHONHASHSEED``).
"""

from __future__ import annotations

import hashlib

#: one item in this many is held out for development
DEV_EVERY = 5


def bucket(corpus: str, key: str | int, buckets: int = DEV_EVERY) -> int:
    """A stable bucket in ``range(buckets)`` for item ``key`` of ``corpus``."""
    digest = hashlib.sha1(f"{corpus}:{key}".encode()).hexdigest()
    return int(digest, 16) % buckets


def is_dev(corpus: str, key: str | int) -> bool:
    """True when the item is held out for development (about one in :data:`DEV_EVERY`)."""
    return bucket(corpus, key) == 0
