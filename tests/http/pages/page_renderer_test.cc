// PageRenderer (http/pages/page_renderer.h): whole pages from the embedded templates, in the
// visitor's language, escaped, and the same on every thread and every time.
#include "http/pages/page_renderer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "app/builtin_messages.h"

namespace petitio::http {
namespace {

std::shared_ptr<const PageRenderer> Renderer() {
  Result<std::shared_ptr<const PageRenderer>> made = PageRenderer::Create(BuiltinMessages());
  if (!made.ok()) ADD_FAILURE() << made.status().ToString();
  return made.ok() ? *made : nullptr;
}

HttpRequest AskingFor(const std::string& language) {
  HttpRequest req;
  req.method = "GET";
  req.path = "/petitions/7";
  req.target = "/petitions/7";
  req.headers["accept-language"] = language;
  return req;
}

// A catalogue text as it stands in a page: true when it needs no HTML escaping, so that the page
// holds it as it is.
bool PlainText(const std::string& text) {
  return !text.empty() && text.find_first_of("&<>\"'") == std::string::npos;
}

TEST(PageRendererTest, APageHoldsItsDataAndTheCataloguesTextsInTheVisitorsLanguage) {
  const std::shared_ptr<const PageRenderer> renderer = Renderer();
  ASSERT_NE(renderer, nullptr);
  for (const std::string language : {"en", "ru", "kk"}) {
    const LocalPages pages = renderer->For(AskingFor(language));
    ASSERT_EQ(pages.t.language(), language);
    const HttpResponse page = pages.Message(200, "Signed <b>", {"First", "Second & last"});
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("lang=\"" + language + "\""), std::string::npos) << language;
    EXPECT_NE(page.body.find("<h1>Signed &lt;b&gt;</h1>"), std::string::npos) << language;
    EXPECT_NE(page.body.find("<p>First</p><p>Second &amp; last</p>"), std::string::npos);
    // {{m.layout.skip_link}} and {{m.layout.nav_petitions}} of the layout, in this language.
    for (const std::string key : {"layout.skip_link", "layout.nav_petitions"}) {
      const std::string text = pages.t.Text(key);
      ASSERT_TRUE(PlainText(text)) << language << " " << key << ": pick a plainer text";
      EXPECT_NE(page.body.find(text), std::string::npos) << language << " " << key;
    }
  }
}

TEST(PageRendererTest, CatalogueTextsReachInsideSections) {
  const std::shared_ptr<const PageRenderer> renderer = Renderer();
  ASSERT_NE(renderer, nullptr);
  const LocalPages pages = renderer->For(AskingFor("ru"));
  // errors_summary reads {{m.common.problem}} within its {{#error}} section.
  mustache::data error;
  error.set("message", "Name is required");
  mustache::data data;
  data.set("error", error);
  const std::string summary = pages.Render("errors_summary", data);
  const std::string problem = pages.t.Text("common.problem");
  ASSERT_TRUE(PlainText(problem));
  EXPECT_NE(summary.find(problem), std::string::npos) << summary;
  EXPECT_NE(summary.find("Name is required"), std::string::npos) << summary;
  // Without the section's data, nothing of it.
  EXPECT_EQ(pages.Render("errors_summary", mustache::data{}).find(problem), std::string::npos);
}

TEST(PageRendererTest, TheSamePageOnEveryThreadAndEveryTime) {
  const std::shared_ptr<const PageRenderer> renderer = Renderer();
  ASSERT_NE(renderer, nullptr);
  const auto render = [&renderer](const std::string& language, int i) {
    const LocalPages pages = renderer->For(AskingFor(language));
    mustache::data paragraphs{mustache::data::type::list};
    paragraphs.push_back("Paragraph " + std::to_string(i));
    mustache::data data;
    data.set("heading", "Page " + std::to_string(i));
    data.set("paragraphs", paragraphs);
    return pages.Page(200, "Page " + std::to_string(i), "message", data).body;
  };
  // What each page is when rendered alone, on this thread.
  const std::vector<std::string> languages = {"en", "ru", "kk"};
  std::vector<std::string> expected;
  for (int i = 0; i < 30; ++i) expected.push_back(render(languages[i % 3], i));
  for (int i = 0; i < 30; ++i) {
    EXPECT_NE(expected[i].find("<p>Paragraph " + std::to_string(i) + "</p>"), std::string::npos);
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (int i = 0; i < 30; ++i) {
          const int page = (i + t * 7 + round) % 30;  // each thread in its own order
          if (render(languages[page % 3], page) != expected[page]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace petitio::http
