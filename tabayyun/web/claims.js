// tabayyun "what to check" page: POST /api/claims ranks the sentences of a pasted text; the chosen ones go
// to POST /api/check one by one and each shows its verdict. Text is untrusted: text nodes only, no markup.
"use strict";

const STRINGS = {
  ar: {
    pageTitle: "تبيّن — ما الذي يستحق التحقق؟",
    skip: "انتقل إلى خانة النص",
    title: "ما الذي يستحق التحقق؟",
    tagline: "الصق مقالاً أو خطاباً أو سلسلة منشورات: تُرتَّب جمله بحسب استحقاقها للتحقق، ثم تحقّق من الجمل التي تختارها.",
    backLink: "تحقّق من ادعاء واحد",
    rankHeading: "النص",
    articleLabel: "المقال أو المنشورات",
    articleHint: "Ctrl+Enter للترتيب.",
    rankButton: "رتّب الجمل",
    ranking: "جارٍ الترتيب…",
    rankedHeading: "الجمل مرتّبة",
    summary: "{worthy} من {total} جملة تستحق التحقق (الدرجة ≥ {cut}). اختر ما تريد التحقق منه.",
    sourceLabel: "نص المصدر للتحقق (اختياري)",
    sourceHint: "إن تركته فارغاً، تُقارَن الجمل المختارة بكل الوثائق المحفوظة.",
    checkButton: "تحقّق من الجمل المختارة",
    checking: "جارٍ التحقق…",
    footer: "الترتيب تقدير آلي لما يستحق التحقق، لا حكم على صحته.",
    emptyText: "الصق نصاً أولاً.",
    noneChosen: "اختر جملة واحدة على الأقل.",
    network: "تعذّر الاتصال بالخادم.",
    choose: "اختر للتحقق",
    score: "الدرجة",
    worthy: "تستحق التحقق",
    confidence: "الثقة",
    cues: { quantities: "كميات", dates: "تواريخ", entities: "أسماء", digit: "أرقام", attribution: "إسناد", comparison: "مقارنة أو سبب", hearsay: "تداول", opinion: "رأي", wish: "تمنٍّ أو تحية", question: "سؤال", promotion: "ترويج", exclaim: "تعجّب", short: "قصيرة" },
    verdicts: { supported: "تؤيّده المصادر", refuted: "تنفيه المصادر", conflicting: "المصادر متعارضة", not_enough_info: "لا تكفي المصادر", mixed: "صحيح جزئياً" },
  },
  en: {
    pageTitle: "tabayyun — what is worth checking?",
    skip: "Skip to the text",
    title: "What is worth checking?",
    tagline: "Paste an article, a speech or a stream of posts: its sentences are ranked by how worth checking they are; then check the ones you choose.",
    backLink: "Check one claim",
    rankHeading: "The text",
    articleLabel: "Article or posts",
    articleHint: "Ctrl+Enter ranks.",
    rankButton: "Rank the sentences",
    ranking: "Ranking…",
    rankedHeading: "Sentences, ranked",
    summary: "{worthy} of {total} sentences are worth checking (score ≥ {cut}). Choose what to check.",
    sourceLabel: "Source text to check against (optional)",
    sourceHint: "Leave it empty to check the chosen sentences against every stored document.",
    checkButton: "Check the chosen sentences",
    checking: "Checking…",
    footer: "The ranking estimates what is worth checking; it says nothing about what is true.",
    emptyText: "Paste a text first.",
    noneChosen: "Choose at least one sentence.",
    network: "Could not reach the server.",
    choose: "Choose to check",
    score: "score",
    worthy: "worth checking",
    confidence: "Confidence",
    cues: { quantities: "quantities", dates: "dates", entities: "names", digit: "digits", attribution: "attribution", comparison: "comparison or cause", hearsay: "hearsay", opinion: "opinion", wish: "wish or greeting", question: "question", promotion: "promotion", exclaim: "exclamation", short: "short" },
    verdicts: { supported: "Supported", refuted: "Refuted", conflicting: "Conflicting", not_enough_info: "Not enough info", mixed: "Partly supported" },
  },
};

