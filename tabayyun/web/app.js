// tabayyun web page. Every action is one call to the JSON API, shown in "the same request" panel.
// Document text is untrusted: the DOM is built with createElement and text nodes only; no markup is ever parsed.
"use strict";

const STRINGS = {
  ar: {
    pageTitle: "تبيّن — تحقّق من ادعاء",
    skip: "انتقل إلى خانة الادعاء",
    title: "تبيّن",
    tagline: "تحقّق من ادعاء بمقارنته بمصادرك: الحكم، والأدلة في مواضعها، والأرقام والتواريخ والأسماء.",
    checkHeading: "تحقّق من ادعاء",
    claimLabel: "الادعاء",
    claimHint: "اضغط Enter للتحقق، وShift+Enter لسطر جديد.",
    sourceLabel: "نص المصدر (اختياري)",
    sourceHint: "الصق نص البيان أو المقال. إن تركته فارغاً ولم تختر وثائق، يُقارَن الادعاء بكل الوثائق المحفوظة. Ctrl+Enter للتحقق.",
    pickLegend: "أو اختر من الوثائق المحفوظة",
    pickEmpty: "لا وثائق محفوظة بعد.",
    checkButton: "تحقّق",
    checking: "جارٍ التحقق…",
    resultHeading: "النتيجة",
    confidence: "الثقة",
    evidenceHeading: "الأدلة",
    noEvidence: "لم يُعثر على جمل ذات صلة.",
    checksHeading: "المقارنات",
    checksCaption: "مقارنة الكميات والتواريخ والأسماء بين الادعاء والأدلة",
    noChecks: "لا أرقام أو تواريخ أو أسماء للمقارنة.",
    colKind: "النوع", colClaim: "في الادعاء", colEvidence: "في المصدر", colResult: "النتيجة",
    colDetail: "التفصيل", colSource: "المصدر", colTitle: "العنوان", colChars: "الأحرف", colActions: "إجراءات",
    exportSummary: "تصدير ClaimReview (JSON-LD)",
    reviewUrl: "رابط صفحة التحقق",
    claimAuthor: "قائل الادعاء",
    claimUrl: "رابط ظهور الادعاء",
    exportButton: "أنشئ ClaimReview",
    download: "تنزيل",
    docsHeading: "الوثائق المحفوظة",
    asJson: "بصيغة JSON",
    close: "إغلاق",
    view: "اعرض",
    remove: "احذف",
    confirmDelete: "أتحذف الوثيقة رقم {id}؟",
    uploadLabel: "أضف ملفاً (نص، Markdown، HTML، JSONL، CSV)",
    uploadTextLabel: "أو الصق نصاً لحفظه",
    tokenLabel: "رمز الواجهة (إن طلبه الخادم)",
    uploadButton: "احفظ في المخزن",
    uploaded: "أُضيفت {added} وثيقة، وكانت {unchanged} محفوظة من قبل.",
    nothingToUpload: "اختر ملفاً أو الصق نصاً أولاً.",
    twinHeading: "الطلب نفسه من سطر الأوامر",
    twinHint: "كل ما تفعله هذه الصفحة طلبٌ إلى الواجهة البرمجية؛ هذا آخرها، لتكرّره أو تدمجه في أدواتك. الوصف الكامل في /openapi.json.",
    twinResponse: "الردّ (JSON)",
    footer: "تبيّن: الحكم يخصّ ما تقوله مصادرك، لا صحة الادعاء في العالم.",
    emptyClaim: "اكتب الادعاء أولاً.",
    network: "تعذّر الاتصال بالخادم.",
    pasted: "النص الملصق",
    openSource: "افتح المصدر",
    storedDoc: "الوثيقة {id}",
    score: "الدرجة",
    verdicts: { supported: "تؤيّده المصادر", refuted: "تنفيه المصادر", conflicting: "المصادر متعارضة", not_enough_info: "لا تكفي المصادر", mixed: "صحيح جزئياً" },
    stances: { agree: "يؤيّد", disagree: "ينفي", discuss: "يناقش", unrelated: "لا صلة" },
    results: { match: "متطابق", mismatch: "مختلف", not_comparable: "لا يُقارن" },
    kinds: { quantity: "كمية", number: "عدد", date: "تاريخ", entity: "اسم", negation: "نفي", percent: "نسبة", membership: "عضوية", completion: "تمام أو جريان", quantifier: "كمّ", naming: "تسمية" },
    partsHeading: "أجزاء الادعاء",
    instead: "ما يقوله المصدر",
    partEvidence: "أدلة هذا الجزء",
    noPartEvidence: "لا أدلة لهذا الجزء.",
  },
  en: {
    pageTitle: "tabayyun — check a claim",
    skip: "Skip to the claim",
    title: "tabayyun",
    tagline: "Check a claim against your own sources: the verdict, the evidence in place, and the numbers, dates and names.",
    checkHeading: "Check a claim",
    claimLabel: "Claim",
    claimHint: "Press Enter to check, Shift+Enter for a new line.",
    sourceLabel: "Source text (optional)",
    sourceHint: "Paste the statement or article. Leave it empty and pick no documents to check against every stored document. Ctrl+Enter checks.",
    pickLegend: "Or pick stored documents",
    pickEmpty: "No stored documents yet.",
    checkButton: "Check",
    checking: "Checking…",
    resultHeading: "Result",
    confidence: "Confidence",
    evidenceHeading: "Evidence",
    noEvidence: "No related sentences were found.",
    checksHeading: "Comparisons",
    checksCaption: "Quantities, dates and names compared between the claim and the evidence",
    noChecks: "No numbers, dates or names to compare.",
    colKind: "Kind", colClaim: "In the claim", colEvidence: "In the source", colResult: "Result",
    colDetail: "Detail", colSource: "Source", colTitle: "Title", colChars: "Characters", colActions: "Actions",
    exportSummary: "Export ClaimReview (JSON-LD)",
    reviewUrl: "URL of the fact-check",
    claimAuthor: "Who made the claim",
    claimUrl: "Where the claim appeared (URL)",
    exportButton: "Make ClaimReview",
    download: "Download",
    docsHeading: "Stored documents",
    asJson: "as JSON",
    close: "Close",
    view: "View",
    remove: "Delete",
    confirmDelete: "Delete document {id}?",
    uploadLabel: "Add a file (text, Markdown, HTML, JSONL, CSV)",
    uploadTextLabel: "Or paste a text to store",
    tokenLabel: "API token (if the server asks for one)",
    uploadButton: "Store",
    uploaded: "{added} document(s) added, {unchanged} already stored.",
    nothingToUpload: "Choose a file or paste a text first.",
    twinHeading: "The same request from the command line",
    twinHint: "Everything this page does is a call to the API; here is the last one, to repeat it or plug it into your tools. Full description at /openapi.json.",
    twinResponse: "Response (JSON)",
    footer: "tabayyun: the verdict is about what your sources say, not whether the claim is true of the world.",
    emptyClaim: "Write the claim first.",
    network: "Could not reach the server.",
    pasted: "Pasted text",
    openSource: "Open the source",
    storedDoc: "Document {id}",
    score: "score",
    verdicts: { supported: "Supported", refuted: "Refuted", conflicting: "Conflicting", not_enough_info: "Not enough info", mixed: "Partly supported" },
    stances: { agree: "agrees", disagree: "disagrees", discuss: "discusses", unrelated: "unrelated" },
    results: { match: "match", mismatch: "mismatch", not_comparable: "not comparable" },
    kinds: { quantity: "quantity", number: "number", date: "date", entity: "name", negation: "negation", percent: "percent", membership: "membership", completion: "done or under way", quantifier: "quantifier", naming: "naming" },
    partsHeading: "Parts of the claim",
    instead: "What the source says",
    partEvidence: "Evidence for this part",
    noPartEvidence: "No evidence for this part.",
  },
};

