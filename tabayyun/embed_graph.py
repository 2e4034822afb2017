"""The e5 encoder's int8 graph: its calibration sentences; the graph itself is :mod:`.stance.onnx_int8`.

The graph (per-token activation scales, SmoothQuant smoothing, a :class:`Plan` of what is int8) moved to
:mod:`tabayyun.stance.onnx_int8` when the cross-encoder started to use it too; its names are imported
here for the e5 engine ``onnx-int8-rows`` (:mod:`.embed_onnx`, ``E5Embedder(backend="onnx-int8-rows")``,
the default plan: every matrix int8, all smoothed).

Why e5 needs per-token scales and smoothing: with one activation scale per batch (the cross-encoder
graph's old ``quantize=True``), the ordinary channels are lost to a few huge ones — on the calibration
sentences the input of the FFN's first matrix (after the attention LayerNorm) has a channel reaching
20-44 in layers 0-10 where the median channel peaks at 1.1-1.8, and the GELU output feeding the second
peaks at up to 67 — and a vector depends on its batch-mates. The smoothing factors come from the input
ranges over :data:`CALIBRATION` (news-like sentences written for this project, as passages; shipped by
:mod:`tabayyun.embed_calibrate`).
"""

from __future__ import annotations

from .stance.onnx_int8 import (
    MATRICES,
    WEIGHT_QMAX,
    Plan,
    build_int8_model,
    graph_runner,
    input_ranges,
    smoothing,
)

__all__ = ["CALIBRATION", "MATRICES", "WEIGHT_QMAX", "Plan", "build_int8_model", "graph_runner",
           "input_ranges", "smoothing"]

#: calibration sentences for the smoothing scales (written for this project; Arabic and English news-like
#: text of several lengths, digits and names) — never dev or test items
CALIBRATION = (
    "أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة يضم مئتي سرير وقسما للطوارئ",
    "قال المتحدث باسم البلدية إن أعمال صيانة الجسر ستبدأ في الربيع وتستمر ستة أشهر",
    "ارتفع عدد الزوار إلى ثلاثة آلاف في الأسبوع الأول بعد افتتاح المعرض",
    "بلغت الميزانية 450 مليون دينار في عام 2023 بزيادة عشرة في المئة عن العام السابق",
    "نفى الوزير أن تكون الحكومة قد قررت رفع أسعار الوقود هذا الشهر",
    "وقّع البلدان اتفاقية للتعاون في مجال الطاقة المتجددة خلال زيارة رسمية إلى عمّان",
    "أكدت الشركة أنها ستفتح اثني عشر فرعا جديدا في مدن الخليج قبل نهاية العام",
    "تأجلت المباراة بسبب الأمطار الغزيرة التي غمرت الملعب مساء السبت",
    "هل صحيح أن المدارس ستغلق أسبوعين؟",
    "الجامعة تستقبل طلابها الجدد",
    "The ministry said 40 schools will reopen next week after the floods receded.",
    "Officials confirmed three new cases in Geneva on Tuesday, bringing the total to 27.",
    "The council approved a budget of 2.5 billion dollars for roads and water networks.",
    "Police denied reports that the protest had been banned by the city authorities.",
    "The company plans to hire 1,200 workers at its new factory near the port.",
    "A spokesman for the World Health Organization said the vaccine trial would continue.",
    "Prices rose by 4 percent in March, the highest monthly increase in ten years.",
    "Is it true that the bridge will close for six months?",
    "Heavy rain delayed flights at the capital's airport for several hours.",
    "قال رئيس الوزراء في مؤتمر صحفي عقده في القاهرة يوم الأحد إن الحكومة ستخصص مليار جنيه لدعم "
    "المزارعين المتضررين من موجة الجفاف التي ضربت محافظات الصعيد خلال الصيف الماضي، وأضاف أن "
    "اللجنة المختصة ستنشر قائمة المستفيدين خلال أسبوعين",
    "The report, published on Monday by an independent panel of economists, found that unemployment "
    "among young people had fallen for the third year in a row, although wages in most regions had "
    "not kept pace with the cost of housing, food and transport.",
)
