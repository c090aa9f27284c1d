// The "check my signature" page: reads a receipt from the form (or from the link's fragment,
// which the browser never sends to the server), checks it with log_check.js and says the result.
import { checkReceipt } from "./log_check.js";

const form = document.getElementById("receipt-form");
const output = document.getElementById("receipt-result");
const petitionId = form.dataset.petition;
form.hidden = false;  // without JavaScript the page explains the alternatives instead

// The page's texts in its language (a JSON block the server renders from its catalogue).
const texts = JSON.parse(document.getElementById("receipt-texts").textContent);
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, k) => (k in values ? values[k] : all));
const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");
// "5 August 2024, 10:00:00 UTC" with the catalogue's words, as the server writes dates.
function formatUtc(ms) {
  const d = new Date(ms);
  const day = fill(texts.date_format, {
    day: d.getUTCDate(), month: texts[`month_${d.getUTCMonth() + 1}`], year: d.getUTCFullYear(),
  });
  return `${day}, ${d.toISOString().slice(11, 19)} UTC`;
}
let checkedSize = 0;

function describe(check, index) {
  const outcome = check.ok === true ? "ok" : check.ok === false ? "fail" : "unknown";
  const text = texts[`${check.name}_${outcome}`];
  return text ? fill(text, { size: numbers.format(checkedSize), index }) : check.detail;
}

function show(heading, checks, footnote, index = "") {
  output.replaceChildren();
  const h = document.createElement("h2");
  h.textContent = heading;
  output.append(h);
  if (checks.length > 0) {
    const list = document.createElement("ul");
    for (const c of checks) {
      const item = document.createElement("li");
      const mark = c.ok === true ? texts.holds : c.ok === false ? texts.fails : texts.not_checked;
      item.textContent = `${mark}: ${describe(c, index)}`;
      list.append(item);
    }
    output.append(list);
  }
  if (footnote) {
    const p = document.createElement("p");
    p.textContent = footnote;
    output.append(p);
  }
  h.tabIndex = -1;
  h.focus();
}

async function run() {
  const receipt = {
    petitionId,
    index: form.elements.index.value.trim(),
    secretHex: form.elements.secret.value.trim().toLowerCase(),
    leafHashHex: form.elements.leaf_hash.value.trim(),
  };
  show(texts.checking, []);
  try {
    const r = await checkReceipt(receipt);
    checkedSize = r.treeSize || 0;
    const when = r.timestampMs ? formatUtc(r.timestampMs) : "";
    show(texts[r.verdict], r.checks,
      r.treeSize ? fill(texts.footnote, { size: numbers.format(r.treeSize), when }) : "",
      receipt.index);
    output.dataset.verdict = r.verdict;
  } catch (e) {
    show(texts.error, [], String(e.message || e));
    output.dataset.verdict = "error";
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});

const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get("index") !== null && fragment.get("secret") !== null) {
  form.elements.index.value = fragment.get("index");
  form.elements.secret.value = fragment.get("secret");
  if (fragment.get("leaf_hash") !== null) form.elements.leaf_hash.value = fragment.get("leaf_hash");
  run();
}
