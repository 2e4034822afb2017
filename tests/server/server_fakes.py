"""Texts written for the server tests, and the app's checker over the fast fake models.

The fake models are :mod:`tabayyun.testing`'s (the one set of them); the verdict logic,
the comparisons and the offsets they feed are the real library's.
"""

from __future__ import annotations

from tabayyun.core import Tabayyun
from tabayyun.testing import HashingEmbedder, OverlapStance


def fake_tabayyun(db: str = ":memory:") -> Tabayyun:
    return Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance())


#: a source written for these tests (Arabic), and an English one
SOURCE_AR = (
    "# بيان بلدية الواحة عن موسم الأمطار\n"
    "\n"
    "أعلنت بلدية الواحة يوم الأحد أنها وزّعت 450 خيمة على الأسر المتضررة من السيول. "
    "وقال رئيس البلدية إن فرق الإنقاذ أجلت 1200 شخص من الأحياء المنخفضة.\n"
    "\n"
    "ولم تسجل البلدية أي وفيات حتى مساء الأحد.\n"
)
SOURCE_EN = (
    "Harbour town council report\n"
    "\n"
    "The council opened three new shelters on Monday and said 300 volunteers joined the relief effort.\n"
)
#: a document whose text tries to inject markup into the page
HOSTILE = (
    'تقرير مزيف <script>window.__pwned = "script"</script> '
    '<img src="x" onerror="window.__pwned = \'img\'"> عن توزيع 450 خيمة في الواحة.\n'
)
