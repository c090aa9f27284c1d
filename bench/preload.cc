#include "preload.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

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

namespace {

std::string PreloadNote(int64_t petition_id, int64_t n) {
  return "petition " + std::to_string(petition_id) + " signatures " + std::to_string(n) + "\n";
}

Status CopyTree(const std::string& from, const std::string& to) {
  std::error_code ec;
  std::filesystem::remove_all(to, ec);
  if (!ec) std::filesystem::create_directories(to, ec);
  if (!ec) std::filesystem::copy(from, to, std::filesystem::copy_options::recursive, ec);
  if (ec) return Status::Internal("copying " + from + " to " + to + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Status KeepPreloadCopy(const std::string& data_dir, const std::string& copy_dir,
                       int64_t petition_id, int64_t n) {
  std::error_code ec;
  std::filesystem::remove(copy_dir + "/preload.txt", ec);  // no note while the copy is partial
  PETITIO_RETURN_IF_ERROR(CopyTree(data_dir, copy_dir + "/data"));
  std::ofstream note(copy_dir + "/preload.txt");
  note << PreloadNote(petition_id, n);
  note.close();
  if (!note) return Status::Internal("cannot write " + copy_dir + "/preload.txt");
  return Status::Ok();
}

Status UsePreloadCopy(const std::string& copy_dir, const std::string& data_dir, int64_t petition_id,
                      int64_t n) {
  std::ifstream in(copy_dir + "/preload.txt");
  const std::string note((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (note != PreloadNote(petition_id, n)) {
    return Status::Invalid(copy_dir + " holds '" + note + "', not " + PreloadNote(petition_id, n));
  }
  return CopyTree(copy_dir + "/data", data_dir);
}

}  // namespace petitio::bench
