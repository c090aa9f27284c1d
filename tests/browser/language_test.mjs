// The language switch: the page header links to every language
// (<a href="/language/kk?next=/current/path" hreflang="kk" lang="kk">); following one sets a
// cookie and returns to the same page, now in that language (<html lang>, the header's text),
// and the choice holds on the next page. Without the cookie, Accept-Language picks it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEMO, LANGUAGES, newContext, siteAndBrowser } from "./helpers.mjs";

const site = siteAndBrowser();

const KAZAKH_LETTERS = /[әғқңөұүһі]/i;
const CYRILLIC = /[а-яё]/i;
const htmlLang = (page) => page.locator("html").getAttribute("lang");
// The header's text less the language links, whose names are each in its own language.
const headerText = (page) => page.locator("header").evaluate((header) => {
  const copy = header.cloneNode(true);
  for (const link of copy.querySelectorAll("[hreflang]")) link.remove();
  return copy.textContent.replace(/\s+/g, " ").trim();
});

// What the header's text must look like in each language.
async function assertHeaderIn(page, lang) {
  const text = await headerText(page);
  if (lang === "kk") assert.match(text, KAZAKH_LETTERS, `the header is in Kazakh: ${text}`);
  if (lang === "ru") assert.ok(CYRILLIC.test(text) && !KAZAKH_LETTERS.test(text), `the header is in Russian: ${text}`);
  if (lang === "en") assert.ok(!CYRILLIC.test(text), `the header is in English: ${text}`);
}

test("the header links to every language and the choice is remembered", async () => {
  const page = await (await newContext(site.browser)).newPage();
  const path = `/petitions/${DEMO.ukOpen}`;
  await page.goto(site.server.url + path);
  assert.equal(await htmlLang(page), "en");
  for (const lang of LANGUAGES) {
    const link = page.locator(`header a[hreflang="${lang}"]`);
    if (lang === "en" && (await link.count()) === 0) continue; // the page's own language may go unlinked
    assert.equal(await link.count(), 1, `a link to ${lang} in the header`);
    assert.equal(await link.getAttribute("lang"), lang, "its name is in its own language");
    const href = new URL(await link.getAttribute("href"), site.server.url);
    assert.equal(href.pathname, `/language/${lang}`);
    assert.equal(href.searchParams.get("next"), path, "it returns to this page");
  }

  for (const lang of ["kk", "ru", "en"]) {
    await Promise.all([page.waitForNavigation(), page.locator(`header a[hreflang="${lang}"]`).click()]);
    assert.equal(new URL(page.url()).pathname, path, "back on the same page");
    assert.equal(await htmlLang(page), lang);
    await assertHeaderIn(page, lang);
    // Remembered on the next page, reached through the header's link.
    await Promise.all([page.waitForNavigation(), page.locator('header a[href="/petitions/new"]').click()]);
    assert.equal(await htmlLang(page), lang, `still ${lang} on the next page`);
    await assertHeaderIn(page, lang);
    await page.goto(site.server.url + path);
  }
});

test("without a choice, Accept-Language picks the language; a choice overrides it", async () => {
  for (const [accept, lang] of [["ru-RU,ru;q=0.9,en;q=0.5", "ru"], ["kk", "kk"], ["de-DE,de;q=0.9", "en"]]) {
    const context = await newContext(site.browser, { extraHTTPHeaders: { "Accept-Language": accept } });
    const page = await context.newPage();
    await page.goto(site.server.url + "/");
    assert.equal(await htmlLang(page), lang, `Accept-Language: ${accept}`);
    await assertHeaderIn(page, lang);
    if (lang === "ru") {
      await Promise.all([page.waitForNavigation(), page.locator('header a[hreflang="kk"]').click()]);
      assert.equal(await htmlLang(page), "kk", "the cookie wins over Accept-Language");
    }
    await context.close();
  }
});
