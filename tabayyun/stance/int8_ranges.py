"""The cross-encoder's int8 graph calibration: pairs written for it, their input ranges, shipped and checked.

The per-token int8 graph (:mod:`.onnx_int8`) smooths each matrix's input by factors computed from the
largest magnitude of each input channel on calibration text. For the cross-encoder that text is
:data:`PAIRS`: claim/evidence pairs written for this project (Arabic, English and across the two;
shaped as agreements, disagreements — a number, a date, a name or a negation changed —, discussions and
unrelated pairs; short claims, news-length evidence), never dev or test items. They are read as the
model reads pairs (cleaned, ``<s> claim </s></s> evidence </s>``).

Computing the ranges runs the float32 layers in numpy over the pairs: ~0.9 s on the busy 2-core machine,
too slow for every load, so they ship beside the weights (``weights/int8_ranges.npz``, float16) with a
:func:`fingerprint` of what they were computed from: the layers, the embeddings, the calibration pairs'
token ids and their word vectors. :func:`for_model` uses the file only when the fingerprint matches the
loaded model (sha256 over ~85 MB: ~40 ms); otherwise — new weights, another weights folder, a changed
pair — it computes the ranges at load and logs why. A stale file is never used. Rewrite the shipped one
with ``python3 -m tabayyun.stance.int8_ranges`` after new weights (a test checks it fits them).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..text.clean import clean
from .numpy_bert import Encoder
from .onnx_int8 import Ranges, input_ranges, ranges_from_arrays, ranges_to_arrays
from .tokenizer import Tokenizer

log = logging.getLogger(__name__)

#: the file beside the weights (``stance.json``, ``stance.npz``)
RANGES_NAME = "int8_ranges.npz"
#: the key holding the fingerprint in the file
FINGERPRINT = "fingerprint"

WordRows = Callable[[NDArray[np.int64]], NDArray[np.float32]]

#: (claim, evidence) pairs written for the calibration (never dev or test items)
PAIRS: tuple[tuple[str, str], ...] = (
    # agree-shaped: the evidence restates the claim
    ("افتتحت البلدية جسرا جديدا فوق النهر",
     "قالت البلدية في بيان إنها افتتحت صباح اليوم الجسر الجديد فوق النهر بعد عامين من العمل"),
    ("ارتفع عدد السياح إلى مليوني زائر في 2024",
     "أظهرت أرقام وزارة السياحة أن عدد الزوار بلغ مليوني سائح خلال عام 2024"),
    ("الحكومة تخفض ضريبة المبيعات إلى 10 في المئة",
     "أعلن وزير المالية خفض ضريبة المبيعات من 16 إلى 10 في المئة اعتبارا من الشهر المقبل"),
    ("The city opened a new library downtown",
     "A new public library opened in the city centre on Saturday, the mayor's office said."),
    ("Exports grew by 7 percent last year",
     "Figures released on Thursday show exports rose 7% in 2023 compared with the year before."),
    ("المنتخب يتأهل إلى نهائي البطولة", "The national team qualified for the final of the tournament."),
    # disagree-shaped: a number, a date, a name or a negation changed
    ("بلغ عدد المصابين 40 شخصا", "أكدت وزارة الصحة أن عدد المصابين في الحادث بلغ 14 شخصا فقط"),
    ("نفت الشركة إغلاق مصنعها في الميناء", "أعلنت الشركة أنها ستغلق مصنعها القريب من الميناء نهاية الشهر"),
    ("وصل الرئيس إلى الرياض يوم الاثنين", "وصل الرئيس إلى القاهرة مساء الخميس في زيارة تستغرق يومين"),
    ("لم تُلغَ الرحلات الجوية بسبب العاصفة", "ألغت سلطات المطار جميع الرحلات بسبب العاصفة الثلجية"),
    ("The minister resigned on Friday",
     "The minister told reporters on Friday that she had no intention of resigning."),
    ("Police arrested 12 people after the match",
     "Police said no arrests were made after Sunday's match, despite minor scuffles."),
    ("The council approved the 3 million dollar budget",
     "Councillors rejected the proposed budget of 30 million dollars by a narrow vote."),
    # discuss-shaped: the evidence is on the topic without deciding it
    ("المدارس ستغلق أسبوعين بسبب الحر", "تدرس وزارة التربية خيارات عدة للتعامل مع موجة الحر المتوقعة"),
    ("سيرتفع سعر الخبز الشهر المقبل", "قال خبراء إن أسعار القمح العالمية قد تؤثر في كلفة الخبز محليا"),
    ("The factory will hire 500 workers",
     "Local officials are negotiating with the company over how many jobs the new factory could bring."),
    ("هل يغلق الجسر ستة أشهر؟", "لم تحدد البلدية بعد موعد بدء أعمال الصيانة على الجسر"),
    # unrelated-shaped: another topic
    ("افتتحت البلدية جسرا جديدا فوق النهر", "فاز الفريق المحلي بالمباراة النهائية بثلاثة أهداف مقابل هدف"),
    ("ارتفعت أسعار الوقود في المدينة", "أقيم معرض الكتاب في قاعة المؤتمرات بمشاركة مئة دار نشر"),
    ("The bank cut interest rates", "Heavy snow closed mountain roads in the north for a second day."),
    ("Scientists found water on the moon",
     "The orchestra will perform three concerts in the old theatre next month."),
    ("وقع البلدان اتفاقية للتجارة الحرة",
     "The museum reopened after a two-year renovation of its east wing."),
    # longer evidence, as stored news sentences are
    ("أعلنت الوزارة بناء 25 مدرسة جديدة",
     "وقال المتحدث باسم وزارة التربية في مؤتمر صحفي عقده يوم الأحد إن الوزارة ستبني خمسا وعشرين مدرسة "
     "جديدة في المحافظات الجنوبية خلال السنوات الثلاث المقبلة، بتمويل من صندوق التنمية وبكلفة تقارب "
     "مئة مليون دينار"),
    ("Unemployment fell for the third year",
     "The report, published by the statistics office on Monday, said the jobless rate had fallen for a "
     "third consecutive year, to 6.1 percent, though youth unemployment remained above 15 percent in "
     "several regions and wages lagged behind inflation."),
)


def calibration_inputs(tokenizer: Tokenizer, max_len: int) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """:data:`PAIRS` as the model reads them: token ids padded to the longest, and the real-token mask."""
    seqs = [tokenizer.encode_pair(clean(c), clean(e), max_len) for c, e in PAIRS]
    n = max(len(s) for s in seqs)
    ids = np.full((len(seqs), n), tokenizer.pad, dtype=np.int64)
    for j, s in enumerate(seqs):
        ids[j, : len(s)] = s
    return ids, ids != tokenizer.pad


def compute(encoder: Encoder, word_rows: WordRows, ids: NDArray[np.int64], mask: NDArray[np.bool_]) -> Ranges:
    """Each matrix input's per-channel range over the calibration pairs (float32 numpy forward pass)."""
    return input_ranges(encoder, word_rows(ids), mask)


