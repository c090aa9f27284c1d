// Keeps a petition page's count live: the server streams the count (Server-Sent Events) and
// this updates the number (written the page language's way), the word after it (its plural
// form, from data-unit-one/few/many/other) and the progress bars, so nobody needs to reload the
// page. Without JavaScript the page shows the count as it was when loaded.
//
// A browser reconnects by itself to a stream that drops, but gives up on one that is refused
// (the server answers 503 when a surge takes it past capacity). Such a stream is opened again
// after a wait that doubles with each refusal in a row, from 2 s to a minute, and is drawn at
// random from its second half, so that the thousands of pages refused together do not all come
// back at the same moment; a stream that opens starts the waits over.

export const FIRST_WAIT_MS = 2000;
export const LONGEST_WAIT_MS = 60000;

// Follows the stream at counter.dataset.liveCount, updating `counter` and what `doc` holds.
// `env` gives the browser's EventSource, setTimeout and Math.random (tests pass their own).
export function followCount(counter, doc, env) {
  const lang = doc.documentElement.lang || "en";
  const numbers = new Intl.NumberFormat(lang);
  const plurals = new Intl.PluralRules(lang);
  const unit = doc.querySelector("[data-live-unit]");
  const show = (count) => {
    counter.textContent = numbers.format(count);
    if (unit) {
      const form = unit.dataset["unit" + plurals.select(count).replace(/^./, (c) => c.toUpperCase())];
      if (form) unit.textContent = form;
    }
    for (const bar of doc.querySelectorAll("progress[data-live-progress]")) {
      bar.value = Math.min(count, Number(bar.max));
    }
  };
  let wait = FIRST_WAIT_MS;
  const open = () => {
    const source = new env.EventSource(counter.dataset.liveCount);
    source.addEventListener("open", () => {
      wait = FIRST_WAIT_MS;
    });
    source.addEventListener("count", (event) => show(JSON.parse(event.data).signature_count));
    source.addEventListener("error", () => {
      if (source.readyState !== env.EventSource.CLOSED) return; // the browser reconnects itself
      source.close();
      const delay = wait / 2 + env.random() * (wait / 2);
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
      env.setTimeout(open, delay);
    });
  };
  open();
}

if (typeof document !== "undefined" && typeof window !== "undefined" && "EventSource" in window) {
  const counter = document.querySelector("[data-live-count]");
  if (counter) {
    followCount(counter, document, {
      EventSource: window.EventSource,
      setTimeout: (f, ms) => window.setTimeout(f, ms),
      random: Math.random,
    });
  }
}
