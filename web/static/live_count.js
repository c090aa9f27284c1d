// Keeps a petition page's count live: the server streams the count (Server-Sent Events) and
// this updates the number (written the page language's way), the word after it (its plural
// form, from data-unit-one/few/many/other) and the progress bars, so nobody needs to reload the
// page. Without JavaScript the page shows the count as it was when loaded.
const counter = document.querySelector("[data-live-count]");
if (counter && "EventSource" in window) {
  const lang = document.documentElement.lang || "en";
  const numbers = new Intl.NumberFormat(lang);
  const plurals = new Intl.PluralRules(lang);
  const unit = document.querySelector("[data-live-unit]");
  const source = new EventSource(counter.dataset.liveCount);
  source.addEventListener("count", (event) => {
    const { signature_count: count } = JSON.parse(event.data);
    counter.textContent = numbers.format(count);
    if (unit) {
      const form = unit.dataset["unit" + plurals.select(count).replace(/^./, (c) => c.toUpperCase())];
      if (form) unit.textContent = form;
    }
    for (const bar of document.querySelectorAll("progress[data-live-progress]")) {
      bar.value = Math.min(count, Number(bar.max));
    }
  });
}
