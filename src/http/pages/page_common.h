// Helpers shared by the HTML page handlers: dates for people, error summaries, redirects,
// and the page shown for a Status.
#pragma once

#include <string>
#include <string_view>

#include "domain/profile.h"
#include "domain/result.h"
#include "domain/time.h"
#include "http/pages/page_renderer.h"

namespace petitio::http {

// "9 December 2024"
std::string HumanDate(TimePoint t);
// "9 December 2024, 10:00 UTC"
std::string HumanDateTime(TimePoint t);
// Data for the errors_summary template.
mustache::data ErrorData(const Status& s);
HttpResponse SeeOther(const std::string& location);
// The page for a failed Status (not found, conflict, internal...).
HttpResponse StatusPage(const PageRenderer& pages, const Status& s);
std::string ProfileName(const Profile* p);
// Text made safe inside XML or HTML text and double-quoted attributes: & < > " escaped.
std::string XmlEscape(std::string_view s);

}  // namespace petitio::http
