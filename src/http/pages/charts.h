// Server-rendered SVG charts for the petition page: no script, readable by screen readers (each
// chart is role="img" with a title and a description that state its data in words, in the
// catalogue's language).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/queries.h"
#include "domain/messages.h"

namespace petitio::http {

// The running total of signatures over time; empty when there are no points.
std::string SignaturesOverTimeSvg(const Catalogue& t, const Series& series);
// Horizontal bars, one per (label, count), largest first; empty when there are none.
std::string BarsSvg(const Catalogue& t, const std::string& title,
                    std::vector<std::pair<std::string, int64_t>> bars);

}  // namespace petitio::http
