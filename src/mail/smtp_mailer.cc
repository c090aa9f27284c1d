#include "mail/smtp_mailer.h"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string_view>
#include <utility>

#include "mail/message_name.h"
#include "mail/rfc5322.h"
#include "mail/smtp_pipeline.h"

namespace petitio {
namespace {

constexpr long kTimeoutSeconds = 30;

bool InitCurl() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result == CURLE_OK;
}

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using EasyHandle = std::unique_ptr<CURL, Deleter<CURL, curl_easy_cleanup>>;
using UrlHandle = std::unique_ptr<CURLU, Deleter<CURLU, curl_url_cleanup>>;
using StringList = std::unique_ptr<curl_slist, Deleter<curl_slist, curl_slist_free_all>>;

// The message libcurl uploads, read in pieces.
struct Upload {
  std::string_view rest;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

Status CurlFailure(CURL* curl, CURLcode code, const char* detail) {
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  std::string message = "smtp: " + std::string(curl_easy_strerror(code));
  if (detail[0] != '\0') {
    message += std::string(": ") + detail;
  }
  if (reply != 0) {
    message += " (reply " + std::to_string(reply) + ")";
  }
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
      return {ErrorKind::kUnavailable, "mail_unavailable", std::move(message)};
    default:
      return Status::Internal(std::move(message));
  }
}

std::string Bracketed(std::string_view address) { return "<" + std::string(address) + ">"; }

// Sets every option of one message's transfer on `h`; false if libcurl refused one.
bool SetTransfer(CURL* h, const std::string& url, const std::string& mail_from,
                 curl_slist* recipients, Upload* upload, char* error) {
  return curl_easy_setopt(h, CURLOPT_URL, url.c_str()) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps") == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY)) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str()) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadMessage) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_READDATA, upload) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_UPLOAD, 1L) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
                          static_cast<curl_off_t>(upload->rest.size())) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, kTimeoutSeconds) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_TIMEOUT, kTimeoutSeconds) == CURLE_OK &&
         curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error) == CURLE_OK;
}

// One message on its way through the multi handle.
struct Transfer {
  EasyHandle easy;
  size_t index = 0;  // in the envelopes being sent
  StringList recipients;
  Upload upload;
  char error[CURL_ERROR_SIZE] = "";
};

struct MultiCleanup {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};

// The part of `url` named `part`, or "" if it has none.
std::string UrlPart(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) return "";
  std::string out = value;
  curl_free(value);
  return out;
}

// A pipelining client for a relay spoken to in plain SMTP without logging in (smtp://host), or
// null for smtps:// and for URLs with credentials, which libcurl handles.
std::unique_ptr<SmtpPipeline> PipelineFor(const std::string& url) {
  if (!InitCurl()) return nullptr;
  UrlHandle parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return nullptr;
  }
  CURLU* u = parsed.get();
  if (UrlPart(u, CURLUPART_SCHEME) != "smtp" || !UrlPart(u, CURLUPART_USER).empty() ||
      !UrlPart(u, CURLUPART_PASSWORD).empty() || !UrlPart(u, CURLUPART_OPTIONS).empty()) {
    return nullptr;
  }
  std::string host = UrlPart(u, CURLUPART_HOST);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  // As libcurl does: the URL's path names this client in EHLO, else the machine's host name.
  std::string ehlo = UrlPart(u, CURLUPART_PATH, CURLU_URLDECODE);
  if (!ehlo.empty() && ehlo.front() == '/') ehlo.erase(0, 1);
  if (ehlo.empty()) {
    char name[256] = "";
    ehlo = ::gethostname(name, sizeof name - 1) == 0 && name[0] != '\0' ? name : "localhost";
  }
  if (host.empty() || ehlo.find_first_of(" \r\n") != std::string::npos) return nullptr;
  return std::make_unique<SmtpPipeline>(
      std::move(host), UrlPart(u, CURLUPART_PORT, CURLU_DEFAULT_PORT), std::move(ehlo),
      kSmtpConnections, std::chrono::seconds(kTimeoutSeconds));
}

}  // namespace

