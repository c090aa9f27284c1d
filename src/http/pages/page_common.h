// Helpers shared by the HTML page handlers: dates for people, error summaries, redirects,
// and the page shown for a Status.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "app/queries.h"
#include "domain/messages.h"
#include "domain/profile.h"
#include "domain/result.h"
#include "domain/time.h"
#include "http/pages/page_renderer.h"

namespace petitio::http {

// What went wrong, for people: the catalogue's text for the error's code ("error.missing_name"),
// else the error's own message.
std::string ErrorText(const Catalogue& t, const Status& s);
// The ids of a form's fields by the field an error code names ("missing_email",
// "invalid_email" -> fields["email"]), so the error summary links to the field to mend.
using FormFields = std::map<std::string, std::string, std::less<>>;
// Data for the errors_summary template: ErrorText, and a link to the field when `fields` has it.
mustache::data ErrorData(const Catalogue& t, const Status& s, const FormFields& fields = {});
// "Open for signatures", in the catalogue's language.
std::string StateLabel(const Catalogue& t, PetitionState s);
HttpResponse SeeOther(const std::string& location);
// The page for a failed Status (not found, conflict, internal...).
HttpResponse StatusPage(const LocalPages& pages, const Status& s);
std::string ProfileName(const Profile* p, std::string_view language);
// A timeline item in words: a server event by its kind ("Published"), a record of the authority
// by what it holds ("Registered as No. 17"); and, for events whose recorded detail is someone's
// own words (a reason), those words (else "").
std::string TimelineLabel(const Catalogue& t, const TimelineItem& item);
std::string TimelineQuote(const Catalogue& t, const TimelineItem& item);
// Text made safe inside XML or HTML text and double-quoted attributes: & < > " escaped.
std::string XmlEscape(std::string_view s);

}  // namespace petitio::http
