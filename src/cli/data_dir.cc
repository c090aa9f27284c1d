#include "cli/data_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace petitio {

Status EnsureDataDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Internal("cannot create data directory " + dir + ": " + ec.message());
  return Status::Ok();
}

namespace {

// Reads `size` bytes from `path`, or writes `fresh` there first (0600, fsynced, renamed into
// place) when the file is absent.
Result<std::string> LoadOrCreateKeyFile(const std::string& path, const std::string& fresh) {
  std::string bytes(fresh.size(), '\0');
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    const ssize_t n = ::read(fd, bytes.data(), bytes.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(bytes.size())) {
      return Status::Internal(path + " is damaged: expected " + std::to_string(bytes.size()) +
                              " bytes");
    }
    return bytes;
  }
  if (errno != ENOENT) return Status::Internal("cannot read " + path + ": " + std::strerror(errno));
  const std::string tmp = path + ".tmp";
  fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + tmp + ": " + std::strerror(errno));
  const bool written =
      ::write(fd, fresh.data(), fresh.size()) == static_cast<ssize_t>(fresh.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::Internal("cannot write " + path + ": " + std::strerror(errno));
  }
  return fresh;
}

}  // namespace

Result<SecretKey> LoadOrCreateSecret(const std::string& dir) {
  const SecretKey fresh = NewSecretKey();
  Result<std::string> bytes = LoadOrCreateKeyFile(
      dir + "/secret.key", std::string(reinterpret_cast<const char*>(fresh.data()), fresh.size()));
  if (!bytes.ok()) return bytes.status();
  SecretKey key{};
  std::memcpy(key.data(), bytes->data(), key.size());
  return key;
}

Result<LogKey> LoadOrCreateLogKey(const std::string& dir) {
  const LogKey fresh = NewLogKey();
  Result<std::string> bytes = LoadOrCreateKeyFile(
      dir + "/log.key",
      std::string(reinterpret_cast<const char*>(fresh.secret.data()), fresh.secret.size()));
  if (!bytes.ok()) return bytes.status();
  return LogKeyFromSecret(*bytes);
}

}  // namespace petitio

namespace petitio {

Result<std::shared_ptr<void>> ClaimSqliteServer(const std::string& dir) {
  const std::string path = dir + "/serve.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal(path + ": " + std::strerror(errno));
  std::shared_ptr<void> lock(nullptr, [fd](void*) { ::close(fd); });
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) return Status::Internal(path + ": " + std::strerror(errno));
    return Status::Conflict("another petitio serve is running on " + dir +
                                " and its SQLite store: one server per SQLite store (several "
                                "servers share a PostgreSQL store: --store, docs/scaling.md)",
                            "store_in_use");
  }
  return lock;
}

Result<CourierName> ClaimCourierName(const std::string& dir) {
  constexpr int kSlots = 64;
  for (int n = 0; n < kSlots; ++n) {
    const std::string path = dir + "/courier-" + std::to_string(n) + ".name";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Internal(path + ": " + std::strerror(errno));
    std::shared_ptr<void> lock(nullptr, [fd](void*) { ::close(fd); });
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EWOULDBLOCK) continue;  // a running server has this one
      return Status::Internal(path + ": " + std::strerror(errno));
    }
    char buffer[128];
    const ssize_t got = ::pread(fd, buffer, sizeof buffer, 0);
    if (got < 0) return Status::Internal(path + ": " + std::strerror(errno));
    std::string name(buffer, static_cast<size_t>(got));
    if (name.empty()) {
      name = RandomToken();
      if (::pwrite(fd, name.data(), name.size(), 0) != static_cast<ssize_t>(name.size()) ||
          ::fsync(fd) != 0) {
        return Status::Internal(path + ": " + std::strerror(errno));
      }
    }
    return CourierName{std::move(name), std::move(lock)};
  }
  return Status::Internal("all " + std::to_string(kSlots) + " courier names in " + dir +
                          " are held by running servers");
}

}  // namespace petitio
