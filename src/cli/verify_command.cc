#include "cli/verify_command.h"

#include <curl/curl.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/log_entry.h"
#include "domain/merkle.h"
#include "domain/receipt.h"
#include "domain/tree_head.h"

namespace petitio {

namespace {

namespace json = boost::json;

struct VerifyOptions {
  std::string url;
  int64_t petition = 0;
  std::string state_file;
  std::optional<uint64_t> receipt_index;  // a signer's receipt to check against the log
  std::string receipt_secret;
};

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// GET url+path as JSON; nullopt (with a message printed) on any failure.
std::optional<json::value> GetJson(const std::string& url, const std::string& path) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return std::nullopt;
  std::string body;
  const std::string full = url + path;
  curl_easy_setopt(curl.get(), CURLOPT_URL, full.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
  const CURLcode rc = curl_easy_perform(curl.get());
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK || status != 200) {
    std::fprintf(
        stderr, "petitio verify: GET %s: %s\n", full.c_str(),
        rc != CURLE_OK ? curl_easy_strerror(rc) : ("HTTP " + std::to_string(status)).c_str());
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) {
    std::fprintf(stderr, "petitio verify: GET %s: not JSON\n", full.c_str());
    return std::nullopt;
  }
  return v;
}

class Report {
 public:
  void Check(bool ok, const std::string& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    failed_ = failed_ || !ok;
  }
  bool failed() const { return failed_; }

