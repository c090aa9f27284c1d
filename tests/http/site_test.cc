// What the site tells the server about its requests (http/site.h).
#include "http/site.h"

#include <gtest/gtest.h>

namespace petitio::http {
namespace {

HttpRequest Request(const std::string& method, const std::string& path) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  r.target = path;
  return r;
}

TEST(NeverWrites, ReadsAndTheIdentityProvidersNonceOnly) {
  EXPECT_TRUE(NeverWrites(Request("GET", "/api/v1/petitions/7/count")));
  EXPECT_TRUE(NeverWrites(Request("HEAD", "/petitions/7")));
  EXPECT_TRUE(NeverWrites(Request("POST", "/api/v1/petitions/7/idp/nonce")));
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/api/v1/petitions/7/signatures/idp"},
           {"POST", "/api/v1/petitions/7/signatures"},
           {"POST", "/api/v1/signatures/confirm"},
           {"POST", "/api/v1/petitions/idp/nonce"},
           {"POST", "/api/v1/petitions/7/8/idp/nonce"},
           {"POST", "/api/v1/petitions//idp/nonce"},
           {"PUT", "/api/v1/petitions/7/idp/nonce"},
           {"DELETE", "/api/v1/petitions/7"},
       }) {
    EXPECT_FALSE(NeverWrites(Request(method, path))) << method << " " << path;
  }
}

}  // namespace
}  // namespace petitio::http
