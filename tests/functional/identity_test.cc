// Signers under Kazakhstan's rules prove their IIN: a bad number or an under-age signer is
// refused with a clear 4xx and changes nothing; one IIN counts once per petition whatever
// e-mail it comes with, and once on each of two petitions; no raw IIN reaches the database or
// the outbox. The IINs here are made up, with valid check digits (KZ.md's algorithm).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "jwt_test_signer.h"
#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

constexpr const char* kInitiatorIin = "850720400136";  // 20 July 1985, female
constexpr const char* kAdultIin = "921102300772";      // 2 November 1992, male
constexpr const char* kSecondIin = "880505400413";     // 5 May 1988, female
constexpr const char* kChildIin = "100315500016";      // 15 March 2010, male: under 18

class KazakhIdentityTest : public SiteTest {
 protected:
  // A KZ petition to a district akimat (2,500 signatures), taken to `open` with its 50
  // supporters, each with a distinct made-up IIN.
  int64_t OpenKazakhPetition(const std::string& initiator, int first_birth_day) {
    const int64_t id =
        CreateConfirmed("kz", initiator, R"("addressee_level":"district_akimat",)", kInitiatorIin);
    EXPECT_EQ(PostAdmin("/api/v1/admin/petitions/" + std::to_string(id) + "/moderation",
                        R"({"decision":"publish"})")
                  .status,
              200);
    const std::string token = TokenFromMail(initiator, "/sponsor?token=");
    for (int i = 0; i < 50; ++i) {
      const std::string email =
          "kz-sponsor" + std::to_string(id) + "-" + std::to_string(i) + "@example.org";
      Sign(id, email, MadeUpIin(first_birth_day + i), "/sponsors", token);
    }
    return id;
  }
  // Born 1 + d days into 1970 (d < 300), serial 0001..: a valid IIN from KZ.md's algorithm.
  static std::string MadeUpIin(int d) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    while (d >= kDays[month]) d -= kDays[month++];
    for (int serial = 1;; ++serial) {
      char digits[32];
      std::snprintf(digits, sizeof digits, "70%02d%02d3%04d", month + 1, d + 1, serial % 10000);
      const int w1[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
      const int w2[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
      int s = 0;
      for (int i = 0; i < 11; ++i) s += (digits[i] - '0') * w1[i];
      s %= 11;
      if (s == 10) {
        s = 0;
        for (int i = 0; i < 11; ++i) s += (digits[i] - '0') * w2[i];
        s %= 11;
        if (s == 10) continue;
      }
      return std::string(digits) + static_cast<char>('0' + s);
    }
  }
  HttpReply Sign(int64_t id, const std::string& email, const std::string& iin,
                 const std::string& path = "/signatures", const std::string& token = "") {
    std::string body = R"({"name":"Asel","email":")" + email + R"(","national_id":")" + iin + "\"";
    if (!token.empty()) body += R"(,"sponsor_token":")" + token + "\"";
    const HttpReply r = Post("/api/v1/petitions/" + std::to_string(id) + path, body + "}");
    if (r.status == 202) {
      // The newest confirmation mail to this address (mails of one millisecond sort in any
      // order, so the outbox's last file may be another signer's receipt).
      const std::vector<std::string> mails = SentMail(data_dir_);
      for (auto m = mails.rbegin(); m != mails.rend(); ++m) {
        if (m->find("<" + email + ">") == std::string::npos) continue;
        const std::string t = ExtractToken(*m, "/confirm?token=");
        if (!t.empty()) Post("/api/v1/signatures/confirm", R"({"token":")" + t + R"("})");
        break;
      }
    }
    return r;
  }
};

