// Unit tests of web/static/live_count.js, the live count on a petition's page: the count, its
// word and the progress bars follow the stream, and a stream the server refuses (503 in a surge,
// which a browser's EventSource never retries) is opened again, later each time, at random.
// Run: node --test tests/web/live_count_test.mjs (ctest runs it).
import assert from "node:assert/strict";
import test from "node:test";

const live = await import(new URL("../../web/static/live_count.js", import.meta.url));

// An EventSource as the browser's behaves for this script: listeners, a state, close().
class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static opened = [];
  constructor(url) {
    this.url = url;
    this.readyState = FakeEventSource.CONNECTING;
    this.listeners = {};
    FakeEventSource.opened.push(this);
  }
  addEventListener(type, listener) {
    (this.listeners[type] ??= []).push(listener);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type, event = {}) {
    for (const listener of this.listeners[type] ?? []) listener(event);
  }
  // The server answered 200 and the stream flows.
  accept() {
    this.readyState = FakeEventSource.OPEN;
    this.emit("open");
  }
  // The server answered 503 (or anything but a stream): the browser gives up on this one.
  refuse() {
    this.readyState = FakeEventSource.CLOSED;
    this.emit("error");
  }
}

// The page's parts the script touches, and timers run by hand.
function page(lang = "en") {
  const counter = { dataset: { liveCount: "/api/v1/petitions/7/events" }, textContent: "12" };
  const unit = { dataset: { unitOne: "signature", unitOther: "signatures" }, textContent: "" };
  const bars = [{ max: "100", value: 12 }, { max: "100000", value: 12 }];
  const doc = {
    documentElement: { lang },
    querySelector: (selector) => (selector === "[data-live-unit]" ? unit : null),
    querySelectorAll: (selector) => (selector === "progress[data-live-progress]" ? bars : []),
  };
  const timers = [];
  const env = {
    EventSource: FakeEventSource,
    setTimeout: (f, ms) => timers.push({ f, ms }),
    random: () => 0.5,
  };
  return { counter, unit, bars, doc, timers, env };
}

test.beforeEach(() => {
  FakeEventSource.opened = [];
});

test("a count from the stream updates the number, its word and the bars", () => {
  const p = page();
  live.followCount(p.counter, p.doc, p.env);
  assert.equal(FakeEventSource.opened.length, 1);
  const source = FakeEventSource.opened[0];
  assert.equal(source.url, "/api/v1/petitions/7/events");
  source.accept();
  source.emit("count", { data: '{"signature_count":1234}' });
  assert.equal(p.counter.textContent, "1,234");
  assert.equal(p.unit.textContent, "signatures");
  assert.deepEqual(p.bars.map((b) => b.value), [100, 1234]);
  source.emit("count", { data: '{"signature_count":1}' });
  assert.equal(p.unit.textContent, "signature");
});

test("a refused stream is opened again, later after each refusal in a row", () => {
  const p = page();
  live.followCount(p.counter, p.doc, p.env);
  const waits = [];
  for (let i = 0; i < 7; ++i) {
    FakeEventSource.opened.at(-1).refuse();
    assert.equal(p.timers.length, 1, "one new attempt is planned");
    const { f, ms } = p.timers.pop();
    waits.push(ms);
    f();
    assert.equal(FakeEventSource.opened.length, i + 2);
  }
  // Three quarters of 2, 4, 8, 16, 32, then 60 s at most (random() is 0.5 here).
  assert.deepEqual(waits, [1500, 3000, 6000, 12000, 24000, 45000, 45000]);
});

test("the waits are drawn from their second half", () => {
  for (const [random, wait] of [[0, 1000], [0.999, 1999]]) {
    const p = page();
    p.env.random = () => random;
    live.followCount(p.counter, p.doc, p.env);
    FakeEventSource.opened.at(-1).refuse();
    assert.equal(Math.floor(p.timers[0].ms), wait);
  }
});

test("a stream that opens starts the waits over", () => {
  const p = page();
  live.followCount(p.counter, p.doc, p.env);
  FakeEventSource.opened[0].refuse();
  p.timers.pop().f();
  FakeEventSource.opened[1].refuse();
  assert.equal(p.timers.at(-1).ms, 3000);
  p.timers.pop().f();
  FakeEventSource.opened[2].accept();
  FakeEventSource.opened[2].refuse(); // the server went away later and refused the browser's retry
  assert.equal(p.timers.at(-1).ms, 1500);
});

test("a stream the browser is reconnecting itself is left to it", () => {
  const p = page();
  live.followCount(p.counter, p.doc, p.env);
  const source = FakeEventSource.opened[0];
  source.accept();
  source.readyState = FakeEventSource.CONNECTING; // the connection dropped; the browser retries
  source.emit("error");
  assert.equal(p.timers.length, 0);
  assert.equal(FakeEventSource.opened.length, 1);
});

test("numbers are written the page language's way", () => {
  const p = page("ru");
  live.followCount(p.counter, p.doc, p.env);
  FakeEventSource.opened[0].emit("count", { data: '{"signature_count":1234567}' });
  assert.equal(p.counter.textContent, new Intl.NumberFormat("ru").format(1234567));
});
