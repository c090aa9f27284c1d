// Keeps a petition page's count live: the server streams the count (Server-Sent Events) and
// this updates the number and the progress bars, so nobody needs to reload the page. Without
// JavaScript the page shows the count as it was when loaded.
const counter = document.querySelector("[data-live-count]");
if (counter && "EventSource" in window) {
  const source = new EventSource(counter.dataset.liveCount);
  source.addEventListener("count", (event) => {
    const { signature_count: count } = JSON.parse(event.data);
    counter.textContent = String(count);
    for (const bar of document.querySelectorAll("progress[data-live-progress]")) {
      bar.value = Math.min(count, Number(bar.max));
    }
  });
}