// Declared in this order so that the transfers' handles go before the multi handle, whose
// cleanup closes the cached connections.
struct SmtpMailer::Connections {
  std::unique_ptr<CURLM, MultiCleanup> multi;
  std::vector<Transfer> transfers;  // kSmtpConnections; each easy handle is kept for reuse
};

SmtpMailer::SmtpMailer(std::string url, std::string from_address, std::string from_name,
                       const Clock& clock)
    : pipeline_(PipelineFor(url)),
      url_(std::move(url)),
      from_address_(std::move(from_address)),
      from_name_(std::move(from_name)),
      clock_(clock) {}

SmtpMailer::~SmtpMailer() = default;

Result<std::string> SmtpMailer::Format(const MailMessage& message) const {
  const TimePoint now = clock_.Now();
  return FormatMessage(message, from_address_, from_name_, now, NewMessageName(now));
}

Status SmtpMailer::Send(const MailMessage& message) {
  Result<std::string> text = Format(message);
  if (!text.ok()) {
    return text.status();
  }
  if (!InitCurl()) {
    return Status::Internal("smtp: libcurl could not be initialised");
  }

  EasyHandle curl(curl_easy_init());
  if (!curl) {
    return Status::Internal("smtp: libcurl could not create a handle");
  }
  StringList recipients(curl_slist_append(nullptr, Bracketed(message.to_address).c_str()));
  if (!recipients) {
    return Status::Internal("smtp: out of memory");
  }
  const std::string mail_from = Bracketed(from_address_);
  Upload upload{*text};
  char error[CURL_ERROR_SIZE] = "";

  CURL* h = curl.get();
  const bool set = SetTransfer(h, url_, mail_from, recipients.get(), &upload, error);
  if (!set) {
    return Status::Internal("smtp: libcurl rejected an option");
  }

  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    return CurlFailure(h, code, error);
  }
  return Status::Ok();
}

std::vector<Status> SmtpMailer::SendAll(const std::vector<MailMessage>& messages) {
  std::vector<Status> out(messages.size(), Status::Internal("smtp: not sent"));
  std::vector<SmtpEnvelope> envelopes;
  std::vector<size_t> which;  // the message of each envelope
  envelopes.reserve(messages.size());
  which.reserve(messages.size());
  for (size_t i = 0; i < messages.size(); ++i) {
    Result<std::string> text = Format(messages[i]);
    if (!text.ok()) {
      out[i] = text.status();
      continue;
    }
    envelopes.push_back({from_address_, messages[i].to_address, std::move(*text)});
    which.push_back(i);
  }
  std::lock_guard lock(connections_mu_);
  if (pipeline_ && !pipeline_->offers_tls()) {
    std::vector<Status> sent = pipeline_->SendAll(envelopes);
    // What a relay that offers TLS did not take goes through libcurl below.
    size_t kept = 0;
    for (size_t k = 0; k < envelopes.size(); ++k) {
      if (sent[k].code() == kSmtpOffersTls) {
        envelopes[kept] = std::move(envelopes[k]);
        which[kept++] = which[k];
      } else {
        out[which[k]] = std::move(sent[k]);
      }
    }
    envelopes.resize(kept);
    which.resize(kept);
  }
  if (!envelopes.empty()) {
    std::vector<Status> sent = SendWithCurl(envelopes);
    for (size_t k = 0; k < envelopes.size(); ++k) out[which[k]] = std::move(sent[k]);
  }
  return out;
}

