"""The reliability tests import the server tests' fakes (``server_fakes``) and ``live_server``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
