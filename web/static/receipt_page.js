// The "check my signature" page: reads a receipt from the form (or from the link's fragment,
// which the browser never sends to the server), checks it with log_check.js and says the result.
import { checkReceipt } from "./log_check.js";

const form = document.getElementById("receipt-form");
const output = document.getElementById("receipt-result");
const petitionId = form.dataset.petition;
form.hidden = false;  // without JavaScript the page explains the alternatives instead

const verdicts = {
  included: "Your signature is in the petition's public log.",
  not_included: "This receipt does not match the petition's public log.",
  invalid_receipt: "This is not a complete receipt.",
};

function show(heading, checks, footnote) {
  output.replaceChildren();
  const h = document.createElement("h2");
  h.textContent = heading;
  output.append(h);
  if (checks.length > 0) {
    const list = document.createElement("ul");
    for (const c of checks) {
      const item = document.createElement("li");
      const mark = c.ok === true ? "Holds" : c.ok === false ? "Fails" : "Not checked";
      item.textContent = `${mark}: ${c.detail}`;
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
  show("Checking…", []);
  try {
    const r = await checkReceipt(receipt);
    const when = r.timestampMs ? new Date(r.timestampMs).toISOString() : "";
    show(verdicts[r.verdict], r.checks,
      r.treeSize ? `Checked against the tree head of ${r.treeSize} entries signed at ${when}.` : "");
    output.dataset.verdict = r.verdict;
  } catch (e) {
    show("The check could not be completed.", [], String(e.message || e));
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
