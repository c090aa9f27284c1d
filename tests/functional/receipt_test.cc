// Signers' receipts through the real binary: the confirmation answers (JSON and page) and the
// mail carry the receipt; the "check my signature" page's own code (web/static/log_check.js,
// run here under Node.js's WebCrypto, the API browsers have) and `petitio verify` confirm it
// against the signed log, and refuse a receipt that is not the entry's.
#include "domain/receipt.h"

#include <algorithm>

#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

class ReceiptTest : public SiteTest {
 protected:
  // Signs and confirms; returns the confirmation's JSON answer.
  boost::json::value SignAndConfirmForReceipt(int64_t id, const std::string& email) {
    const HttpReply s = Post("/api/v1/petitions/" + std::to_string(id) + "/signatures",
                             R"({"name":"Isla","email":")" + email + R"("})");
    EXPECT_EQ(s.status, 202) << s.body;
    const HttpReply c = Post("/api/v1/signatures/confirm",
                             R"({"token":")" + TokenFromMail(email, "/confirm?token=") + R"("})");
    EXPECT_EQ(c.status, 200) << c.body;
    return Json(c);
  }
  // The browser's check, under Node.js.
  CommandResult CheckInBrowserCode(int64_t id, uint64_t index, const std::string& secret,
                                   const std::string& leaf_hash = "") {
    std::vector<std::string> args = {
        std::string(PETITIO_SOURCE_DIR) + "/tests/web/check_receipt.mjs",
        "http://127.0.0.1:" + std::to_string(server_->port()), std::to_string(id),
        std::to_string(index), secret};
    if (!leaf_hash.empty()) args.push_back(leaf_hash);
    return RunCommand(PETITIO_NODE, args);
  }
  CommandResult Verify(int64_t id, uint64_t index, const std::string& secret) {
    return RunPetitio({"verify", "--url", "http://127.0.0.1:" + std::to_string(server_->port()),
                       "--petition", std::to_string(id), "--receipt-index", std::to_string(index),
                       "--receipt-secret", secret});
  }
};

TEST_F(ReceiptTest, TheConfirmationMailAndPageGiveAReceiptThatChecksOut) {
  const int64_t id = CreateOpenPetition("de-bt", 0);
  SignAndConfirm(id, "first@example.org");
  const boost::json::value answer = SignAndConfirmForReceipt(id, "isla@example.org");
  const boost::json::value& receipt = answer.at("receipt");
  EXPECT_EQ(receipt.at("petition_id").as_int64(), id);
  const auto index = static_cast<uint64_t>(receipt.at("log_index").as_int64());
  EXPECT_EQ(index, 2u) << "after the initiator and the first signer";
  const std::string secret(receipt.at("secret").as_string());
  const std::string leaf_hash(receipt.at("leaf_hash").as_string());
  ASSERT_EQ(secret.size(), 64u);
  const std::string check_url(receipt.at("check_url").as_string());
  EXPECT_NE(
      check_url.find("/petitions/" + std::to_string(id) + "/receipt#index=2&secret=" + secret),
      std::string::npos);

  // The mail has every part of the receipt and the link.
  std::vector<std::string> mails = SentMail(data_dir_);
  const auto mail = std::find_if(mails.rbegin(), mails.rend(), [](const std::string& m) {
    return m.find("isla@example.org") != std::string::npos &&
           m.find("Receipt secret") != std::string::npos;
  });
  ASSERT_NE(mail, mails.rend()) << "a receipt mail to the signer";
  const std::string body = UnfoldMail(*mail);
  for (const std::string& part : {std::string("Log entry: 2"), "Entry hash: " + leaf_hash,
                                  "Receipt secret: " + secret, check_url}) {
    EXPECT_NE(body.find(part), std::string::npos) << part;
  }

  // The confirmation page, opened again, shows the same receipt.
  const HttpReply page =
      Post("/confirm", "token=" + TokenFromMail("isla@example.org", "/confirm?token="),
           {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Your receipt"), std::string::npos);
  EXPECT_NE(page.body.find(secret), std::string::npos);
  EXPECT_NE(page.body.find("/receipt#index=2&amp;secret=" + secret), std::string::npos);

  // The check page and its code.
  const HttpReply check = Get("/petitions/" + std::to_string(id) + "/receipt");
  ASSERT_EQ(check.status, 200);
  EXPECT_NE(check.body.find(R"(<script type="module" src="/static/receipt_page.js">)"),
            std::string::npos);
  EXPECT_NE(check.body.find(R"(<label for="receipt-secret">)"), std::string::npos);
  EXPECT_EQ(check.body.find(secret), std::string::npos) << "the secret stays in the browser";
  for (const char* script : {"/static/receipt_page.js", "/static/log_check.js"}) {
    const HttpReply js = Get(script);
    EXPECT_EQ(js.status, 200) << script;
    EXPECT_EQ(js.headers.at("content-type"), "text/javascript; charset=utf-8");
  }
  EXPECT_EQ(Get("/petitions/99999/receipt").status, 404);

  // The browser's check holds for this receipt, and for the first signer's entry it does not.
  CommandResult node = CheckInBrowserCode(id, index, secret, leaf_hash);
  EXPECT_EQ(node.exit_code, 0) << node.output;
  EXPECT_NE(node.output.find(R"("verdict":"included")"), std::string::npos) << node.output;
  EXPECT_NE(node.output.find(R"("name":"tree_head_signature","ok":true)"), std::string::npos)
      << node.output;
  node = CheckInBrowserCode(id, 1, secret);
  EXPECT_EQ(node.exit_code, 1) << node.output;
  EXPECT_NE(node.output.find(R"("name":"entry_is_yours","ok":false)"), std::string::npos);
  node = CheckInBrowserCode(id, index, std::string(64, '0'));
  EXPECT_EQ(node.exit_code, 1) << node.output;
  node = CheckInBrowserCode(id, 99, secret);
  EXPECT_EQ(node.exit_code, 1) << node.output;
  node = CheckInBrowserCode(id, index, "not hex");
  EXPECT_NE(node.output.find(R"("verdict":"invalid_receipt")"), std::string::npos);

  // The auditor checks the receipt with the whole log, and sees a withdrawal.
  CommandResult v = Verify(id, index, secret);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_NE(v.output.find("ok   entry 2 still counts"), std::string::npos) << v.output;
  v = Verify(id, 1, secret);
  EXPECT_EQ(v.exit_code, 1) << v.output;
  ASSERT_EQ(Post("/api/v1/signatures/withdraw",
                 R"({"token":")" + TokenFromMail("isla@example.org", "/withdraw?token=") + R"("})")
                .status,
            200);
  v = Verify(id, index, secret);
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_NE(v.output.find("note entry 2 was later withdrawn"), std::string::npos) << v.output;
  EXPECT_EQ(CheckInBrowserCode(id, index, secret).exit_code, 0) << "still in the log";
}

}  // namespace
}  // namespace petitio::testing