const state = { lang: "ar", ranked: null };
async function api(path, body) {
  const { res, data } = await fetchJSON(path, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  if (!res.ok) throw httpError(res, data);
  return data;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.title = t("pageTitle");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const sw = $("lang-switch");
  sw.textContent = state.lang === "ar" ? "English" : "العربية";
  sw.lang = state.lang === "ar" ? "en" : "ar";
  sw.dir = state.lang === "ar" ? "ltr" : "rtl";
  if (state.ranked) renderRanked(state.ranked);
}

function renderRanked(data) {
  const list = $("ranked");
  const chosen = new Set([...list.querySelectorAll("input:checked")].map((i) => i.value));
  const verdicts = new Map([...list.querySelectorAll("li")].map((li) => [li.dataset.index, li.querySelector(".verdict-slot")]));
  list.replaceChildren();
  for (const s of data.sentences) {
    const id = "pick-" + s.index;
    const box = el("input", { type: "checkbox", id, value: String(s.index) });
    box.checked = state.ranked === data && chosen.size ? chosen.has(String(s.index)) : s.checkworthy;
    const head = el("div", { class: "ev-head" },
      box,
      el("label", { for: id, class: "visually-hidden", text: t("choose") }),
      el("span", { class: "score", dir: "ltr", text: t("score") + " " + s.score.toFixed(2) }),
      el("span", { class: "part-span", dir: "ltr", text: "[" + s.start + ":" + s.end + "]" }));
    if (s.checkworthy) head.append(el("span", { class: "stance agree", text: t("worthy") }));
    const cues = s.cues.filter((c) => c !== "digit").map((c) => tMap("cues", c)).join("، ");
    const li = el("li", { "data-index": String(s.index), "data-score": String(s.score) },
      head,
      el("p", { class: "sentence", dir: "auto", text: s.text }),
      el("p", { class: "hint cues", text: cues }));
    const old = verdicts.get(String(s.index));
    li.append(old || el("div", { class: "verdict-slot", "aria-live": "polite" }));
    list.append(li);
  }
  const worthy = data.sentences.filter((s) => s.checkworthy).length;
  $("ranked-summary").textContent = t("summary", { worthy, total: data.sentences.length, cut: data.threshold.toFixed(2) });
}

async function rank(event) {
  if (event) event.preventDefault();
  showError("");
  const text = $("article").value;
  if (!text.trim()) {
    showError(t("emptyText"));
    $("article").focus();
    return;
  }
  const button = $("rank-button");
  button.disabled = true;
  button.textContent = t("ranking");
  try {
    const data = await api("/api/claims", { text });
    state.ranked = null;
    $("ranked").replaceChildren();
    renderRanked(data);
    state.ranked = data;
    $("ranked-section").hidden = false;
    $("ranked-heading").focus();
  } catch (e) {
    showError(e.message);
  } finally {
    button.disabled = false;
    button.textContent = t("rankButton");
  }
}

function showVerdict(slot, result) {
  const badge = el("span", { class: "badge small " + result.verdict, "data-verdict": result.verdict,
    text: tMap("verdicts", result.verdict) });
  const conf = el("span", { class: "hint", dir: "ltr", text: " " + Math.round(result.confidence * 100) + "%" });
  slot.replaceChildren(badge, conf);
}

async function checkChosen() {
  showError("");
  const items = [...$("ranked").querySelectorAll("li")].filter((li) => li.querySelector("input").checked);
  if (!items.length) {
    showError(t("noneChosen"));
    return;
  }
  const source = $("source").value;
  const button = $("check-button");
  button.disabled = true;
  button.textContent = t("checking");
  try {
    for (const li of items) {
      const slot = li.querySelector(".verdict-slot");
      const body = { claim: li.querySelector(".sentence").textContent };
      if (source.trim()) body.sources = [source];
      try {
        showVerdict(slot, await api("/api/check", body));
      } catch (e) {
        slot.replaceChildren(el("span", { class: "hint check-error", text: e.message }));
      }
    }
  } finally {
    button.disabled = false;
    button.textContent = t("checkButton");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const preferred = (navigator.language || "ar").toLowerCase();
  state.lang = preferred.startsWith("ar") ? "ar" : "en";
  applyLanguage();
  $("rank-form").addEventListener("submit", rank);
  $("article").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) rank(e);
  });
  $("check-button").addEventListener("click", checkChosen);
  $("lang-switch").addEventListener("click", () => {
    state.lang = state.lang === "ar" ? "en" : "ar";
    applyLanguage();
  });
});
