// Shared by the browser tests: starts the real `petitio serve` (demo data, fresh data directory,
// free port), reads the links in its mail outbox by addressee, launches Debian's Chromium
// through playwright-core and runs axe-core on a page.
// Environment: PETITIO_BINARY (the petitio executable), PETITIO_CHROMIUM (default
// /usr/bin/chromium), PETITIO_SCREENSHOTS (where screenshots go; default a temp directory).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { after, before } from "node:test";

// Every language the site speaks; the accessibility test runs each page in all of them.
export const LANGUAGES = ["en", "ru", "kk"];
export const DEMO_PASSWORD = "petitio-demo-password";
export const STAFF = {
  admin: "admin@demo.example",
  moderator: "moderator@demo.example",
  officer: "officer@demo.example", // of the authority demo-ministry
  ngo: "ngo@demo.example",
};
// Demo petitions (src/app/demo_data.cc), by their ids in seeding order.
export const DEMO = {
  ukOpen: 1, // UK, open, the page with the live count
  kzOpen: 2, // KZ central body, open, Russian text
  awaitingModeration: 4, // EU ECI, sponsored
  gatheringSponsors: 5, // KZ, admitted, gathering supporters
  rejected: 6, // UK, rejected with a ground
  kzRegistered: 7, // KZ district akimat, past its threshold: an officer can register it
};
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
export const PHONE = { width: 360, height: 800 };
export const DESKTOP = { width: 1280, height: 900 };

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

// Runs `petitio serve --demo` and resolves once it listens. stop() sends SIGTERM, expects a
// clean exit without sanitizer reports and removes the data directory.
export async function startServer() {
  const binary = process.env.PETITIO_BINARY;
  assert.ok(binary, "set PETITIO_BINARY to the petitio executable");
  const data = await mkdtemp(join(tmpdir(), "petitio-browser-"));
  const child = spawn(binary, ["serve", "--listen", "127.0.0.1:0", "--data", data, "--demo",
    "--admin-token", "browser-admin-token", "--no-rate-limits"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`petitio did not listen within 90 s:\n${output}`)), 90_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`petitio exited (${code}):\n${output}`)); });
  });
  return {
    url,
    data,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      const timeout = new Promise((r) => setTimeout(() => r(null), 20_000));
      const status = await Promise.race([exited, timeout]);
      if (status === null) child.kill("SIGKILL");
      await rm(data, { recursive: true, force: true });
      assert.deepEqual(status, { code: 0, signal: null }, `petitio exits cleanly on SIGTERM:\n${output}`);
      assert.ok(!output.includes("Sanitizer"), `sanitizer report:\n${output}`);
    },
  };
}

// Quoted-printable (RFC 2045) to text: soft line breaks go, =XX are bytes of UTF-8.
export function decodeQuotedPrintable(s) {
  const bytes = [];
  const text = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; ++i) {
    if (text[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

// The link starting with `marker` (e.g. "/confirm?token=") in the newest mail to `address`
// that has one, as a full URL; waits up to `timeout` ms for the mail to arrive.
export async function mailLink(server, address, marker, timeout = 10_000) {
  const outbox = join(server.data, "outbox");
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = (await readdir(outbox).catch(() => [])).filter((n) => n.endsWith(".eml")).sort();
    for (const name of names.reverse()) {
      const eml = await readFile(join(outbox, name), "utf8");
      const [head, ...body] = eml.split(/\r?\n\r?\n/);
      const to = /^To:.*<([^>]+)>/im.exec(head)?.[1] ?? /^To:\s*(\S+)/im.exec(head)?.[1];
      if (to?.toLowerCase() !== address.toLowerCase()) continue;
      const text = /quoted-printable/i.test(head) ? decodeQuotedPrintable(body.join("\n\n")) : body.join("\n\n");
      const at = text.indexOf(marker);
      if (at < 0) continue;
      const start = text.lastIndexOf("http", at);
      return text.slice(start).split(/\s/)[0];
    }
    if (Date.now() > deadline) assert.fail(`no mail to ${address} with ${marker} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// JSON over HTTP as a script would call the API; `session` ({cookie, csrf}) authenticates.
export async function api(server, method, path, body, session) {
  const headers = { "Content-Type": "application/json" };
  if (session) Object.assign(headers, { Cookie: session.cookie, "X-CSRF-Token": session.csrf });
  const r = await fetch(server.url + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null, text };
}

// A staff session through the API (POST /api/v1/session), for set-up steps.
export async function apiLogin(server, email) {
  const r = await fetch(server.url + "/api/v1/session", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }), signal: AbortSignal.timeout(15_000),
  });
  const text = await r.text();
  assert.equal(r.status, 200, `logging ${email} in: ${text}`);
  const { csrf } = JSON.parse(text);
  return { cookie: r.headers.get("set-cookie").split(";")[0], csrf };
}

// Signs a petition through the API and returns the mailed confirmation link.
export async function signByApi(server, id, email, extra = {}) {
  const r = await api(server, "POST", `/api/v1/petitions/${id}/signatures`, { name: "Browser Test", email, ...extra });
  assert.equal(r.status, 202, r.text);
  return mailLink(server, email, "/confirm?token=");
}

// Starts a server and a browser before the file's tests and stops both after them. The returned
// object's `server` and `browser` are set once `before` has run.
export function siteAndBrowser() {
  const site = { server: undefined, browser: undefined };
  before(async () => {
    [site.server, site.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PETITIO_CHROMIUM || "/usr/bin/chromium",
    // As root there is no sandbox; the machine's network is closed, so no background traffic.
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    timeout: 60_000,
  });
}

// A browser context with bounded waits.
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

// Logs a staff member in through the /login form of `page`'s site.
export async function login(page, server, email) {
  await page.goto(server.url + "/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/login"] button[type="submit"]').click()]);
}

// axe-core's WCAG 2.2 AA violations on the page as it is now (the script is evaluated through
// the DevTools protocol, so the site's Content-Security-Policy does not block it).
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

// WCAG 1.4.10 (reflow), which axe-core does not test: at the page's current width nothing may
// make the page scroll sideways. Returns null, or the page's width and the innermost elements
// whose box or text sticks out (inside a scrolling container excepted), by tag, class and text.
export function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const inScroller = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    const sticksOut = (e) => e.getBoundingClientRect().right > width + 0.5 ||
      (getComputedStyle(e).overflowX === "visible" && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1);
    const all = [...document.body.querySelectorAll("*")].filter((e) => sticksOut(e) && !inScroller(e));
    const culprits = all.filter((e) => !all.some((o) => o !== e && e.contains(o))).slice(0, 5).map((e) =>
      `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${[...e.classList].map((c) => "." + c).join("")}` +
      ` (${e.scrollWidth} px of content in ${e.clientWidth} px) "${e.textContent.trim().replace(/\s+/g, " ").slice(0, 60)}"`);
    return { width: document.documentElement.scrollWidth, culprits };
  });
}

// One readable block per violation: rule, impact, help, then each element and what fails.
export function formatViolations(where, violations) {
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n` +
    v.nodes.map((n) => `    at ${n.target}\n      ${n.summary.replace(/\n/g, "\n      ")}`).join("\n")).join("\n");
}

export async function screenshotsDir() {
  const dir = process.env.PETITIO_SCREENSHOTS || join(tmpdir(), "petitio-screenshots");
  await mkdir(dir, { recursive: true });
  return dir;
}
