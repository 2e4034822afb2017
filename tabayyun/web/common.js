"use strict";
// What both pages share (index.html, claims.html); loaded before each page's own script, which
// defines STRINGS (per language) and state (with state.lang) as globals.

const $ = (id) => document.getElementById(id);

function t(key, vars) {
  let s = STRINGS[state.lang][key];
  if (s === undefined) s = STRINGS.en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace("{" + k + "}", String(v));
  return s;
}

function tMap(group, key) {
  return (STRINGS[state.lang][group] || {})[key] || key;
}

// createElement + textContent only: never parses markup
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = String(v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return node;
}

// fetch + JSON: a network failure is one translated message, an error status the API's own message
async function fetchJSON(path, init) {
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new Error(t("network"));
  }
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    data = null;
  }
  return { res, data };
}

function httpError(res, data) {
  const msg = data && typeof data.error === "string" ? data.error : res.status + " " + res.statusText;
  return new Error(msg + " (HTTP " + res.status + ")");
}