 private:
  bool failed_ = false;
};

// The receipt's entry must be a signature whose pseudonym comes from the receipt's secret;
// `entry` is that entry when the log has it.
void CheckReceipt(Report& report, const VerifyOptions& o, const std::optional<LogEntry>& entry,
                  const std::set<uint64_t>& cancelled) {
  const std::string which = "entry " + std::to_string(*o.receipt_index);
  const std::optional<ReceiptSecret> secret = ReceiptSecretFromHex(o.receipt_secret);
  report.Check(secret.has_value(), "the receipt secret is 64 hexadecimal digits");
  if (!secret) return;
  const bool mine = entry && entry->type == LogEntryType::kSignature &&
                    entry->pseudonym == ReceiptPseudonym(*secret, entry->petition_id);
  report.Check(mine, which + " is in the log and is the signature this receipt was given for");
  if (!mine) return;
  if (cancelled.contains(*o.receipt_index)) {
    std::printf("note %s was later withdrawn or invalidated, and no longer counts\n",
                which.c_str());
  } else {
    std::printf("ok   %s still counts\n", which.c_str());
  }
}

int RunVerify(const VerifyOptions& o) {
  std::string url = o.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string base = "/api/v1/petitions/" + std::to_string(o.petition);
  std::optional<json::value> key = GetJson(url, "/api/v1/log/key");
  std::optional<json::value> sth = GetJson(url, base + "/log/sth");
  if (!key || !sth) return 2;
  Report report;
  try {
    const std::string public_key =
        FromBase64(std::string(key->at("public_key").as_string())).value_or("");
    const uint64_t size = static_cast<uint64_t>(sth->at("tree_size").as_int64());
    const int64_t timestamp = sth->at("timestamp_ms").as_int64();
    const std::string root_hex(sth->at("root_hash").as_string());
    const std::string signature =
        FromBase64(std::string(sth->at("signature").as_string())).value_or("");
    const std::optional<MerkleHash> root = MerkleHashFromHex(root_hex);
    report.Check(root.has_value() && VerifyTreeHead(public_key,
                                                    TreeHeadText(static_cast<uint64_t>(o.petition),
                                                                 size, timestamp, *root),
                                                    signature),
                 "tree head of size " + std::to_string(size) + " is signed by the log key");

    // Every leaf, in pages of 1,000.
    std::vector<MerkleHash> hashes;
    std::set<uint64_t> signatures, cancelled;
    std::optional<LogEntry> receipt_entry;
    bool leaves_ok = true;
    for (uint64_t start = 0; start < size && leaves_ok; start += 1000) {
      const uint64_t end = std::min(size, start + 1000) - 1;
      std::optional<json::value> page =
          GetJson(url, base + "/log/entries?start=" + std::to_string(start) +
                           "&end=" + std::to_string(end));
      if (!page) return 2;
      const json::array& entries = page->at("entries").as_array();
      if (entries.size() != end - start + 1) {
        report.Check(false, "entries " + std::to_string(start) + "-" + std::to_string(end) +
                                " are all served (got " + std::to_string(entries.size()) + ")");
        leaves_ok = false;
        break;
      }
      for (size_t i = 0; i < entries.size(); ++i) {
        const uint64_t index = start + i;
        const std::string leaf =
            FromBase64(std::string(entries[i].at("leaf").as_string())).value_or("");
        Result<LogEntry> e = DecodeLogEntry(leaf);
        if (!e.ok() || e->petition_id != static_cast<uint64_t>(o.petition) ||
            static_cast<uint64_t>(entries[i].at("index").as_int64()) != index) {
          report.Check(false,
                       "entry " + std::to_string(index) + " is a valid entry of this petition");
          leaves_ok = false;
          break;
        }
        if (index == o.receipt_index) receipt_entry = *e;
        if (e->type == LogEntryType::kSignature) {
          signatures.insert(index);
        } else if (!signatures.contains(e->cancels) || !cancelled.insert(e->cancels).second) {
          report.Check(false, "entry " + std::to_string(index) +
                                  " cancels an earlier signature entry, once");
          leaves_ok = false;
          break;
        }
        hashes.push_back(LeafHash(leaf));
      }
    }
    if (leaves_ok) report.Check(true, std::to_string(size) + " entries decode");
    report.Check(leaves_ok && root && RootOf(hashes) == *root,
                 "the root rebuilt from the entries is the signed root");

    if (o.receipt_index) CheckReceipt(report, o, receipt_entry, cancelled);

    const int64_t count =
        static_cast<int64_t>(signatures.size()) - static_cast<int64_t>(cancelled.size());
    std::optional<json::value> petition = GetJson(url, base);
    if (!petition) return 2;
    const uint64_t now_size = static_cast<uint64_t>(petition->at("log").at("tree_size").as_int64());
    if (now_size == size) {
      const int64_t shown = petition->at("signature_count").as_int64();
      report.Check(leaves_ok && shown == count,
                   "the count recomputed from the log (" + std::to_string(count) +
                       ") is the petition's count (" + std::to_string(shown) + ")");
    } else {
      std::printf("skip the log grew during the check; run again to compare the count\n");
    }

    // Consistency with the head seen last time.
    if (!o.state_file.empty()) {
      std::ifstream in(o.state_file);
      uint64_t old_size = 0;
      std::string old_root;
      if (in >> old_size >> old_root && old_size > 0) {
        const std::optional<MerkleHash> old = MerkleHashFromHex(old_root);
        bool consistent = false;
        if (old && old_size <= size) {
          std::optional<json::value> proof =
              GetJson(url, base + "/log/consistency?first=" + std::to_string(old_size) +
                               "&second=" + std::to_string(size));
          if (!proof) return 2;
          std::vector<MerkleHash> path;
          for (const auto& h : proof->at("consistency").as_array()) {
            path.push_back(MerkleHashFromHex(std::string(h.as_string())).value_or(MerkleHash{}));
          }
          consistent = root && VerifyConsistency(old_size, size, *old, *root, path);
        }
        report.Check(consistent, "the log extends the tree head seen before (size " +
                                     std::to_string(old_size) + ")");
      }
      if (!report.failed()) std::ofstream(o.state_file) << size << " " << root_hex << "\n";
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "petitio verify: unexpected answer from the server: %s\n", e.what());
    return 2;
  }
  std::printf("%s\n", report.failed() ? "the log does NOT check out" : "the log checks out");
  return report.failed() ? 1 : 0;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* cmd =
      app.add_subcommand("verify", "Audit a petition's transparency log through the public API");
  cmd->add_option("--url", o->url, "The site, http://HOST:PORT")->required();
  cmd->add_option("--petition", o->petition, "Petition id")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--state", o->state_file,
                  "File keeping the last verified tree head, to check consistency with it");
  cmd->add_option("--receipt-index", o->receipt_index, "A signer's receipt: its log entry");
  cmd->add_option("--receipt-secret", o->receipt_secret, "A signer's receipt: its secret (hex)");
  cmd->callback([o, &exit_code] {
    if (o->receipt_index.has_value() != !o->receipt_secret.empty()) {
      throw CLI::ValidationError("--receipt-index and --receipt-secret go together");
    }
    exit_code = RunVerify(*o);
  });
}

}  // namespace petitio
