"""Evaluation: a stance model on pairs, or the whole check (``tabayyun eval``).

* :mod:`~tabayyun.evaluate.metrics` — accuracy, macro-F1, per-class P/R/F1, confusion,
  expected calibration error, the printed table;
* :mod:`~tabayyun.evaluate.readers` — ANS CSV, AraStance JSONL, NLI CSV/JSONL and their labels;
* :mod:`~tabayyun.evaluate.models` — one stance model on (claim, evidence) pairs, articles
  by their best sentences;
* :mod:`~tabayyun.evaluate.pipeline` — the real check, the item's source as its only
  source, the verdict read as the data set's label (``--system pipeline``).
"""

from __future__ import annotations

from .metrics import (
    calibration_error,
    classification_report,
    confusion_matrix,
    expected_calibration_error,
    format_report,
)
from .models import (
    ARTICLE_CANDIDATES,
    ArticleStance,
    EvalResult,
    article_stances,
    batched,
    candidate_sentences,
    evaluate_ans,
    evaluate_arastance,
    evaluate_nli,
    pool_sentence_probs,
    predict_pairs,
)
from .pipeline import (
    Outcome,
    PipelineItem,
    evaluate_pipeline,
    outcomes,
    pipeline_items,
    pipeline_report,
    run_pipeline,
)
from .readers import (
    ANS_LABELS,
    ANS_TO_STANCE,
    ARASTANCE_LABELS,
    ARASTANCE_TO_STANCE,
    FORMAT_LABELS,
    NLI_LABELS,
    STANCE_TO_ANS,
    STANCE_TO_ARASTANCE,
    STANCE_TO_NLI,
    AnsRow,
    AraStanceRow,
    NliRow,
    read_ans,
    read_arastance,
    read_nli,
)

__all__ = [
    "ANS_LABELS", "ANS_TO_STANCE", "ARASTANCE_LABELS", "ARASTANCE_TO_STANCE", "ARTICLE_CANDIDATES",
    "FORMAT_LABELS", "NLI_LABELS", "STANCE_TO_ANS", "STANCE_TO_ARASTANCE", "STANCE_TO_NLI", "AnsRow",
    "AraStanceRow", "ArticleStance",
    "EvalResult", "NliRow", "Outcome", "PipelineItem", "article_stances", "batched", "calibration_error",
    "candidate_sentences", "classification_report", "confusion_matrix", "evaluate_ans", "evaluate_arastance",
    "evaluate_nli", "evaluate_pipeline", "expected_calibration_error", "format_report", "outcomes",
    "pipeline_items", "pipeline_report", "pool_sentence_probs", "predict_pairs", "read_ans", "read_arastance",
    "read_nli", "run_pipeline",
]  # fmt: skip
