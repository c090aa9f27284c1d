// Moderation in a real browser: an initiator starts a petition with the web form (German
// Bundestag rules: no sponsors, so it goes to moderation once confirmed) and confirms it from
// the mail; a moderator logs in at /login, takes it in /admin/moderation and publishes it with
// the form (with JavaScript disabled); the public page then shows it open for signatures.
import assert from "node:assert/strict";
import { test } from "node:test";
import { STAFF, login, mailLink, newContext, siteAndBrowser } from "./helpers.mjs";

const site = siteAndBrowser();

test("a moderator publishes a petition started through the web form", async () => {
  const title = "Mehr Sitzbänke an Bushaltestellen";
  const initiator = await (await newContext(site.browser)).newPage();
  await initiator.goto(`${site.server.url}/petitions/new`);
  await initiator.locator("#profile").selectOption("de-bt");
  await initiator.locator("#title").fill(title);
  await initiator.locator("#addressee").fill("Deutscher Bundestag");
  await initiator.locator("#text").fill("Der Bundestag möge beschließen, dass jede Bushaltestelle eine Bank bekommt.");
  await initiator.locator("#initiator-name").fill("Lena Berg");
  await initiator.locator("#initiator-email").fill("lena.berg@example.org");
  const [created] = await Promise.all([initiator.waitForNavigation(),
    initiator.locator('form[action="/petitions"] button[type="submit"]').click()]);
  assert.ok(created.ok(), await initiator.locator("main").innerText());

  await initiator.goto(await mailLink(site.server, "lena.berg@example.org", "/confirm?token="));
  await Promise.all([initiator.waitForNavigation(), initiator.locator('form[action="/confirm"] button').click()]);
  const id = /\/petitions\/(\d+)/.exec(await initiator.locator('main a[href^="/petitions/"]').last().getAttribute("href"))[1];
  const hidden = await initiator.goto(`${site.server.url}/petitions/${id}`);
  assert.equal(hidden.status(), 404, "not public before moderation");

  // The moderator's pages are plain forms: this browser runs no JavaScript.
  const moderator = await (await newContext(site.browser, { javaScriptEnabled: false })).newPage();
  await login(moderator, site.server, STAFF.moderator);
  assert.equal(new URL(moderator.url()).pathname, "/admin/moderation");
  const item = moderator.locator("article.queue-item", { has: moderator.locator(`a[href^="/petitions/${id}?"]`) });
  assert.equal(await item.count(), 1, "the petition is in the queue");
  await Promise.all([moderator.waitForNavigation(), item.locator(`form[action="/admin/petitions/${id}/lock"] button`).click()]);
  const publish = item.locator(`form[action="/admin/petitions/${id}/moderation"]:has(input[name="decision"][value="publish"]) button`);
  await Promise.all([moderator.waitForNavigation(), publish.click()]);
  assert.equal(new URL(moderator.url()).pathname, "/admin/moderation");
  assert.equal(await item.count(), 0, "the queue no longer holds it");

  const published = await initiator.goto(`${site.server.url}/petitions/${id}`);
  assert.equal(published.status(), 200);
  assert.equal(await initiator.locator("h1").innerText(), title);
  assert.equal(await initiator.locator(".state.state-open").count(), 1, "shown open for signatures");
  assert.equal(await initiator.locator(`form[action="/petitions/${id}/sign"]`).count(), 1, "with its sign form");
});
