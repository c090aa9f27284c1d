#include "store_contract.h"

#include <utility>

namespace petitio::store_contract {

namespace {

std::optional<int64_t> Millis(const std::optional<TimePoint>& t) {
  if (!t.has_value()) return std::nullopt;
  return ToMillis(*t);
}

}  // namespace

void PrintTo(const StoreBackend& backend, std::ostream* os) { *os << backend.name; }

std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

void StoreContractTest::SetUp() {
  dir_ = std::make_unique<TempDir>();
  ASSERT_FALSE(dir().empty()) << "cannot create a temporary directory";
  store_ = GetParam().open(dir());
  ASSERT_NE(store_, nullptr) << "the backend did not open a store in " << dir();
}

void StoreContractTest::TearDown() {
  store_.reset();  // before the directory goes
  dir_.reset();
}

void StoreContractTest::Reopen() {
  store_.reset();
  store_ = GetParam().open(dir());
  ASSERT_NE(store_, nullptr) << "the backend did not reopen " << dir();
}

std::unique_ptr<Store> StoreContractTest::OpenSecond() { return GetParam().open(dir()); }

TimePoint At(int64_t ms) { return FromMillis(1717927200123 + ms); }

Petition FullPetition(const std::string& tag) {
  Petition p;
  p.profile_id = "KZ";
  p.title = "Қазақстан Республикасының Денсаулық сақтау министрлігіне — " + tag;
  p.text =
      "Просим Министерство здравоохранения рассмотреть вопрос.\n"
      "Денсаулық сақтау министрлігінен сұраймыз. ✓ \"quotes\" 'and' ; DROP TABLE petitions;";
  p.addressee = "Министерство здравоохранения Республики Казахстан";
  p.addressee_level = "regional_maslikhat";
  p.addressee_region = "almaty";
  p.moderation_started_at = At(100);
  p.sponsors_started_at = At(500);
  p.registered_at = At(80000000);
  p.contact_erased_at = At(99000000);
  p.initiator_name = "Әлия Нұрланқызы";
  p.initiator_email = "aliya+" + tag + "@example.kz";
  p.sponsor_token = "sponsor-" + tag;
  p.state = PetitionState::kRejected;
  p.signature_count = 50001;
  p.sponsor_count = 50;
  p.created_at = At();
  p.opened_at = At(1000);
  p.closes_at = At(86400000);
  p.closed_at = At(90000000);
  p.moderation =
      ModerationDecision{"reject", "human_rights", "Причина: нарушение прав человека", At(2000)};
  return p;
}

Petition MinimalPetition(const std::string& tag) {
  Petition p;
  p.profile_id = "UK";
  p.title = "Minimal " + tag;
  p.text = "text";
  p.addressee = "Parliament";
  p.initiator_name = "Ann";
  p.initiator_email = "ann+" + tag + "@example.org";
  p.sponsor_token = "sponsor-" + tag;
  p.state = PetitionState::kPending;
  p.created_at = At();
  return p;
}

Signature MakeSignature(int64_t petition_id, const std::string& identity_hash,
                        const std::string& token_hash) {
  Signature s;
  s.petition_id = petition_id;
  s.role = SignerRole::kSigner;
  s.name = "Иван Петров";
  s.email = "ivan@example.ru";
  s.identity_hash = identity_hash;
  s.region = "almaty";
  s.ip = "2001:db8::7";
  s.subnet = "2001:db8::/64";
  s.email_domain = "example.ru";
  s.token_hash = token_hash;
  s.state = SignatureState::kPending;
  s.created_at = At(5);
  return s;
}

int64_t InsertPetition(Store& store, const Petition& p) {
  int64_t id = 0;
  Status s = store.Write([&](StoreTx& tx) -> Status {
    Result<int64_t> r = tx.InsertPetition(p);
    if (!r.ok()) return r.status();
    id = *r;
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return s.ok() ? id : 0;
}

int64_t InsertSignature(Store& store, const Signature& sig) {
  int64_t id = 0;
  Status s = store.Write([&](StoreTx& tx) -> Status {
    Result<int64_t> r = tx.InsertSignature(sig);
    if (!r.ok()) return r.status();
    id = *r;
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return s.ok() ? id : 0;
}

Petition ReadPetition(Store& store, int64_t id) {
  Result<Petition> p = store.GetPetition(id);
  EXPECT_TRUE(p.ok()) << "petition " << id << ": " << p.status().ToString();
  return p.ok() ? *p : Petition{};
}

Status UpdatePetition(Store& store, const Petition& p) {
  return store.Write([&](StoreTx& tx) { return tx.UpdatePetition(p); });
}

void ExpectSamePetition(const Petition& want, const Petition& got) {
  EXPECT_EQ(want.id, got.id);
  EXPECT_EQ(want.profile_id, got.profile_id);
  EXPECT_EQ(want.title, got.title);
  EXPECT_EQ(want.text, got.text);
  EXPECT_EQ(want.addressee, got.addressee);
  EXPECT_EQ(want.addressee_level, got.addressee_level);
  EXPECT_EQ(want.addressee_region, got.addressee_region);
  EXPECT_EQ(want.initiator_name, got.initiator_name);
  EXPECT_EQ(want.initiator_email, got.initiator_email);
  EXPECT_EQ(want.sponsor_token, got.sponsor_token);
  EXPECT_EQ(PetitionStateName(want.state), PetitionStateName(got.state));
  EXPECT_EQ(want.signature_count, got.signature_count);
  EXPECT_EQ(want.sponsor_count, got.sponsor_count);
  EXPECT_EQ(ToMillis(want.created_at), ToMillis(got.created_at));
  EXPECT_EQ(Millis(want.opened_at), Millis(got.opened_at));
  EXPECT_EQ(Millis(want.closes_at), Millis(got.closes_at));
  EXPECT_EQ(Millis(want.closed_at), Millis(got.closed_at));
  EXPECT_EQ(Millis(want.moderation_started_at), Millis(got.moderation_started_at));
  EXPECT_EQ(Millis(want.sponsors_started_at), Millis(got.sponsors_started_at));
  EXPECT_EQ(Millis(want.registered_at), Millis(got.registered_at));
  EXPECT_EQ(Millis(want.contact_erased_at), Millis(got.contact_erased_at));
  ASSERT_EQ(want.moderation.has_value(), got.moderation.has_value());
  if (want.moderation.has_value()) {
    EXPECT_EQ(want.moderation->decision, got.moderation->decision);
    EXPECT_EQ(want.moderation->ground_code, got.moderation->ground_code);
    EXPECT_EQ(want.moderation->reason, got.moderation->reason);
    EXPECT_EQ(ToMillis(want.moderation->decided_at), ToMillis(got.moderation->decided_at));
  }
}

void ExpectSameSignature(const Signature& want, const Signature& got) {
  EXPECT_EQ(want.id, got.id);
  EXPECT_EQ(want.petition_id, got.petition_id);
  EXPECT_EQ(SignerRoleName(want.role), SignerRoleName(got.role));
  EXPECT_EQ(want.name, got.name);
  EXPECT_EQ(want.email, got.email);
  EXPECT_EQ(want.identity_hash, got.identity_hash);
  EXPECT_EQ(want.region, got.region);
  EXPECT_EQ(want.token_hash, got.token_hash);
  EXPECT_EQ(SignatureStateName(want.state), SignatureStateName(got.state));
  EXPECT_EQ(ToMillis(want.created_at), ToMillis(got.created_at));
  EXPECT_EQ(Millis(want.validated_at), Millis(got.validated_at));
  EXPECT_EQ(want.ip, got.ip);
  EXPECT_EQ(want.subnet, got.subnet);
  EXPECT_EQ(want.email_domain, got.email_domain);
  EXPECT_EQ(want.log_index, got.log_index);
}

}  // namespace petitio::store_contract
