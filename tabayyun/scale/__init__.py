"""Scaling out: batch work on a Ray cluster (:mod:`tabayyun.scale.ray_batch`).

* :func:`ray_add` — read, split and embed files on Ray actors; the caller's process writes them to
  the store in input order (the same store a single-process ``add`` builds).
* :func:`ray_check` — check claims on Ray actors that each open the store read-only; results in
  input order, the same as :meth:`tabayyun.Tabayyun.check_many`.

Importing this package does not import Ray; calling either function does (``pip install
'tabayyun[scale]'``). See ``docs/scaling.md``.
"""

from __future__ import annotations

from .ray_batch import ClaimFailure, ray_add, ray_check

__all__ = ["ClaimFailure", "ray_add", "ray_check"]