const state = { lang: "ar", lastResult: null, lastRequest: null, lastResponse: null, docs: [] };

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// only http(s) links from document metadata become links (no javascript:, data:)
function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

// ---- language ---------------------------------------------------------------------------------

function applyLanguage(lang) {
  state.lang = lang;
  const html = document.documentElement;
  html.lang = lang;
  html.dir = lang === "ar" ? "rtl" : "ltr";
  document.title = t("pageTitle");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const sw = $("lang-switch");
  sw.textContent = lang === "ar" ? "English" : "العربية";
  sw.lang = lang === "ar" ? "en" : "ar";
  sw.dir = lang === "ar" ? "ltr" : "rtl";
  sw.setAttribute("aria-label", lang === "ar" ? "Switch to English" : "التبديل إلى العربية");
  try { localStorage.setItem("tabayyun.lang", lang); } catch (e) { /* storage may be off */ }
  if (state.lastResult) renderResult(state.lastResult);
  renderDocs();
}

// ---- API calls (each one also shown as a curl command) -----------------------------------------

function shellQuote(s) {
  return "'" + String(s).replace(/'/g, "'\\''") + "'";
}

function showTwin(method, path, body, extraArgs) {
  const origin = window.location.origin;
  const parts = ["curl -s"];
  if (method !== "GET" && method !== "POST") parts.push("-X " + method);
  if (method === "POST" && !extraArgs) parts.push("-X POST");
  parts.push(shellQuote(origin + path));
  if (body !== undefined) {
    parts.push("-H 'content-type: application/json'");
    parts.push("-d " + shellQuote(JSON.stringify(body)));
  }
  if (extraArgs) parts.push(extraArgs);
  $("twin-request").textContent = parts.join(" \\\n  ");
}

async function api(method, path, body, opts) {
  const headers = Object.assign({}, (opts && opts.headers) || {});
  let payload;
  if (opts && opts.raw !== undefined) {
    payload = opts.raw;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (opts && opts.write) {
    const token = $("token").value.trim();
    if (token) headers["authorization"] = "Bearer " + token;
  }
  if (!(opts && opts.quiet)) showTwin(method, path, opts && opts.raw !== undefined ? undefined : body, opts && opts.curl);
  const { res, data } = await fetchJSON(path, { method, headers, body: payload });
  if (!(opts && opts.quiet)) $("twin-response").textContent = JSON.stringify(data, null, 2);
  if (!res.ok) throw httpError(res, data);
  return data;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

// ---- checking ---------------------------------------------------------------------------------

function checkRequest() {
  const claim = $("claim").value.trim();
  const body = { claim, context: true };
  const source = $("source").value;
  if (source.trim()) body.sources = [source];
  const picked = [...document.querySelectorAll("#pick-list input:checked")].map((i) => Number(i.value));
  if (picked.length) body.documents = picked;
  return body;
}

async function runCheck(event) {
  if (event) event.preventDefault();
  const body = checkRequest();
  if (!body.claim) {
    showError(t("emptyClaim"));
    $("claim").focus();
    return;
  }
  const button = $("check-button");
  button.disabled = true;
  button.textContent = t("checking");
  $("check-form").setAttribute("aria-busy", "true");
  showError("");
  try {
    const result = await api("POST", "/api/check", body);
    state.lastResult = result;
    state.lastRequest = body;
    renderResult(result);
    $("result").hidden = false;
    $("result-heading").focus();
  } catch (e) {
    showError(e.message);
  } finally {
    button.disabled = false;
    button.textContent = t("checkButton");
    $("check-form").removeAttribute("aria-busy");
  }
}

// Python offsets count code points; JS strings count UTF-16 units: slice on code points.
function renderParagraph(ctx) {
  const p = el("p", { class: "para", dir: "auto" });
  const cps = Array.from(ctx.paragraph);
  const base = ctx.offset;
  const evStart = ctx.start - base;
  const evEnd = ctx.end - base;
  const marks = (ctx.marks || []).map((m) => ({ start: m.start - base, end: m.end - base, kind: m.kind, result: m.result }));
  const cuts = new Set([0, cps.length, evStart, evEnd]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= cps.length).sort((a, b) => a - b);
  if (ctx.clipped_start) p.append("… ");
  let evMark = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === b) continue;
    let node = document.createTextNode(cps.slice(a, b).join(""));
    const m = marks.find((mk) => a >= mk.start && b <= mk.end);
    if (m) {
      node = el("span", { class: "cmp cmp-" + m.result, title: tMap("kinds", m.kind) + ": " + tMap("results", m.result) }, node);
    }
    if (a >= evStart && b <= evEnd) {
      if (!evMark) {
        evMark = el("mark", { class: "evidence-span" });
        p.append(evMark);
      }
      evMark.append(node);
    } else {
      p.append(node);
    }
  }
  if (ctx.clipped_end) p.append(" …");
  return p;
}

function sourceLink(ev, ctx) {
  const url = safeUrl(ctx && ctx.url);
  if (url) return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, t("openSource"));
  if (ev.document_id !== null && ev.document_id !== undefined) {
    const a = el("a", { href: "/api/documents/" + encodeURIComponent(ev.document_id), "data-doc": ev.document_id },
      t("storedDoc", { id: ev.document_id }));
    a.addEventListener("click", (e) => { e.preventDefault(); viewDocument(ev.document_id); });
    return a;
  }
  return el("span", {}, t("pasted"));
}