TEST_F(KazakhIdentityTest, OneIinCountsOncePerPetitionAndNothingRawIsKept) {
  const int64_t a = OpenKazakhPetition("kz-a@example.org", 0);
  const int64_t b = OpenKazakhPetition("kz-b@example.org", 100);
  ASSERT_EQ(Json(Get("/api/v1/petitions/" + std::to_string(a))).at("state").as_string(), "open");
  const int64_t before = CountFor(a);

  // Refused with a clear reason, nothing written.
  for (const auto& [iin, code] :
       std::vector<std::pair<std::string, std::string>>{{"", "missing_national_id"},
                                                        {"92110230077", "invalid_national_id"},
                                                        {"921102300773", "invalid_national_id"},
                                                        {"92110230077x", "invalid_national_id"},
                                                        {kChildIin, "signer_under_age"}}) {
    const HttpReply r = Sign(a, "refused@example.org", iin);
    EXPECT_EQ(r.status, 400) << iin << ": " << r.body;
    EXPECT_NE(r.body.find(code), std::string::npos) << r.body;
    if (!iin.empty()) {
      EXPECT_EQ(r.body.find(iin), std::string::npos) << "never echoed";
    }
  }
  EXPECT_EQ(CountFor(a), before);

  // One IIN, two mailboxes: counted once on a; once more on b.
  ASSERT_EQ(Sign(a, "asel@example.org", kAdultIin).status, 202);
  EXPECT_EQ(CountFor(a), before + 1);
  ASSERT_EQ(Sign(a, "other-mailbox@example.org", std::string(" ") + kAdultIin).status, 202);
  EXPECT_EQ(CountFor(a), before + 1) << "the same IIN signs once";
  int notes_to_record = 0;
  for (const std::string& m : SentMail(data_dir_)) {
    EXPECT_EQ(m.find("<other-mailbox@example.org>"), std::string::npos)
        << "the note goes to the address on record, not to whoever typed the number";
    if (m.find("<asel@example.org>") != std::string::npos &&
        m.find("You have already signed") != std::string::npos) {
      ++notes_to_record;
    }
  }
  EXPECT_EQ(notes_to_record, 1);
  ASSERT_EQ(Sign(b, "asel@example.org", kAdultIin).status, 202);
  ASSERT_EQ(Sign(a, "second@example.org", kSecondIin).status, 202);
  EXPECT_EQ(CountFor(a), before + 2);
  EXPECT_EQ(CountFor(b), 51 + 1);  // initiator, 50 supporters, one signer

  // No raw IIN in the database files or the outbox.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data_dir_)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    for (const std::string& iin : {std::string(kInitiatorIin), std::string(kAdultIin),
                                   std::string(kSecondIin), MadeUpIin(0), MadeUpIin(149)}) {
      EXPECT_EQ(bytes.str().find(iin), std::string::npos) << entry.path();
    }
  }
}

// The same rules with signers proven by an identity provider the test plays: it holds the key
// pair, the server trusts the public key, and each signer is one request.
class KazakhIdpTest : public KazakhIdentityTest {
 protected:
  void SetUp() override {
    idp_dir_ = MakeTempDir("petitio-idp");
    std::ofstream(idp_dir_ + "/egov.pem") << key_.PublicPem();
    std::ofstream(idp_dir_ + "/idp.toml")
        << "id = \"egov\"\nissuer = \"https://idp.egov.test\"\naudience = \"petitio\"\n"
           "public_key_file = \"egov.pem\"\n";
    KazakhIdentityTest::SetUp();
  }
  void TearDown() override {
    KazakhIdentityTest::TearDown();
    RemoveTree(idp_dir_);
  }
  std::vector<std::string> ExtraServeArgs() override {
    return {"--no-rate-limits", "--idp", idp_dir_ + "/idp.toml"};
  }
  std::string Nonce(int64_t id) {
    const HttpReply r = Post("/api/v1/petitions/" + std::to_string(id) + "/idp/nonce", "{}");
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(Json(r).at("nonce").as_string());
  }
  std::string Token(const std::string& iin, const std::string& nonce, int64_t exp_offset = 300,
                    const TestKey* key = nullptr) {
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    return SignedJwt(key ? *key : key_, {{"iss", "https://idp.egov.test"},
                                         {"aud", "petitio"},
                                         {"sub", "subject-" + iin},
                                         {"iin", iin},
                                         {"name", "Asel K."},
                                         {"nonce", nonce},
                                         {"iat", now - 10},
                                         {"exp", now + exp_offset}});
  }
  HttpReply SignIdp(int64_t id, const std::string& token, const std::string& nonce) {
    return Post("/api/v1/petitions/" + std::to_string(id) + "/signatures/idp",
                R"({"id_token":")" + token + R"(","nonce":")" + nonce + R"(","region":"astana"})");
  }
  TestKey key_ = TestKey::Rsa();
  std::string idp_dir_;
};

