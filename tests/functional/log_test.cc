// The transparency log through the real binary, checked the way a third party would: the tree
// head's Ed25519 signature with OpenSSL, the root rebuilt from the downloaded leaves, inclusion
// and consistency proofs with the RFC 9162 algorithms, and the count recomputed from the log.
#include <openssl/evp.h>

#include "domain/log_entry.h"
#include "domain/merkle.h"
#include "domain/tree_head.h"
#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

bool Ed25519Verifies(const std::string& public_key, const std::string& text,
                     const std::string& signature) {
  EVP_PKEY* key = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(public_key.data()),
      public_key.size());
  if (key == nullptr) return false;
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(md, nullptr, nullptr, nullptr, key) == 1 &&
      EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size()) == 1;
  EVP_MD_CTX_free(md);
  EVP_PKEY_free(key);
  return ok;
}

struct Head {
  uint64_t size = 0;
  int64_t timestamp_ms = 0;
  std::string root_hex;
  std::string signature;
};

class LogTest : public SiteTest {
 protected:
  Head GetHead(int64_t id) {
    const HttpReply r = Get("/api/v1/petitions/" + std::to_string(id) + "/log/sth");
    EXPECT_EQ(r.status, 200) << r.body;
    const boost::json::value v = Json(r);
    return {static_cast<uint64_t>(v.at("tree_size").as_int64()), v.at("timestamp_ms").as_int64(),
            std::string(v.at("root_hash").as_string()),
            FromBase64(std::string(v.at("signature").as_string())).value_or("")};
  }
  std::vector<MerkleHash> Hashes(const boost::json::value& v, const char* key) {
    std::vector<MerkleHash> out;
    for (const auto& h : v.at(key).as_array()) {
      out.push_back(MerkleHashFromHex(std::string(h.as_string())).value());
    }
    return out;
  }
};

TEST_F(LogTest, AThirdPartyChecksHeadsLeavesProofsAndTheCount) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  for (int i = 0; i < 5; ++i) SignAndConfirm(id, "log" + std::to_string(i) + "@example.org");
  const std::string base = "/api/v1/petitions/" + std::to_string(id) + "/log";

  const boost::json::value key = Json(Get("/api/v1/log/key"));
  EXPECT_EQ(key.at("algorithm").as_string(), "ed25519");
  const std::string public_key = FromBase64(std::string(key.at("public_key").as_string())).value();

  const Head head = GetHead(id);
  ASSERT_EQ(head.size, 6u);  // the initiator and five signers
  const std::string text = "petitio-sth/v1 " + std::to_string(id) + " 6 " +
                           std::to_string(head.timestamp_ms) + " " + head.root_hex;
  EXPECT_TRUE(Ed25519Verifies(public_key, text, head.signature));
  EXPECT_FALSE(Ed25519Verifies(public_key, text + " ", head.signature));

  const boost::json::value entries = Json(Get(base + "/entries?start=0&end=5"));
  std::vector<MerkleHash> leaves;
  int64_t count = 0;
  for (const auto& e : entries.at("entries").as_array()) {
    const std::string leaf = FromBase64(std::string(e.at("leaf").as_string())).value();
    leaves.push_back(LeafHash(leaf));
    const LogEntry decoded = DecodeLogEntry(leaf).value();
    EXPECT_EQ(e.at("type").as_string(), LogEntryTypeName(decoded.type));
    count += decoded.type == LogEntryType::kSignature ? 1 : -1;
  }
  EXPECT_EQ(ToHex(RootOf(leaves)), head.root_hex);
  EXPECT_EQ(count, CountFor(id));

  const boost::json::value proof = Json(Get(base + "/proof?index=3&tree_size=6"));
  EXPECT_EQ(proof.at("leaf_index").as_int64(), 3);
  EXPECT_TRUE(VerifyInclusion(3, 6, leaves[3], Hashes(proof, "audit_path"),
                              MerkleHashFromHex(head.root_hex).value()));

  // A withdrawal grows the log; the new head is consistent with the old one.
  const std::string token = TokenFromMail("log4@example.org", "/confirm?token=");
  ASSERT_EQ(Post("/api/v1/signatures/withdraw", R"({"token":")" + token + R"("})").status, 200);
  const Head later = GetHead(id);
  ASSERT_EQ(later.size, 7u);
  const boost::json::value consistency = Json(Get(base + "/consistency?first=6&second=7"));
  EXPECT_TRUE(VerifyConsistency(6, 7, MerkleHashFromHex(head.root_hex).value(),
                                MerkleHashFromHex(later.root_hex).value(),
                                Hashes(consistency, "consistency")));
  const boost::json::value last = Json(Get(base + "/entries?start=6&end=6"));
  EXPECT_EQ(last.at("entries").as_array()[0].at("type").as_string(), "withdrawal");
  EXPECT_EQ(last.at("entries").as_array()[0].at("cancels").as_int64(), 5);
  const boost::json::value petition = Json(Get("/api/v1/petitions/" + std::to_string(id)));
  EXPECT_EQ(petition.at("log").at("tree_size").as_int64(), 7);
  EXPECT_EQ(petition.at("signature_count").as_int64(), 5);

  for (const char* bad : {"/entries?start=0", "/entries?start=0&end=7", "/entries?start=5&end=2",
                          "/proof?index=6&tree_size=6", "/proof?index=0&tree_size=99",
                          "/consistency?first=0&second=3", "/consistency?first=x&second=3"}) {
    const HttpReply r = Get(base + bad);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
  }
  EXPECT_EQ(Get("/api/v1/petitions/99999/log/sth").status, 404);
}

TEST_F(LogTest, VerifyChecksTheLogAndReportsTamperingAndDroppedEntries) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  for (int i = 0; i < 4; ++i) SignAndConfirm(id, "v" + std::to_string(i) + "@example.org");
  const std::string url = "http://127.0.0.1:" + std::to_string(server_->port());
  const std::string state = data_dir_ + "/verify.state";
  const std::vector<std::string> args = {"verify",           "--url",   url,  "--petition",
                                         std::to_string(id), "--state", state};
  CommandResult r = RunPetitio(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ok   tree head of size 5 is signed by the log key"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("ok   the count recomputed from the log (5) is the petition's count"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("the log checks out"), std::string::npos);

  SignAndConfirm(id, "v4@example.org");
  r = RunPetitio(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ok   the log extends the tree head seen before (size 5)"),
            std::string::npos)
      << r.output;

  auto exec = [this](const std::string& sql) { EXPECT_TRUE(ExecStoreSql(data_dir_, sql)); };
  const std::string pid = std::to_string(id);
  // One stored leaf rewritten (a copy of another, so it still decodes).
  exec("UPDATE log_entries SET leaf = (SELECT leaf FROM log_entries WHERE petition_id = " + pid +
       " AND idx = 1) WHERE petition_id = " + pid + " AND idx = 2");
  r = RunPetitio(args);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL the root rebuilt from the entries is the signed root"),
            std::string::npos)
      << r.output;
  // One entry dropped.
  exec("DELETE FROM log_entries WHERE petition_id = " + pid + " AND idx = 3");
  r = RunPetitio(args);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL entries 0-5 are all served (got 5)"), std::string::npos)
      << r.output;
  EXPECT_EQ(RunPetitio({"verify", "--url", "http://127.0.0.1:1", "--petition", pid}).exit_code, 2);
}

}  // namespace
}  // namespace petitio::testing
