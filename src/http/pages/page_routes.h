// The HTML pages (README's tour): home, petition, sign, sponsor, start a petition,
// confirmation (GET shows a button; only POST confirms), the receipt check, moderation, and
// static assets. Pages work without JavaScript: every action is a plain form; the receipt check,
// which must run in the signer's browser, says what to use instead.
#pragma once

#include <memory>

#include "app/context.h"
#include "http/pages/page_renderer.h"
#include "http/router.h"

namespace petitio::http {

void AddPetitionPages(Router& router, const AppContext& ctx,
                      std::shared_ptr<const PageRenderer> pages);
void AddConfirmPages(Router& router, const AppContext& ctx,
                     std::shared_ptr<const PageRenderer> pages);
// Registered before AddPetitionPages: "/petitions/{id}.atom" must win over "/petitions/{id}".
void AddFollowPages(Router& router, const AppContext& ctx,
                    std::shared_ptr<const PageRenderer> pages);
void AddEmbedPages(Router& router, const AppContext& ctx,
                   std::shared_ptr<const PageRenderer> pages);
void AddReceiptPages(Router& router, const AppContext& ctx,
                     std::shared_ptr<const PageRenderer> pages);
void AddStaffPages(Router& router, const AppContext& ctx,
                   std::shared_ptr<const PageRenderer> pages);
void AddModerationPages(Router& router, const AppContext& ctx,
                        std::shared_ptr<const PageRenderer> pages);
void AddStaticAssets(Router& router);
// GET /language/{code}?next=/path: remembers the visitor's language in a cookie (a year) and
// sends them back to the local page they came from. A plain link, so it works without script.
void AddLanguageSwitch(Router& router);

}  // namespace petitio::http