def fingerprint(encoder: Encoder, word_rows: WordRows, ids: NDArray[np.int64]) -> str:
    """sha256 of everything the ranges depend on: the pairs' ids and word vectors, the embeddings, the
    layers (float32, in order)."""
    h = hashlib.sha256()
    arrays = [ids, word_rows(ids), encoder.pos, encoder.type0, encoder.eln_w, encoder.eln_b]
    arrays += [getattr(layer, f) for layer in encoder.layers for f in layer.__dataclass_fields__]
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(f"{a.dtype.str}{a.shape}".encode())
        h.update(a.data)
    return h.hexdigest()


def read(path: Path, layers: int) -> tuple[str, Ranges] | None:
    """The fingerprint and ranges of a file, or None when it is missing or not a ranges file."""
    if not path.exists():
        return None
    try:
        with np.load(path) as f:
            return str(f[FINGERPRINT]), ranges_from_arrays(f, layers)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("cannot read %s (%s)", path, exc)
        return None


def write(path: Path, ranges: Ranges, print_: str) -> None:
    """Write ``ranges`` (float16) and the fingerprint ``print_`` of the model they were computed from."""
    arrays: dict[str, NDArray[np.generic]] = {**ranges_to_arrays(ranges), FINGERPRINT: np.array(print_)}
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def for_model(
    folder: Path, encoder: Encoder, word_rows: WordRows, tokenizer: Tokenizer, max_len: int
) -> Ranges:
    """The shipped ranges in ``folder`` when their fingerprint is this model's, else computed now."""
    ids, mask = calibration_inputs(tokenizer, max_len)
    path = folder / RANGES_NAME
    stored = read(path, len(encoder.layers))
    if stored is not None:
        if stored[0] == fingerprint(encoder, word_rows, ids):
            return stored[1]
        log.warning("%s was computed for other weights or pairs: computing the ranges now (~1 s); "
                    "rewrite it with python3 -m tabayyun.stance.int8_ranges", path)
    return compute(encoder, word_rows, ids, mask)


def write_for(folder: Path) -> Path:
    """Compute and write the ranges file of the weights in ``folder`` (training calls it after writing
    them, so new weights never ship with stale ranges); returns its path."""
    from .learned import CrossEncoderStance

    model = CrossEncoderStance.load(folder, runtime="numpy")
    assert isinstance(model.encoder, Encoder)
    ids, mask = calibration_inputs(model.tokenizer, model.config.max_len)
    ranges = compute(model.encoder, model.word_rows, ids, mask)
    write(folder / RANGES_NAME, ranges, fingerprint(model.encoder, model.word_rows, ids))
    return folder / RANGES_NAME


def main() -> None:  # pragma: no cover - rewrites the shipped file
    from .learned import WEIGHTS_DIR

    print(f"wrote {write_for(WEIGHTS_DIR)}")


if __name__ == "__main__":
    main()