// one evidence sentence: its stance, score, source, and its paragraph with the sentence highlighted
function evidenceItem(ev, ctx) {
  const head = el("div", { class: "ev-head" },
    el("span", { class: "stance " + ev.stance }, tMap("stances", ev.stance)),
    el("span", {}, t("score") + " " + ev.score.toFixed(2)),
    el("span", { dir: "auto" }, (ctx && ctx.title) || ev.source),
    sourceLink(ev, ctx));
  const body = ctx ? renderParagraph(ctx) : el("p", { class: "para", dir: "auto" }, el("mark", { class: "evidence-span" }, ev.text));
  return el("li", { "data-stance": ev.stance }, head, body);
}

// the context of an evidence sentence, by where it is: the overall evidence holds every part's
function contextFinder(r) {
  const key = (ev) => [ev.document_id, ev.source, ev.start, ev.end].join("\u0000");
  const byKey = new Map();
  (r.evidence || []).forEach((ev, i) => { if (r.context && r.context[i]) byKey.set(key(ev), r.context[i]); });
  return (ev) => byKey.get(key(ev)) || null;
}

function reasonText(reason) {
  return reason ? (state.lang === "ar" ? reason.ar : reason.en) : "";
}

function correctionNode(c, node) {
  const target = node || el("p", { class: "correction", dir: "auto" });
  clear(target);
  if (!c) { target.hidden = true; return target; }
  target.hidden = false;
  target.append(el("strong", {}, t("instead") + ": "), el("span", { dir: "auto" }, state.lang === "ar" ? c.text_ar : c.text_en),
    " ", el("span", { class: "part-span", dir: "ltr" }, "(" + c.source + " [" + c.start + ":" + c.end + "])"));
  return target;
}

