// The HTML pages (README's tour): home, petition, sign, sponsor, start a petition,
// confirmation (GET shows a button; only POST confirms), moderation, and static assets.
// Pages work without JavaScript: every action is a plain form.
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
void AddModerationPages(Router& router, const AppContext& ctx,
                        std::shared_ptr<const PageRenderer> pages);
void AddStaticAssets(Router& router);

}  // namespace petitio::http
