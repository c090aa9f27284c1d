// Formatting one confirmation mail, as the courier does for every signer: the whole message
// (FormatMessage) and its two passes over the body (the UTF-8 check and the quoted-printable
// encoding), in English and in Kazakh, beside copying the same body (the floor: one pass that
// only moves the bytes) in the same run. Google Benchmark; run with
// `build/release/bench/petitio_mail_format_bench`. Results: docs/performance.md.
#include <benchmark/benchmark.h>

#include <string>

#include "domain/text.h"
#include "domain/time.h"
#include "mail/rfc5322.h"

namespace {

using petitio::MailMessage;

// The confirmation mail's body as src/app/mail_texts.cc builds it from web/messages/*.toml.
const std::string kEnglishBody =
    "Dear Aigerim Nurlanovna,\n\n"
    "you asked to sign the petition \"Build a pedestrian crossing at School No. 12\".\n\n"
    "To confirm, open this link and press the button:\n"
    "https://petitio.example.kz/confirm?token=1234567-"
    "Qm9vWmVyLXNlY3JldC10b2tlbi1mb3ItYmVuY2g\n\n"
    "Your signature counts only after you confirm. If it was not you, ignore this message.\n\n"
    "Keep this message: while the petition collects signatures you can withdraw your signature "
    "with this link:\n"
    "https://petitio.example.kz/withdraw?token=1234567-"
    "Qm9vWmVyLXNlY3JldC10b2tlbi1mb3ItYmVuY2g\n";

const std::string kKazakhBody =
    "Құрметті Әйгерім Нұрланқызы!\n\n"
    "Сіз «№12 мектептің жанынан жаяу жүргіншілер өткелін салу» петициясына қол қоюды "
    "сұрадыңыз.\n\n"
    "Растау үшін мына сілтемені ашып, батырманы басыңыз:\n"
    "https://petitio.example.kz/confirm?token=1234567-"
    "Qm9vWmVyLXNlY3JldC10b2tlbi1mb3ItYmVuY2g\n\n"
    "Қолтаңбаңыз сіз растағаннан кейін ғана есептеледі. Егер бұл сіз болмасаңыз, бұл хатты "
    "елемеңіз.\n";

const std::string& Body(const benchmark::State& state) {
  return state.range(0) == 0 ? kEnglishBody : kKazakhBody;
}

void Label(benchmark::State& state) {
  state.SetLabel(state.range(0) == 0 ? "en" : "kk");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(Body(state).size()));
}

void BM_CopyBody(benchmark::State& state) {
  const std::string& body = Body(state);
  for (auto _ : state) {
    std::string copy = body;
    benchmark::DoNotOptimize(copy.data());
  }
  Label(state);
}
BENCHMARK(BM_CopyBody)->Arg(0)->Arg(1);

void BM_IsValidUtf8(benchmark::State& state) {
  const std::string& body = Body(state);
  for (auto _ : state) benchmark::DoNotOptimize(petitio::IsValidUtf8(body));
  Label(state);
}
BENCHMARK(BM_IsValidUtf8)->Arg(0)->Arg(1);

void BM_EncodeQuotedPrintable(benchmark::State& state) {
  const std::string& body = Body(state);
  for (auto _ : state) benchmark::DoNotOptimize(petitio::EncodeQuotedPrintable(body));
  Label(state);
}
BENCHMARK(BM_EncodeQuotedPrintable)->Arg(0)->Arg(1);

void BM_FormatMessage(benchmark::State& state) {
  MailMessage m;
  m.to_name = state.range(0) == 0 ? "Aigerim Nurlanovna" : "Әйгерім Нұрланқызы";
  m.to_address = "aigerim@example.kz";
  m.subject = state.range(0) == 0 ? "Confirm your signature: Build a pedestrian crossing"
                                  : "Қолтаңбаңызды растаңыз: жаяу жүргіншілер өткелі";
  m.body = Body(state);
  const petitio::TimePoint now = petitio::FromMillis(1717927200000);
  for (auto _ : state) {
    benchmark::DoNotOptimize(petitio::FormatMessage(m, "noreply@petitio.example.kz", "Petitio", now,
                                                    "20240609T100000.000-9f0c1e2d3b4a5968"));
  }
  Label(state);
}
BENCHMARK(BM_FormatMessage)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
