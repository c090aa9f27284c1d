#include "http/pages/charts.h"

#include <algorithm>
#include <cstdio>

#include "http/pages/page_common.h"

namespace petitio::http {

namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string SignaturesOverTimeSvg(const Catalogue& t, const Series& series) {
  if (series.points.empty()) return "";
  constexpr double kW = 640, kH = 220, kLeft = 56, kRight = 12, kTop = 12, kBottom = 28;
  const int64_t first = ToMillis(series.points.front().start);
  const int64_t last = ToMillis(series.points.back().start);
  const int64_t span = std::max<int64_t>(last - first, 1);
  const int64_t top = std::max<int64_t>(series.points.back().total, 1);
  const auto x = [&](int64_t ms) {
    return kLeft +
           (kW - kLeft - kRight) * static_cast<double>(ms - first) / static_cast<double>(span);
  };
  const auto y = [&](int64_t v) {
    return kTop + (kH - kTop - kBottom) * (1.0 - static_cast<double>(v) / static_cast<double>(top));
  };
  // A step line: the total holds until the next bucket starts.
  std::string path = "M" + Num(x(first)) + " " + Num(y(0));
  for (const SeriesPoint& p : series.points) {
    path += " L" + Num(x(ToMillis(p.start))) + " " + Num(y(p.total - p.count));
    path += " L" + Num(x(ToMillis(p.start))) + " " + Num(y(p.total));
  }
  const std::string from =
      t.FormatDay(series.points.front().start + std::chrono::minutes(series.utc_offset_minutes));
  const std::string to =
      t.FormatDay(series.points.back().start + std::chrono::minutes(series.utc_offset_minutes));
  const std::string desc =
      t.Plural(series.interval == "hour" ? "chart.time_desc_hour" : "chart.time_desc_day",
               series.points.back().total, {{"from", from}, {"to", to}});
  return "<svg class=\"chart\" viewBox=\"0 0 " + Num(kW) + " " + Num(kH) +
         "\" role=\"img\" aria-labelledby=\"chart-time-title chart-time-desc\">"
         "<title id=\"chart-time-title\">" +
         XmlEscape(t.Text("chart.over_time")) +
         "</title>"
         "<desc id=\"chart-time-desc\">" +
         XmlEscape(desc) +
         "</desc>"
         "<line x1=\"" +
         Num(kLeft) + "\" y1=\"" + Num(kH - kBottom) + "\" x2=\"" + Num(kW - kRight) + "\" y2=\"" +
         Num(kH - kBottom) +
         "\" class=\"axis\"/>"
         "<text x=\"" +
         Num(kLeft - 6) + "\" y=\"" + Num(kTop + 10) + "\" text-anchor=\"end\">" + t.Number(top) +
         "</text>"
         "<text x=\"" +
         Num(kLeft - 6) + "\" y=\"" + Num(kH - kBottom) +
         "\" text-anchor=\"end\">0</text>"
         "<text x=\"" +
         Num(kLeft) + "\" y=\"" + Num(kH - 8) + "\">" + XmlEscape(from) +
         "</text>"
         "<text x=\"" +
         Num(kW - kRight) + "\" y=\"" + Num(kH - 8) + "\" text-anchor=\"end\">" + XmlEscape(to) +
         "</text><path d=\"" + path + "\" class=\"line\"/></svg>";
}

std::string BarsSvg(const Catalogue& t, const std::string& title,
                    std::vector<std::pair<std::string, int64_t>> bars) {
  if (bars.empty()) return "";
  std::stable_sort(bars.begin(), bars.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  constexpr double kW = 640, kRow = 26, kRight = 64;
  // Room for the longest label ("Восточно-Казахстанская область"): about 8 units a character
  // at the chart's font size, within bounds that leave the bars room.
  size_t longest = 0;
  for (const auto& bar : bars) {
    size_t chars = 0;
    for (const char c : bar.first) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    longest = std::max(longest, chars);
  }
  const double label_width = std::clamp(8.0 * static_cast<double>(longest) + 16, 120.0, 330.0);
  const double height = kRow * static_cast<double>(bars.size()) + 8;
  const int64_t top = std::max<int64_t>(bars.front().second, 1);
  std::string desc;
  std::string rows;
  for (size_t i = 0; i < bars.size(); ++i) {
    const auto& [label, count] = bars[i];
    const double y = 4 + kRow * static_cast<double>(i);
    const double w =
        (kW - label_width - kRight) * static_cast<double>(count) / static_cast<double>(top);
    rows += "<text x=\"" + Num(label_width - 8) + "\" y=\"" + Num(y + 17) +
            "\" text-anchor=\"end\">" + XmlEscape(label) + "</text><rect x=\"" + Num(label_width) +
            "\" y=\"" + Num(y + 4) + "\" width=\"" + Num(std::max(w, 1.0)) + "\" height=\"" +
            Num(kRow - 8) + "\" class=\"bar\"/><text x=\"" + Num(label_width + w + 6) + "\" y=\"" +
            Num(y + 17) + "\">" + t.Number(count) + "</text>";
    desc += (desc.empty() ? "" : "; ") + label + ": " + t.Number(count);
  }
  return "<svg class=\"chart\" viewBox=\"0 0 " + Num(kW) + " " + Num(height) +
         "\" role=\"img\" aria-labelledby=\"chart-bars-title chart-bars-desc\">"
         "<title id=\"chart-bars-title\">" +
         XmlEscape(title) + "</title><desc id=\"chart-bars-desc\">" + XmlEscape(desc) + ".</desc>" +
         rows + "</svg>";
}

}  // namespace petitio::http