function partItem(p, i, findContext) {
  const badge = el("span", { class: "badge small " + p.verdict, "data-verdict": p.verdict }, tMap("verdicts", p.verdict));
  const head = el("div", { class: "part-head" },
    el("span", { class: "part-text", dir: "auto" }, p.text),
    badge,
    el("span", { dir: "ltr" }, Math.round(p.confidence * 100) + "%"),
    el("span", { class: "part-span", dir: "ltr" }, "[" + p.start + ":" + p.end + "]"));
  const items = [head, el("p", { class: "reason", dir: "auto" }, reasonText(p.reason))];
  if (p.correction) items.push(correctionNode(p.correction));
  const evList = el("ol", { class: "evidence", "aria-label": t("partEvidence") });
  for (const ev of p.evidence) evList.append(evidenceItem(ev, findContext(ev)));
  items.push(p.evidence.length ? evList : el("p", { class: "hint" }, t("noPartEvidence")));
  return el("li", { "data-verdict": p.verdict, "data-part": i }, ...items);
}

function renderResult(r) {
  $("claim-echo").textContent = r.claim;
  const badge = $("verdict");
  badge.className = "badge " + r.verdict;
  badge.textContent = tMap("verdicts", r.verdict);
  badge.dataset.verdict = r.verdict;
  $("confidence").textContent = Math.round(r.confidence * 100) + "%";
  $("reason").textContent = reasonText(r.reason);
  correctionNode(r.correction, $("correction"));

  const findContext = contextFinder(r);
  const parts = r.parts || [];
  const partList = $("parts");
  clear(partList);
  parts.forEach((p, i) => partList.append(partItem(p, i, findContext)));
  $("parts-section").hidden = parts.length <= 1;

  const list = $("evidence");
  clear(list);
  r.evidence.forEach((ev, i) => list.append(evidenceItem(ev, r.context ? r.context[i] : null)));
  $("no-evidence").hidden = r.evidence.length > 0;

  const tbody = $("checks").querySelector("tbody");
  clear(tbody);
  for (const c of r.checks) {
    tbody.append(el("tr", {},
      el("td", {}, tMap("kinds", c.kind)),
      el("td", { dir: "auto" }, c.claim_text),
      el("td", { dir: "auto" }, c.evidence_text),
      el("td", { class: "result-" + c.result }, tMap("results", c.result)),
      el("td", { dir: "auto" }, c.detail || ""),
      el("td", { dir: "auto" }, c.source || "")));
  }
  $("checks").hidden = r.checks.length === 0;
  $("no-checks").hidden = r.checks.length > 0;
}

// ---- ClaimReview ------------------------------------------------------------------------------

async function runClaimReview(event) {
  event.preventDefault();
  const body = Object.assign({}, state.lastRequest || checkRequest());
  delete body.context;
  if (!body.claim) { showError(t("emptyClaim")); return; }
  const url = $("review-url").value.trim();
  const author = $("claim-author").value.trim();
  const appearance = $("claim-url").value.trim();
  if (url) body.url = url;
  if (author) body.author = author;
  if (appearance) body.appearance = [appearance];
  showError("");
  try {
    const review = await api("POST", "/api/claimreview", body);
    const text = JSON.stringify(review, null, 2);
    const pre = $("review-json");
    pre.textContent = text;
    pre.hidden = false;
    const link = $("review-download");
    if (link.href && link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([text], { type: "application/ld+json" }));
    link.hidden = false;
  } catch (e) {
    showError(e.message);
  }
}

