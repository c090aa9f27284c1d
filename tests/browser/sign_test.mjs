// Signing in a real browser: a person signs a petition, confirms through the mailed link, and
// two other tabs showing the petition see the count rise within 2 s without reloading (Server-
// Sent Events, web/static/live_count.js); the receipt's "check my signature" page then reports
// the signature in the signed log. The same forms work with JavaScript disabled.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEMO, mailLink, newContext, siteAndBrowser } from "./helpers.mjs";

const site = siteAndBrowser();

const countOf = async (page) => Number((await page.locator("[data-live-count]").textContent()).replace(/\D/g, ""));

// Opens the petition in a tab and waits until its live-count stream is connected.
async function watch(context, id) {
  const page = await context.newPage();
  const stream = page.waitForResponse((r) => r.url().endsWith(`/api/v1/petitions/${id}/events`));
  await page.goto(`${site.server.url}/petitions/${id}`);
  await stream;
  await page.evaluate(() => { window.notReloaded = true; });
  return page;
}

test("the count rises live in other tabs, and the receipt checks out", async () => {
  const context = await newContext(site.browser);
  const id = DEMO.ukOpen;
  const [tabA, tabB] = [await watch(context, id), await watch(context, id)];
  const before = await countOf(tabA);

  const signer = await context.newPage();
  await signer.goto(`${site.server.url}/petitions/${id}`);
  await signer.locator("#name").fill("Dana Live");
  await signer.locator("#email").fill("dana.live@example.org");
  const [signed] = await Promise.all([
    signer.waitForNavigation(),
    signer.locator(`form[action="/petitions/${id}/sign"] button[type="submit"]`).click(),
  ]);
  assert.equal(signed.status(), 200, "the sign form is accepted");
  assert.equal(await signer.locator(".error-summary").count(), 0);

  await signer.goto(await mailLink(site.server, "dana.live@example.org", "/confirm?token="));
  assert.equal(await countOf(tabA), before, "nothing counts before the button is pressed");
  await Promise.all([signer.waitForNavigation(), signer.locator('form[action="/confirm"] button').click()]);
  const confirmedAt = Date.now();
  for (const tab of [tabA, tabB]) {
    const left = Math.max(1, 2000 - (Date.now() - confirmedAt));
    await tab.waitForFunction((n) => document.querySelector("[data-live-count]").textContent.replace(/\D/g, "") === n,
      String(before + 1), { timeout: left });
    assert.ok(await tab.evaluate(() => window.notReloaded), "the tab updated without a reload");
    for (const bar of await tab.locator("progress[data-live-progress]").all()) {
      const [value, max] = await bar.evaluate((b) => [b.value, b.max]);
      assert.equal(value, Math.min(before + 1, max), "the progress bars follow the count");
    }
  }

  // The confirmed page's receipt link leads to the check, which runs in this browser.
  await Promise.all([signer.waitForNavigation(), signer.locator('.receipt a[href*="/receipt#"]').click()]);
  assert.match(new URL(signer.url()).hash, /index=\d+&secret=[0-9a-f]{64}/);
  const result = signer.locator("#receipt-result[data-verdict]");
  await result.waitFor({ timeout: 15_000 });
  assert.equal(await result.getAttribute("data-verdict"), "included", await result.innerText());
  await context.close();
});

test("without JavaScript: signing reaches 'check your mail', confirming counts", async () => {
  const context = await newContext(site.browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  const id = DEMO.ukOpen;
  await page.goto(`${site.server.url}/petitions/${id}`);
  const before = await countOf(page);
  const submit = page.locator(`form[action="/petitions/${id}/sign"] button[type="submit"]`);

  // Empty fields: the page comes back with an error summary, nothing is sent.
  const [refused] = await Promise.all([page.waitForNavigation(), submit.click()]);
  assert.equal(refused.status(), 400);
  assert.equal(await page.locator(".error-summary").count(), 1, "an error summary names the problem");

  await page.locator("#name").fill("Noor Nojs");
  await page.locator("#email").fill("noor.nojs@example.org");
  const [signed] = await Promise.all([page.waitForNavigation(), submit.click()]);
  assert.equal(signed.status(), 200);
  assert.match(await page.locator("h1").innerText(), /check your e-?mail/i);

  await page.goto(await mailLink(site.server, "noor.nojs@example.org", "/confirm?token="));
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/confirm"] button').click()]);
  assert.equal(await page.locator(".receipt").count(), 1, "the confirmed page shows the receipt");
  await page.locator('.receipt a[href*="/receipt#"]').click();
  await page.waitForURL(/\/receipt#/);
  assert.match(await page.locator("main").innerText(), /petitio verify/, "without JavaScript the page names the command-line check");

  await page.goto(`${site.server.url}/petitions/${id}`);
  assert.equal(await countOf(page), before + 1, "the signature counts once");
  await context.close();
});
