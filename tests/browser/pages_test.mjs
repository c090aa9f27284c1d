// Every page type through axe-core (WCAG 2.0-2.2 A and AA): zero violations expected, in each
// language of the header's switch (English only while there is none). The failure lists every
// violation with its rule, impact, element and what fails; and at 360 px no page may scroll
// sideways (WCAG 1.4.10, which axe does not test). The pages that change with
// JavaScript are also checked as they are without it. The main pages are saved as full-page
// screenshots, PETITIO_SCREENSHOTS/PAGE-LANG-WIDTH.png, at 360 and 1280 px.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  DEMO, DESKTOP, LANGUAGES, PHONE, STAFF, api, apiLogin, axeViolations, formatViolations, horizontalOverflow,
  launchBrowser, login, mailLink, newContext, screenshotsDir, signByApi, startServer,
} from "./helpers.mjs";

let server;
let browser;
let shots;
let sponsorLink; // a UK petition's, gathering its sponsors
const REGISTERED = DEMO.kzRegistered; // assigned to demo-ministry, registered by its officer

before(async () => {
  [server, browser, shots] = await Promise.all([startServer(), launchBrowser(), screenshotsDir()]);
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(server.url + "/");
  // Every language must be offered; each is then checked on every page type below.
  const offered = await page.locator("header a[hreflang]").evaluateAll((links) => links.map((a) => a.hreflang));
  assert.deepEqual([...offered].sort(), [...LANGUAGES].sort(), "the header offers every language");

  // The officer of demo-ministry gets a petition: assigned by a moderator, then registered
  // with a working group and a meeting through the workspace's forms.
  const moderator = await apiLogin(server, STAFF.moderator);
  const assigned = await api(server, "PUT", `/api/v1/admin/petitions/${REGISTERED}/authority`, { authority: "demo-ministry" }, moderator);
  assert.equal(assigned.status, 200, assigned.text);
  await login(page, server, STAFF.officer);
  await page.goto(`${server.url}/staff/petitions/${REGISTERED}`);
  await record(page, "registration", { "#reg-number": "BT-2024-17" });
  await record(page, "working_group", { "#wg-members": "Aigerim Sadykova — District akimat\nDaniyar Akhmetov — Parents' council" });
  await record(page, "meeting", { "#m-place": "Akimat, room 204", "#m-agenda": "Lighting at school crossings", "#m-minutes": "The akimat presented a plan." }, "#m-kind");

  // A petition gathering sponsors, for the sponsor page.
  const created = await api(server, "POST", "/api/v1/petitions", {
    profile: "uk", title: "Plant a tree for every child born in the borough", text: "Trees for all.\n\nNow.",
    addressee: "UK Government and Parliament", initiator: { name: "Ann Initiator", email: "ann.initiator@example.org" },
  });
  assert.equal(created.status, 201, created.text);
  const token = new URL(await mailLink(server, "ann.initiator@example.org", "/confirm?token=")).searchParams.get("token");
  assert.equal((await api(server, "POST", "/api/v1/signatures/confirm", { token })).status, 200);
  sponsorLink = await mailLink(server, "ann.initiator@example.org", "/sponsor?token=");
  await context.close();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// Submits the officer's form that records `kind`, after filling `fields`.
async function record(page, kind, fields, kindSelect) {
  const form = kindSelect ? page.locator(`form:has(${kindSelect})`)
    : page.locator(`form[action$="/records"]:has(input[name="kind"][value="${kind}"])`);
  if (kindSelect) await form.locator(kindSelect).selectOption(kind);
  for (const [selector, value] of Object.entries(fields)) await form.locator(selector).fill(value);
  const [r] = await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
  assert.ok(r.ok(), `recording ${kind}: ${await page.locator("main").innerText()}`);
}

// A browser context in `lang`, chosen through the header's switch.
async function contextIn(lang, options = {}) {
  const context = await newContext(browser, options);
  if (lang !== "en") {
    const page = await context.newPage();
    await page.goto(`${server.url}/language/${lang}?next=/`);
    assert.equal(await page.locator("html").getAttribute("lang"), lang);
    await page.close();
  }
  return context;
}

// Collects axe's findings for one language; `shot` names the screenshot and adds the phone width.
function auditor(lang) {
  const found = [];
  return {
    found,
    async check(page, name, shot) {
      for (const viewport of [PHONE, DESKTOP]) {
        await page.setViewportSize(viewport);
        const where = `${name} [${lang}, ${viewport.width}px] ${new URL(page.url()).pathname}`;
        if (viewport === PHONE) {
          const wide = await horizontalOverflow(page);
          if (wide) found.push(`${where}: reflow (WCAG 1.4.10; not an axe rule) the page is ${wide.width} px wide\n` +
            wide.culprits.map((c) => `    at ${c}`).join("\n"));
        }
        if (viewport === DESKTOP || shot) {
          const violations = await axeViolations(page);
          if (violations.length > 0) found.push(formatViolations(where, violations));
        }
        if (shot) await page.screenshot({ path: join(shots, `${shot}-${lang}-${viewport.width}.png`), fullPage: true });
      }
    },
    assertClean() {
      assert.equal(found.length, 0, `accessibility failures on ${found.length} page(s) (axe-core rules, and reflow at 360 px):\n${found.join("\n")}`);
    },
  };
}

async function visit(page, path, status = 200) {
  const r = await page.goto(path.startsWith("http") ? path : server.url + path);
  assert.equal(r.status(), status, `GET ${path}`);
}

async function press(page, buttonSelector, status = 200) {
  const [r] = await Promise.all([page.waitForNavigation(), page.locator(buttonSelector).click()]);
  assert.equal(r.status(), status, `pressing ${buttonSelector} on ${page.url()}`);
}

// Shows the page as a browser without JavaScript would: no page scripts, <noscript> shown.
// (axe-core cannot run where JavaScript is disabled: its timers never fire and Chromium drops
// the page; sign_test.mjs submits the forms with JavaScript really disabled.)
async function withoutScripts(context) {
  await context.route(/\/static\/.*\.js$/, (route) => route.abort());
  return async (page) => page.evaluate(() => {
    for (const n of document.querySelectorAll("noscript")) {
      const div = document.createElement("div");
      div.innerHTML = n.textContent;
      n.replaceWith(div);
    }
  });
}

test("axe-core finds what it should (the harness works)", async () => {
  const page = await (await newContext(browser)).newPage();
  await page.setContent('<img src="x.png"><input><p style="color:#bbb">faint</p>');
  const ids = (await axeViolations(page)).map((v) => v.id).sort();
  assert.deepEqual(ids, ["color-contrast", "document-title", "html-has-lang", "image-alt", "label"]);
  await page.context().close();
});

for (const lang of LANGUAGES) {
  test(`every page type passes axe-core, ${lang}`, async () => {
    const { check, assertClean } = auditor(lang);
    const context = await contextIn(lang);
    const page = await context.newPage();

    await visit(page, "/");
    await check(page, "home", "home");
    await visit(page, "/petitions");
    await check(page, "search form");
    await visit(page, `/petitions?q=${encodeURIComponent("библиотек")}`);
    await check(page, "search results", "search");
    await visit(page, "/petitions?q=zzzqqq");
    await check(page, "search, nothing found");
    await visit(page, "/petitions/new");
    await check(page, "new petition", "new-petition");
    await press(page, 'form[action="/petitions"] button[type="submit"]', 400);
    await check(page, "new petition with errors");

    await visit(page, `/petitions/${DEMO.ukOpen}`);
    await check(page, "petition, collecting", "petition");
    await visit(page, `/petitions/${DEMO.kzOpen}`);
    await check(page, "petition, KZ with regions");
    await visit(page, `/petitions/${DEMO.rejected}`);
    await check(page, "petition, rejected");
    await visit(page, `/petitions/${REGISTERED}`);
    await check(page, "petition, under consideration");
    await visit(page, `/petitions/${DEMO.ukOpen}`);
    await press(page, `form[action="/petitions/${DEMO.ukOpen}/sign"] button[type="submit"]`, 400);
    await check(page, "sign form with errors");
    await page.locator("#name").fill(`Mail Check ${lang}`);
    await page.locator("#email").fill(`mail-check-${lang}@example.org`);
    await press(page, `form[action="/petitions/${DEMO.ukOpen}/sign"] button[type="submit"]`);
    await check(page, "check your mail");
    await visit(page, sponsorLink);
    await check(page, "sponsor");
    await visit(page, `/petitions/${DEMO.ukOpen}/embed`);
    await check(page, "embed");

    // A signer's pages: confirm (GET shows the button), withdraw, confirmed, receipt.
    const email = `signer-${lang}@example.org`;
    const confirmLink = await signByApi(server, DEMO.ukOpen, email);
    await visit(page, await mailLink(server, email, "/withdraw?token="));
    await check(page, "withdraw");
    await visit(page, confirmLink);
    await check(page, "confirm");
    await press(page, 'form[action="/confirm"] button');
    await check(page, "confirmed");
    await page.locator('.receipt a[href*="/receipt#"]').click();
    await page.locator("#receipt-result[data-verdict]").waitFor({ timeout: 15_000 });
    assert.equal(await page.locator("#receipt-result").getAttribute("data-verdict"), "included");
    await check(page, "receipt, checked", "receipt");
    const receiptUrl = page.url();

    // Following by mail: the link's page, then the button.
    const follower = `follower-${lang}@example.org`;
    assert.equal((await api(server, "POST", `/api/v1/petitions/${REGISTERED}/followers`, { email: follower })).status, 202);
    await visit(page, await mailLink(server, follower, "/follow?s="));
    await check(page, "follow link");
    await press(page, 'form[action="/follow"] button');
    await check(page, "following");

    await visit(page, "/no-such-page", 404);
    await check(page, "not found");
    await visit(page, "/petitions/999999", 404);
    await check(page, "petition not found");
    await visit(page, "/login");
    await check(page, "login");
    await page.locator("#email").fill(STAFF.moderator);
    await page.locator("#password").fill("not-the-password");
    await press(page, 'form[action="/login"] button[type="submit"]', 401);
    await check(page, "login with an error");

    // Staff: the moderation queue, the officer's workspace.
    await login(page, server, STAFF.moderator);
    await visit(page, "/admin/moderation");
    await check(page, "moderation queue", "moderation");
    await context.clearCookies({ name: "petitio_session" });
    await login(page, server, STAFF.officer);
    await visit(page, "/staff");
    await check(page, "staff home", "staff");
    await visit(page, `/staff/petitions/${REGISTERED}`);
    await check(page, "staff petition, under consideration", "staff-petition");

    // Without JavaScript: the pages whose scripts change them.
    const plain = await contextIn(lang);
    const unwrap = await withoutScripts(plain);
    const plainPage = await plain.newPage();
    await visit(plainPage, `/petitions/${DEMO.ukOpen}`);
    await unwrap(plainPage);
    await check(plainPage, "petition, no JavaScript");
    await visit(plainPage, receiptUrl);
    await unwrap(plainPage);
    await check(plainPage, "receipt, no JavaScript");
    await plain.close();
    await context.close();
    assertClean();
  });
}

test("the officer publishes the decision through the workspace", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, server, STAFF.officer);
  await visit(page, `/staff/petitions/${REGISTERED}`);
  await record(page, "decision", { "#d-answer": "Lights and call buttons will be installed at all 14 crossings by September.", "#d-measures": "Tender in March." });
  await context.close();
});

for (const lang of LANGUAGES) {
  test(`the pages after the decision pass axe-core, ${lang}`, async () => {
    const { check, assertClean } = auditor(lang);
    const context = await contextIn(lang);
    const page = await context.newPage();
    await visit(page, `/petitions/${REGISTERED}`);
    await check(page, "petition with a decision", "petition-decided");
    // The decision was mailed to the followers, with a link to stop the news.
    await visit(page, await mailLink(server, `follower-${lang}@example.org`, "/unsubscribe?s="));
    await check(page, "unsubscribe link");
    await press(page, 'form[action="/unsubscribe"] button');
    await check(page, "unsubscribed");
    await login(page, server, STAFF.officer);
    await visit(page, `/staff/petitions/${REGISTERED}`);
    await check(page, "staff petition, decided");
    await context.close();
    assertClean();
  });
}
