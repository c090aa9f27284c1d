#include "mail/outbox_mailer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <system_error>
#include <utility>

#include "mail/message_name.h"
#include "mail/rfc5322.h"

namespace petitio {
namespace {

Status IoError(std::string_view what, const std::filesystem::path& path, int err) {
  return Status::Internal("outbox: cannot " + std::string(what) + " " + path.string() + ": " +
                          std::error_code(err, std::generic_category()).message());
}

// Closes a descriptor it still owns.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }
  // Closes now and reports whether the close succeeded (a deferred write error shows here).
  bool Close() {
    const int fd = std::exchange(fd_, -1);
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool SyncDirectory(const std::filesystem::path& directory) {
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return dir.get() >= 0 && ::fsync(dir.get()) == 0;
}

// Writes `text` to `temp`, flushes it and renames it to `final_path`; removes `temp` on failure.
Status WriteAtomically(const std::filesystem::path& temp, const std::filesystem::path& final_path,
                       std::string_view text) {
  FileDescriptor file(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (file.get() < 0) {
    return IoError("create", temp, errno);
  }
  Status status;
  if (!WriteAll(file.get(), text)) {
    status = IoError("write", temp, errno);
  } else if (::fsync(file.get()) != 0) {
    status = IoError("fsync", temp, errno);
  } else if (!file.Close()) {
    status = IoError("close", temp, errno);
  } else if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    status = IoError("rename into", final_path, errno);
  }
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return status;
  }
  if (!SyncDirectory(final_path.parent_path())) {
    return IoError("fsync directory", final_path.parent_path(), errno);
  }
  return Status::Ok();
}

}  // namespace

OutboxMailer::OutboxMailer(std::filesystem::path directory, std::string from_address,
                           std::string from_name, const Clock& clock)
    : directory_(std::move(directory)),
      from_address_(std::move(from_address)),
      from_name_(std::move(from_name)),
      clock_(clock) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) {
    init_status_ = Status::Internal("outbox: cannot create directory " + directory_.string() +
                                    ": " + ec.message());
  }
}

Status OutboxMailer::Send(const MailMessage& message) {
  PETITIO_RETURN_IF_ERROR(init_status_);
  const TimePoint now = clock_.Now();
  const std::string name = NewMessageName(now);
  Result<std::string> text = FormatMessage(message, from_address_, from_name_, now, name);
  if (!text.ok()) {
    return text.status();
  }
  return WriteAtomically(directory_ / ("." + name + ".tmp"), directory_ / (name + ".eml"), *text);
}

Result<std::unique_ptr<Mailer>> MakeOutboxMailer(std::filesystem::path directory,
                                                 std::string from_address, std::string from_name,
                                                 const Clock& clock) {
  // Formatting a probe message checks the sender exactly as every Send will.
  Result<std::string> probe = FormatMessage({"", "probe@example.org", "", ""}, from_address,
                                            from_name, clock.Now(), "probe");
  if (!probe.ok()) {
    return probe.status();
  }
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    return Status::Internal("outbox: cannot create directory " + directory.string() + ": " +
                            ec.message());
  }
  return std::unique_ptr<Mailer>(std::make_unique<OutboxMailer>(
      std::move(directory), std::move(from_address), std::move(from_name), clock));
}

}  // namespace petitio