std::vector<Status> SmtpMailer::SendWithCurl(const std::vector<SmtpEnvelope>& envelopes) {
  std::vector<Status> out(envelopes.size(), Status::Internal("smtp: not sent"));
  if (!InitCurl()) return out;
  if (!connections_) {
    auto c = std::make_unique<Connections>();
    c->multi.reset(curl_multi_init());
    if (!c->multi) return out;
    curl_multi_setopt(c->multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                      static_cast<long>(kSmtpConnections));
    c->transfers.resize(kSmtpConnections);
    connections_ = std::move(c);
  }
  CURLM* multi = connections_->multi.get();
  const std::string mail_from = Bracketed(from_address_);

  // Starts envelope `i` on `t`; false (with out[i] set) if it could not start.
  auto start = [&](Transfer& t, size_t i) {
    t.index = i;
    t.upload.rest = envelopes[i].content;
    t.recipients.reset(curl_slist_append(nullptr, Bracketed(envelopes[i].rcpt_to).c_str()));
    if (!t.easy) t.easy.reset(curl_easy_init());
    if (!t.recipients || !t.easy) {
      out[i] = Status::Internal("smtp: out of memory");
      return false;
    }
    t.error[0] = '\0';
    if (!SetTransfer(t.easy.get(), url_, mail_from, t.recipients.get(), &t.upload, t.error) ||
        curl_multi_add_handle(multi, t.easy.get()) != CURLM_OK) {
      out[i] = Status::Internal("smtp: libcurl rejected an option");
      return false;
    }
    return true;
  };

  size_t next = 0;
  int running = 0;
  // Gives each idle transfer the next envelope that starts.
  auto fill = [&](Transfer& t) {
    while (next < envelopes.size()) {
      if (start(t, next++)) {
        ++running;
        return;
      }
    }
  };
  for (Transfer& t : connections_->transfers) fill(t);
  while (running > 0) {
    int still = 0;
    if (curl_multi_perform(multi, &still) != CURLM_OK) break;
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      for (Transfer& t : connections_->transfers) {
        if (t.easy.get() != msg->easy_handle) continue;
        const CURLcode code = msg->data.result;
        out[t.index] = code == CURLE_OK ? Status::Ok() : CurlFailure(t.easy.get(), code, t.error);
        curl_multi_remove_handle(multi, t.easy.get());
        --running;
        fill(t);
        break;
      }
    }
    if (running > 0 && curl_multi_poll(multi, nullptr, 0, 1000, nullptr) != CURLM_OK) break;
  }
  if (running > 0) {
    // libcurl failed as a whole: whatever is still on its way did not go.
    for (Transfer& t : connections_->transfers) curl_multi_remove_handle(multi, t.easy.get());
  }
  return out;
}

Result<std::unique_ptr<Mailer>> MakeSmtpMailer(std::string url, std::string from_address,
                                               std::string from_name, const Clock& clock) {
  if (!InitCurl()) {
    return Status::Internal("smtp: libcurl could not be initialised");
  }
  UrlHandle parsed(curl_url());
  if (!parsed) {
    return Status::Internal("smtp: out of memory");
  }
  if (curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return Status::Invalid("SMTP URL is not a valid URL", "invalid_smtp_url");
  }
  char* scheme = nullptr;
  char* host = nullptr;
  const bool has_scheme = curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK;
  const bool has_host = curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK;
  const std::string scheme_text = has_scheme ? scheme : "";
  const bool host_empty = !has_host || host[0] == '\0';
  curl_free(scheme);
  curl_free(host);
  if (scheme_text != "smtp" && scheme_text != "smtps") {
    return Status::Invalid("SMTP URL must start with smtp:// or smtps://", "invalid_smtp_url");
  }
  if (host_empty) {
    return Status::Invalid("SMTP URL has no host", "invalid_smtp_url");
  }
  // Formatting a probe message checks the sender exactly as every Send will.
  Result<std::string> probe = FormatMessage({"", "probe@example.org", "", ""}, from_address,
                                            from_name, clock.Now(), "probe");
  if (!probe.ok()) {
    return probe.status();
  }
  return std::unique_ptr<Mailer>(std::make_unique<SmtpMailer>(
      std::move(url), std::move(from_address), std::move(from_name), clock));
}

}  // namespace petitio