TEST_F(KazakhIdpTest, ProvenSignersCountAtOnceAndOnceOnTheirIin) {
  const int64_t id = OpenKazakhPetition("kz-idp@example.org", 0);
  const int64_t before = CountFor(id);

  std::string nonce = Nonce(id);
  HttpReply r = SignIdp(id, Token(kAdultIin, nonce), nonce);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Json(r).at("newly_counted").as_bool());
  EXPECT_EQ(CountFor(id), before + 1) << "one request, counted at once";
  // The answer is the signer's only receipt; its entry is the newest of the log.
  const boost::json::value answer = Json(r);
  const boost::json::value& receipt = answer.at("receipt");
  EXPECT_EQ(receipt.at("secret").as_string().size(), 64u);
  const HttpReply head = Get("/api/v1/petitions/" + std::to_string(id) + "/log/sth");
  EXPECT_EQ(receipt.at("log_index").as_int64() + 1, Json(head).at("tree_size").as_int64());

  nonce = Nonce(id);
  r = SignIdp(id, Token(kAdultIin, nonce), nonce);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(Json(r).at("newly_counted").as_bool());
  EXPECT_FALSE(Json(r).as_object().contains("receipt")) << "the secret was not kept";
  ASSERT_EQ(Sign(id, "asel@example.org", kAdultIin).status, 202);
  EXPECT_EQ(CountFor(id), before + 1) << "the same IIN by e-mail counts no more";

  // Refused: wrong nonce, expired, another key, an under-age IIN, a token without a nonce match.
  nonce = Nonce(id);
  const TestKey stranger = TestKey::Rsa();
  for (const auto& [token, used_nonce, code] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {Token(kSecondIin, nonce), nonce + "x", "invalid_nonce"},
           {Token(kSecondIin, "other"), nonce, "id_token_nonce"},
           {Token(kSecondIin, nonce, -3600), nonce, "id_token_expired"},
           {Token(kSecondIin, nonce, 300, &stranger), nonce, "id_token_signature"},
           {Token(kChildIin, nonce), nonce, "signer_under_age"},
           {"not.a.jwt", nonce, "invalid_id_token"},
       }) {
    r = SignIdp(id, token, used_nonce);
    EXPECT_EQ(r.status, 400) << code << ": " << r.body;
    EXPECT_NE(r.body.find(code), std::string::npos) << r.body;
  }
  EXPECT_EQ(CountFor(id), before + 1);
  const boost::json::value p = Json(Get("/api/v1/petitions/" + std::to_string(id)));
  EXPECT_EQ(p.at("signatures_by_region").as_array().at(0).at("code").as_string(), "astana");
}

// The nonce is bound to its petition and time, not to one signer: a client asks once and each
// signer's signing is one request (docs/api.md).
TEST_F(KazakhIdpTest, OneNonceServesManySignersOfItsPetitionOnly) {
  const int64_t id = OpenKazakhPetition("kz-idp-many@example.org", 0);
  const int64_t other = OpenKazakhPetition("kz-idp-other@example.org", 60);
  const int64_t before = CountFor(id);
  const std::string nonce = Nonce(id);
  for (const char* iin : {kAdultIin, kSecondIin}) {
    const HttpReply r = SignIdp(id, Token(iin, nonce), nonce);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(Json(r).at("newly_counted").as_bool()) << iin;
  }
  EXPECT_EQ(CountFor(id), before + 2);
  const int64_t other_before = CountFor(other);
  const HttpReply elsewhere = SignIdp(other, Token(kAdultIin, nonce), nonce);
  EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;
  EXPECT_NE(elsewhere.body.find("invalid_nonce"), std::string::npos) << elsewhere.body;
  EXPECT_EQ(CountFor(other), other_before);
}

}  // namespace
}  // namespace petitio::testing
