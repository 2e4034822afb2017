"""Small Arabic and English stopword lists, in *normalized* form (see ``normalize``).

Negations and contrast/time words that change what a claim says are deliberately
left out: لا لم لن ليس ليست لست ما غير بدون دون الا قبل بعد، not no never nor
without none nothing neither before after.
"""

from __future__ import annotations

ARABIC = frozenset(
    """
    و ف ب ل ك ان اذ اذا او ام ثم بل قد لقد سوف في من الي علي عن مع عند لدي لدن حتي منذ مذ
    هذا هذه هذان هاتان هولاء ذلك تلك ذلكم اولءك اولئك الذي التي الذين اللذان اللتان اللواتي اللاتي
    هو هي هما هم هن انا نحن انت انتم انتن اياه اياها
    كان كانت كانوا يكون تكون يكونون اصبح اصبحت
    فيه فيها فيهم منه منها منهم عليه عليها عليهم عنه عنها اليه اليها له لها لهم به بها بهم
    انه انها انهم كما ايضا حيث هناك هنا نحو اي ايه كل بعض عده ذات ذو
    لكن لكنه لكنها كذلك وكذلك اما يا
    """.split()
)

ENGLISH = frozenset(
    """
    a an the and or but if then so than as of to in on at by for with from into onto about over
    is are was were be been being am do does did has have had having will would shall should can could
    may might must this that these those it its it's he she they them their theirs his her hers we us
    our you your i me my mine there here which who whom whose what when where how also just very
    s t
    """.split()
)

STOPWORDS = ARABIC | ENGLISH
