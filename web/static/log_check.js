// Checks a signer's receipt against a petition's transparency log, in the signer's own browser,
// with nothing but the public API and the published algorithms (docs/transparency-log.md):
// the tree head's Ed25519 signature, the entry's pseudonym recomputed from the receipt secret,
// the leaf hash, and the RFC 9162 §2.1.3.2 inclusion proof up to the signed root.
// The receipt secret never leaves this code: it is used only inside WebCrypto.
// Works in browsers and in Node.js 18+ (globalThis.crypto, fetch).

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();

export function hexToBytes(hex) {
  if (typeof hex !== "string" || !/^([0-9a-f]{2})*$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

export function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function base64ToBytes(text) {
  const raw = atob(text);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function bigEndian64(n) {
  const out = new Uint8Array(8);
  let v = BigInt(n);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function readU64(bytes, at) {
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(bytes[at + i]);
  return v;
}

function equalBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function sha256(bytes) {
  return new Uint8Array(await subtle.digest("SHA-256", bytes));
}

export async function leafHash(leaf) {
  return sha256(concat(Uint8Array.of(0), leaf));
}

async function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

// HMAC-SHA-256 keyed by the receipt secret of "petitio-pseudonym/v1" and the petition id.
export async function receiptPseudonym(secret, petitionId) {
  const key = await subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const data = concat(encoder.encode("petitio-pseudonym/v1"), bigEndian64(petitionId));
  return new Uint8Array(await subtle.sign("HMAC", key, data));
}

// The fixed part of a version-1 leaf; see the table in docs/transparency-log.md.
export function decodeLeaf(leaf) {
  if (leaf.length < 51 || leaf[0] !== 1 || leaf[1] < 1 || leaf[1] > 3) return null;
  const type = ["", "signature", "invalidation", "withdrawal"][leaf[1]];
  const regionLength = leaf[50];
  const expected = 51 + regionLength + (type === "signature" ? 0 : 8);
  if (leaf.length !== expected) return null;
  return {
    type,
    petitionId: readU64(leaf, 2),
    timestamp: readU64(leaf, 10),
    pseudonym: leaf.slice(18, 50),
    region: new TextDecoder().decode(leaf.slice(51, 51 + regionLength)),
  };
}

// RFC 9162 §2.1.3.2: the root that an audit path leads to from leaf `index` of `treeSize`,
// or null when the path has the wrong shape.
export async function rootFromInclusionProof(index, treeSize, leafHashBytes, path) {
  if (index >= treeSize) return null;
  let fn = BigInt(index);
  let sn = BigInt(treeSize) - 1n;
  let r = leafHashBytes;
  for (const p of path) {
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

// True or false for a valid or invalid signature; null when this engine has no Ed25519.
export async function verifyTreeHead(publicKey, petitionId, sth) {
  const text = `petitio-sth/v1 ${petitionId} ${sth.tree_size} ${sth.timestamp_ms} ${sth.root_hash}`;
  let key;
  try {
    key = await subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
  } catch {
    return null;
  }
  return subtle.verify({ name: "Ed25519" }, key, base64ToBytes(sth.signature), encoder.encode(text));
}

async function getJson(fetchFn, url) {
  const response = await fetchFn(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

// Checks one receipt. `receipt` is {petitionId, index, secretHex, leafHashHex?}; `baseUrl` is
// the site ("" in a page of the site). Returns {verdict: "included" | "not_included" |
// "invalid_receipt", checks: [{name, ok, detail}], treeSize, timestampMs}; `ok` is null for a
// check this engine cannot make. Network failures reject.
export async function checkReceipt(receipt, { baseUrl = "", fetchFn = globalThis.fetch } = {}) {
  const checks = [];
  const add = (name, ok, detail) => checks.push({ name, ok, detail });
  const secret = hexToBytes(receipt.secretHex);
  const index = Number(receipt.index);
  if (!secret || secret.length !== 32 || !Number.isSafeInteger(index) || index < 0) {
    add("receipt", false, "the receipt secret must be 64 hexadecimal digits and the entry a number");
    return { verdict: "invalid_receipt", checks };
  }
  const pid = receipt.petitionId;
  const logUrl = `${baseUrl}/api/v1/petitions/${pid}/log`;
  const key = await getJson(fetchFn, `${baseUrl}/api/v1/log/key`);
  const sth = await getJson(fetchFn, `${logUrl}/sth`);
  const signed = await verifyTreeHead(base64ToBytes(key.public_key), pid, sth);
  add("tree_head_signature", signed,
    signed === null ? "this browser cannot check Ed25519 signatures"
      : `the server's signature on the tree head of ${sth.tree_size} entries`);
  const result = (verdict) => ({ verdict, checks, treeSize: sth.tree_size, timestampMs: sth.timestamp_ms });
  if (signed === false) return result("not_included");
  if (index >= sth.tree_size) {
    add("in_tree", false, `the signed log has ${sth.tree_size} entries; entry ${index} is not among them`);
    return result("not_included");
  }
  const entries = await getJson(fetchFn, `${logUrl}/entries?start=${index}&end=${index}`);
  const leaf = base64ToBytes(entries.entries[0].leaf);
  const decoded = decodeLeaf(leaf);
  const mine = await receiptPseudonym(secret, pid);
  const isMine = decoded !== null && decoded.type === "signature" &&
    decoded.petitionId === BigInt(pid) && equalBytes(decoded.pseudonym, mine);
  add("entry_is_yours", isMine, isMine
    ? `entry ${index} is a signature whose pseudonym comes from your secret`
    : `entry ${index} is not a signature made with this receipt secret`);
  if (!isMine) return result("not_included");
  const hash = await leafHash(leaf);
  if (receipt.leafHashHex) {
    const same = bytesToHex(hash) === receipt.leafHashHex.toLowerCase();
    add("entry_hash", same, same ? "the entry hash on your receipt" : "the entry differs from your receipt");
    if (!same) return result("not_included");
  }
  const proof = await getJson(fetchFn, `${logUrl}/proof?index=${index}&tree_size=${sth.tree_size}`);
  const root = await rootFromInclusionProof(index, sth.tree_size, hash, proof.audit_path.map(hexToBytes));
  const included = root !== null && bytesToHex(root) === sth.root_hash;
  add("inclusion_proof", included, included
    ? "the audit path leads from your entry to the signed root"
    : "the audit path does not lead to the signed root");
  return result(included ? "included" : "not_included");
}
