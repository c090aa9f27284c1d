// Runs the browser's receipt check (web/static/log_check.js) under Node.js against a live site:
//   node check_receipt.mjs URL PETITION INDEX SECRET [LEAF_HASH]
// Prints the result as JSON; exits 0 when the receipt is included, 1 when not, 2 on error.
// Node 18 needs WebCrypto put where browsers have it before the module loads.
import { webcrypto } from "node:crypto";

if (!globalThis.crypto) globalThis.crypto = webcrypto;
const here = new URL(".", import.meta.url);
const { checkReceipt } = await import(new URL("../../web/static/log_check.js", here));

const [baseUrl, petitionId, index, secretHex, leafHashHex] = process.argv.slice(2);
try {
  const result = await checkReceipt({ petitionId, index, secretHex, leafHashHex }, { baseUrl });
  console.log(JSON.stringify(result));
  process.exit(result.verdict === "included" ? 0 : 1);
} catch (e) {
  console.log(JSON.stringify({ error: String(e.message || e) }));
  process.exit(2);
}