// ---- documents --------------------------------------------------------------------------------

async function loadDocs() {
  try {
    const data = await api("GET", "/api/documents?limit=200", undefined, { quiet: true });
    state.docs = data.documents;
  } catch (e) {
    state.docs = [];
    showError(e.message);
  }
  renderDocs();
}

function renderDocs() {
  const checked = new Set([...document.querySelectorAll("#pick-list input:checked")].map((i) => i.value));
  const pick = $("pick-list");
  clear(pick);
  const tbody = $("docs").querySelector("tbody");
  clear(tbody);
  for (const d of state.docs) {
    const id = "pick-" + d.id;
    const box = el("input", { type: "checkbox", id, value: d.id });
    box.checked = checked.has(String(d.id));
    pick.append(el("li", {}, box, " ", el("label", { for: id, dir: "auto" }, d.title || d.source)));

    const viewBtn = el("button", { type: "button", class: "secondary" }, t("view"));
    viewBtn.addEventListener("click", () => viewDocument(d.id));
    const delBtn = el("button", { type: "button", class: "danger" }, t("remove"));
    delBtn.addEventListener("click", () => deleteDocument(d.id));
    tbody.append(el("tr", { "data-id": d.id },
      el("td", {}, String(d.id)),
      el("td", { dir: "auto" }, d.title),
      el("td", { dir: "auto" }, d.source),
      el("td", {}, String(d.chars)),
      el("td", {}, el("span", { class: "actions" }, viewBtn, delBtn))));
  }
  $("pick-empty").hidden = state.docs.length > 0;
}

async function viewDocument(id) {
  showError("");
  try {
    const d = await api("GET", "/api/documents/" + encodeURIComponent(id));
    $("doc-view-title").textContent = d.title;
    $("doc-view-text").textContent = d.text;
    $("doc-view-link").href = "/api/documents/" + encodeURIComponent(id);
    $("doc-view").hidden = false;
    $("doc-view-title").focus();
  } catch (e) {
    showError(e.message);
  }
}

async function deleteDocument(id) {
  if (!window.confirm(t("confirmDelete", { id }))) return;
  showError("");
  try {
    await api("DELETE", "/api/documents/" + encodeURIComponent(id), undefined, { write: true });
    await loadDocs();
  } catch (e) {
    showError(e.message);
  }
}

async function upload(event) {
  event.preventDefault();
  showError("");
  const file = $("upload-file").files[0];
  const text = $("upload-text").value;
  try {
    let data;
    if (file) {
      const raw = await file.arrayBuffer();
      const path = "/api/documents?name=" + encodeURIComponent(file.name);
      data = await api("POST", path, undefined, {
        raw, write: true, headers: { "content-type": "text/plain" },
        curl: "-H 'content-type: text/plain' --data-binary @" + shellQuote(file.name),
      });
    } else if (text.trim()) {
      data = await api("POST", "/api/documents", { text }, { write: true });
    } else {
      showError(t("nothingToUpload"));
      return;
    }
    $("upload-form").reset();
    await loadDocs();
    showError("");
    $("twin-response").textContent = JSON.stringify(data, null, 2);
    const note = t("uploaded", { added: data.added.length, unchanged: data.unchanged.length });
    $("upload-form").querySelector(".actions").append(el("span", { role: "status", class: "hint" }, note));
  } catch (e) {
    showError(e.message);
  }
}

// ---- keyboard and start-up --------------------------------------------------------------------

function submitForm() {
  $("check-form").requestSubmit();
}

function init() {
  let lang = "ar";
  try { lang = localStorage.getItem("tabayyun.lang") || "ar"; } catch (e) { /* ignore */ }
  applyLanguage(lang === "en" ? "en" : "ar");
  $("lang-switch").addEventListener("click", () => applyLanguage(state.lang === "ar" ? "en" : "ar"));
  $("check-form").addEventListener("submit", runCheck);
  $("claim").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submitForm(); }
  });
  $("check-form").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submitForm(); }
  });
  $("review-form").addEventListener("submit", runClaimReview);
  $("upload-form").addEventListener("submit", upload);
  $("doc-view-close").addEventListener("click", () => { $("doc-view").hidden = true; });
  try { $("token").value = sessionStorage.getItem("tabayyun.token") || ""; } catch (e) { /* ignore */ }
  $("token").addEventListener("change", () => {
    try { sessionStorage.setItem("tabayyun.token", $("token").value); } catch (e) { /* ignore */ }
  });
  loadDocs();
}

document.addEventListener("DOMContentLoaded", init);
