// Unit tests of web/static/log_check.js, the receipt check that runs in signers' browsers:
// RFC 6962 reference roots and every inclusion proof of the Certificate Transparency reference
// leaves, the receipt pseudonym's published test vector, and the leaf decoder.
// Run: node --test tests/web/log_check_test.mjs (ctest runs it).
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import test from "node:test";

if (!globalThis.crypto) globalThis.crypto = webcrypto;
const lc = await import(new URL("../../web/static/log_check.js", import.meta.url));

// The Certificate Transparency reference leaves and the roots of their first n (RFC 6962 tests).
const leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
  "606162636465666768696a6b6c6d6e6f"].map(lc.hexToBytes);
const roots = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

async function node(left, right) {
  const bytes = new Uint8Array(65);
  bytes[0] = 1;
  bytes.set(left, 1);
  bytes.set(right, 33);
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

function split(n) {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// RFC 6962 §2.1 MTH and §2.1.1 PATH, written out independently of the module under test.
async function mth(hashes) {
  if (hashes.length === 1) return hashes[0];
  const k = split(hashes.length);
  return node(await mth(hashes.slice(0, k)), await mth(hashes.slice(k)));
}
async function path(m, hashes) {
  if (hashes.length === 1) return [];
  const k = split(hashes.length);
  return m < k
    ? [...(await path(m, hashes.slice(0, k))), await mth(hashes.slice(k))]
    : [...(await path(m - k, hashes.slice(k))), await mth(hashes.slice(0, k))];
}

const hashes = await Promise.all(leaves.map((l) => lc.leafHash(l)));

test("the reference roots", async () => {
  for (let n = 1; n <= 8; n++) assert.equal(lc.bytesToHex(await mth(hashes.slice(0, n))), roots[n - 1]);
});

test("every inclusion proof of every reference tree leads to its root", async () => {
  for (let n = 1; n <= 8; n++) {
    for (let m = 0; m < n; m++) {
      const proof = await path(m, hashes.slice(0, n));
      const root = await lc.rootFromInclusionProof(m, n, hashes[m], proof);
      assert.equal(root && lc.bytesToHex(root), roots[n - 1], `leaf ${m} of ${n}`);
    }
  }
});

test("the CT reference audit paths", async () => {
  const proof = ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"].map(lc.hexToBytes);
  assert.equal(lc.bytesToHex(await lc.rootFromInclusionProof(5, 8, hashes[5], proof)), roots[7]);
});

test("wrong proofs do not lead to the root", async () => {
  const proof = await path(5, hashes);
  const wrong = async (index, size, leaf, p) => {
    const r = await lc.rootFromInclusionProof(index, size, leaf, p);
    return r === null || lc.bytesToHex(r) !== roots[7];
  };
  assert.ok(await wrong(5, 8, hashes[4], proof), "another leaf");
  assert.ok(await wrong(4, 8, hashes[5], proof), "another index");
  assert.ok(await wrong(5, 8, hashes[5], proof.slice(1)), "a step short");
  assert.ok(await wrong(5, 8, hashes[5], [...proof, proof[0]]), "a step too many");
  assert.ok(await wrong(8, 8, hashes[5], proof), "past the end");
  const tampered = proof.map((h) => h.slice());
  tampered[1][0] ^= 1;
  assert.ok(await wrong(5, 8, hashes[5], tampered), "a changed hash");
});

test("the receipt pseudonym's published vector", async () => {
  // docs/transparency-log.md and tests/domain/receipt_test.cc: secret of token
  // "dGhpcyBpcyBhIHRva2VuIG9mIDQzIGNoYXJhY3RlcnM", on petition 7.
  const secret = lc.hexToBytes("e9d1a22e759a490ce99afddda2f0acd123ef8a5ef0dd5e5db120d1e2f65d6eaa");
  assert.equal(lc.bytesToHex(await lc.receiptPseudonym(secret, 7)),
    "8f888a7e325dc9b50d413ecf42be83fd299d1a2ebaffe38ade157353b6af52c2");
});

test("leaves decode as the specification says, and nothing else does", () => {
  // The example of docs/transparency-log.md: petition 7, 2024-06-09T10:00:00Z, Astana.
  const leaf = lc.hexToBytes("0101" + "0000000000000007" + "0000000066657d20" + "ab".repeat(32) +
    "06" + "617374616e61");
  const e = lc.decodeLeaf(leaf);
  assert.equal(e.type, "signature");
  assert.equal(e.petitionId, 7n);
  assert.equal(e.timestamp, 1717927200n);
  assert.equal(e.region, "astana");
  assert.equal(lc.bytesToHex(e.pseudonym), "ab".repeat(32));
  assert.equal(lc.decodeLeaf(leaf.slice(0, -1)), null);
  const v2 = leaf.slice();
  v2[0] = 2;
  assert.equal(lc.decodeLeaf(v2), null);
  assert.equal(lc.hexToBytes("xyz"), null);
});
