#include "preload.h"

#include <chrono>
#include <cstdio>

#include "app/count_signature.h"
#include "cli/profile_files.h"
#include "domain/crypto.h"
#include "store/sqlite/sqlite_store.h"

namespace petitio::bench {

Status PreloadSignatures(const std::string& data_dir, int64_t petition_id, int64_t n) {
  constexpr int64_t kPerUnit = 1000;
  ProfileRegistry profiles;
  PETITIO_RETURN_IF_ERROR(LoadProfiles("", profiles));
  SqliteStoreOptions options;
  options.path = data_dir + "/petitio.db";
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  if (!store.ok()) return store.status();
  Result<Petition> petition = (*store)->GetPetition(petition_id);
  if (!petition.ok()) return petition.status();
  const Profile* profile = profiles.Find(petition->profile_id);
  if (profile == nullptr) return Status::Internal("the petition's profile is unknown");
  const auto began = std::chrono::steady_clock::now();
  const TimePoint now = TimePoint(std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch()));
  for (int64_t done = 0; done < n; done += kPerUnit) {
    PETITIO_RETURN_IF_ERROR((*store)->Write([&](StoreTx& tx) -> Status {
      Result<Petition> p = tx.GetPetition(petition_id);
      if (!p.ok()) return p.status();
      for (int64_t i = done; i < std::min(n, done + kPerUnit); ++i) {
        Signature s;
        s.petition_id = petition_id;
        s.role = SignerRole::kSigner;
        s.state = SignatureState::kPending;
        s.name = "Preloaded";
        s.identity_hash = Sha256Hex("preloaded signer " + std::to_string(i));
        s.token_hash = Sha256Hex("preloaded token " + std::to_string(i));
        s.created_at = now;
        const ReceiptSecret secret = ReceiptSecretFromToken("preloaded " + std::to_string(i));
        Result<CountedSignature> counted = CountSignatureIn(tx, secret, *profile, *p, s, now);
        if (!counted.ok()) return counted.status();
      }
      return Status::Ok();
    }));
    if ((done + kPerUnit) % 1'000'000 == 0) {
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
      std::printf("preloaded %lld signatures (%.0f/s)\n", static_cast<long long>(done + kPerUnit),
                  static_cast<double>(done + kPerUnit) / secs);
      std::fflush(stdout);
    }
  }
  return Status::Ok();
}

}  // namespace petitio::bench
