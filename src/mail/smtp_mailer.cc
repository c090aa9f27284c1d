#include "mail/smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string_view>
#include <utility>

#include "mail/message_name.h"
#include "mail/rfc5322.h"

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

}  // namespace

SmtpMailer::SmtpMailer(std::string url, std::string from_address, std::string from_name,
                       const Clock& clock)
    : url_(std::move(url)),
      from_address_(std::move(from_address)),
      from_name_(std::move(from_name)),
      clock_(clock) {}

Status SmtpMailer::Send(const MailMessage& message) {
  const TimePoint now = clock_.Now();
  Result<std::string> text =
      FormatMessage(message, from_address_, from_name_, now, NewMessageName(now));
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
  bool set = curl_easy_setopt(h, CURLOPT_URL, url_.c_str()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps") == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY)) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get()) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadMessage) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_READDATA, &upload) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_UPLOAD, 1L) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text->size())) ==
                 CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, kTimeoutSeconds) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_TIMEOUT, kTimeoutSeconds) == CURLE_OK &&
             curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error) == CURLE_OK;
  if (!set) {
    return Status::Internal("smtp: libcurl rejected an option");
  }

  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    return CurlFailure(h, code, error);
  }
  return Status::Ok();
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
