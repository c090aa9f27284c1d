// `petitio audit counts` of the real binary beside a running server: every count agrees with
// the signatures after real signing, and a count changed behind the server's back is reported.

#include "site_fixture.h"
#include "test_store.h"

namespace petitio::testing {
namespace {

TEST_F(SiteTest, AuditCountsAgreesAfterSigningAndReportsDrift) {
  const int64_t id = CreateOpenPetition("uk", 5);
  SignAndConfirm(id, "isla@example.org", R"("region":"scotland",)");

  CommandResult r = RunPetitio({"audit", "counts", "--data", data_dir_});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("1 petitions checked; 0 with counts that differ"), std::string::npos)
      << r.output;
  // Nothing but the answer: no database chatter (PostgreSQL's NOTICEs of the migrations'
  // IF NOT EXISTS on every start).
  EXPECT_EQ(r.output.find("NOTICE"), std::string::npos) << r.output;

  ASSERT_TRUE(ExecStoreSql(data_dir_,
                           "UPDATE petitions SET signature_count = signature_count + 3;"
                           "UPDATE region_counts SET count = 4 WHERE region = 'scotland';"));

  r = RunPetitio({"audit", "counts", "--data", data_dir_});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("petition " + std::to_string(id) +
                          ": signature_count 10, validated signatures 7;"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("region \"scotland\" 4, validated 1;"), std::string::npos) << r.output;

  r = RunPetitio({"audit", "counts", "--data", data_dir_ + "/nowhere"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace
}  // namespace petitio::testing
