// The head of an answer (http/response_head.h), byte for byte.
#include "http/response_head.h"

#include <gtest/gtest.h>

namespace petitio::http {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string Head(unsigned version, int status, std::string_view content_type,
                 std::optional<size_t> content_length, bool keep_alive,
                 const Headers* headers = nullptr) {
  ResponseHeadFields f;
  f.version = version;
  f.status = status;
  f.content_type = content_type;
  f.headers = headers;
  f.content_length = content_length;
  f.keep_alive = keep_alive;
  return ResponseHead(f);
}

TEST(ResponseHead, KeptAliveHttp11AnswerWithItsFieldsInOrder) {
  const Headers headers = {{"Cache-Control", "public, max-age=1"}, {"ETag", "\"abc\""}};
  EXPECT_EQ(Head(11, 200, "application/json; charset=utf-8", 23, true, &headers),
            "HTTP/1.1 200 OK\r\n"
            "Server: petitio\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "Cache-Control: public, max-age=1\r\n"
            "ETag: \"abc\"\r\n"
            "Content-Length: 23\r\n"
            "\r\n");
}

TEST(ResponseHead, ConnectionFieldFollowsTheVersion) {
  EXPECT_EQ(Head(11, 503, "", 0, false),
            "HTTP/1.1 503 Service Unavailable\r\nServer: petitio\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n");
  EXPECT_EQ(Head(10, 404, "", 2, true),
            "HTTP/1.0 404 Not Found\r\nServer: petitio\r\nContent-Length: 2\r\n"
            "Connection: keep-alive\r\n\r\n");
  EXPECT_EQ(Head(10, 404, "", 2, false),
            "HTTP/1.0 404 Not Found\r\nServer: petitio\r\nContent-Length: 2\r\n\r\n");
}

TEST(ResponseHead, BodilessAnswersAndStreamsHaveNoLength) {
  EXPECT_EQ(Head(11, 304, "", std::nullopt, true),
            "HTTP/1.1 304 Not Modified\r\nServer: petitio\r\n\r\n");
  EXPECT_EQ(Head(11, 200, "text/event-stream", std::nullopt, false),
            "HTTP/1.1 200 OK\r\nServer: petitio\r\nContent-Type: text/event-stream\r\n"
            "Connection: close\r\n\r\n");
}

TEST(ResponseHead, ReasonPhrases) {
  EXPECT_EQ(ReasonPhrase(202), "Accepted");
  EXPECT_EQ(ReasonPhrase(413), "Content Too Large");
  EXPECT_EQ(ReasonPhrase(429), "Too Many Requests");
  EXPECT_EQ(ReasonPhrase(599), "Unknown");
  EXPECT_EQ(Head(11, 599, "", 0, true).substr(0, 22), "HTTP/1.1 599 Unknown\r\n");
}

TEST(ResponseHead, HasCrLfOrNulFindsWhatWouldSplitAField) {
  EXPECT_FALSE(HasCrLfOrNul("text/plain; charset=utf-8"));
  EXPECT_TRUE(HasCrLfOrNul("a\r\nSet-Cookie: x"));
  EXPECT_TRUE(HasCrLfOrNul("a\nb"));
  EXPECT_TRUE(HasCrLfOrNul(std::string_view("a\0b", 3)));
}

}  // namespace
}  // namespace petitio::http
