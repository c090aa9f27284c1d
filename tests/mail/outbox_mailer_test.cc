#include "mail/outbox_mailer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mail_decode.h"

namespace petitio {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("petitio-outbox-test-" + std::to_string(::getpid()) + "-" + std::to_string(next_++));
    fs::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int next_ = 0;
  fs::path path_;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const TimePoint kNow = FromMillis(1717927200250);  // 2024-06-09T10:00:00.250Z

TEST(OutboxMailer, CreatesTheDirectoryAndWritesOneCompleteFile) {
  TempDir dir;
  FixedClock clock(kNow);
  const fs::path outbox = dir.path() / "data" / "outbox";
  OutboxMailer mailer(outbox, "noreply@example.org", "Petitio", clock);
  ASSERT_TRUE(fs::is_directory(outbox));
  ASSERT_TRUE(
      mailer.Send({"Алекс", "alex@example.org", "Подтвердите подпись", "Ссылка: x\n"}).ok());

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(outbox)) {
    files.push_back(e.path());
  }
  ASSERT_EQ(files.size(), 1u);
  const std::string name = files[0].filename().string();
  EXPECT_TRUE(std::regex_match(name, std::regex(R"(20240609T100000\.250-[0-9a-f]{16}\.eml)")))
      << name;
  testing::ParsedMessage m = testing::ParseMessage(ReadFile(files[0]));
  ASSERT_TRUE(m.well_formed);
  EXPECT_EQ(testing::DecodeWords(m.headers["Subject"]), "Подтвердите подпись");
  EXPECT_EQ(testing::DecodeQuotedPrintable(m.body), "Ссылка: x\r\n");
  EXPECT_EQ(m.headers["Message-ID"], "<" + files[0].stem().string() + "@example.org>");
  EXPECT_EQ(m.headers["Date"], "Sun, 09 Jun 2024 10:00:00 +0000");
}

TEST(OutboxMailer, ConcurrentSendsEachWriteOneParseableFile) {
  TempDir dir;
  FixedClock clock(kNow);
  OutboxMailer mailer(dir.path(), "noreply@example.org", "Petitio", clock);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string tag = std::to_string(t) + "-" + std::to_string(i);
        const std::string body = "Message " + tag + "\n" + std::string(500, 'b') + "\n";
        if (!mailer.Send({"Signer " + tag, "s" + tag + "@example.org", "Mail " + tag, body}).ok()) {
          ++failures;
        }
        clock.Advance(std::chrono::milliseconds(1));
      }
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  EXPECT_EQ(failures.load(), 0);

  std::set<std::string> subjects;
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    const std::string name = e.path().filename().string();
    ASSERT_NE(name[0], '.') << "temporary file left: " << name;
    ASSERT_EQ(e.path().extension(), ".eml");
    ++files;
    testing::ParsedMessage m = testing::ParseMessage(ReadFile(e.path()));
    ASSERT_TRUE(m.well_formed) << name;
    const std::string subject = m.headers["Subject"];
    const std::string tag = subject.substr(5);
    EXPECT_EQ(m.headers["To"],
              std::string("Signer ").append(tag).append(" <s").append(tag).append("@example.org>"));
    EXPECT_EQ(testing::DecodeQuotedPrintable(m.body),
              "Message " + tag + "\r\n" + std::string(500, 'b') + "\r\n");
    subjects.insert(subject);
  }
  EXPECT_EQ(files, kThreads * kPerThread);
  EXPECT_EQ(subjects.size(), static_cast<size_t>(kThreads * kPerThread));
}

TEST(OutboxMailer, InvalidMessageWritesNothing) {
  TempDir dir;
  FixedClock clock(kNow);
  OutboxMailer mailer(dir.path(), "noreply@example.org", "Petitio", clock);
  Status s = mailer.Send({"", "a@example.org", "Hi\r\nBcc: b@example.org", "x"});
  EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(OutboxMailer, UnwritableDirectoryIsInternal) {
  TempDir dir;
  FixedClock clock(kNow);
  fs::create_directories(dir.path());
  std::ofstream(dir.path() / "file") << "not a directory";
  OutboxMailer mailer(dir.path() / "file" / "outbox", "noreply@example.org", "Petitio", clock);
  Status s = mailer.Send({"", "a@example.org", "Hi", "x"});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.kind(), ErrorKind::kInternal);
  EXPECT_FALSE(
      MakeOutboxMailer(dir.path() / "file" / "outbox", "noreply@example.org", "P", clock).ok());
}

TEST(MakeOutboxMailer, ChecksTheSender) {
  TempDir dir;
  FixedClock clock(kNow);
  EXPECT_FALSE(MakeOutboxMailer(dir.path(), "not an address", "Petitio", clock).ok());
  EXPECT_FALSE(MakeOutboxMailer(dir.path(), "a@example.org", "P\nX: y", clock).ok());
  Result<std::unique_ptr<Mailer>> m = MakeOutboxMailer(dir.path(), "a@example.org", "P", clock);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE((*m)->Send({"", "b@example.org", "Hi", "x"}).ok());
}

}  // namespace
}  // namespace petitio
