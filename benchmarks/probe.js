// Installed in every page before the app's own scripts (benchmarks/browser.py). It records on the page's own
// clock (performance.now(), 0 = navigation start): the click on a select box's option, the last change to
// the DOM, and every websocket message with its bytes. Timings taken here leave Playwright's round trips out.
(() => {
  const probe = window.__probe = {start: 0, last: 0, frames: [], busy: []};

  // The main thread's long tasks (over 50 ms): time the page spent computing rather than waiting.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.busy.push([e.startTime, e.duration]);
  }).observe({type: "longtask", buffered: true});

  // A change to the DOM, not a write that leaves an attribute or a text as it was (within one batch of records,
  // the value before the first write against the value now): Plotly's pie, for one, sets every label's dy to
  // its own value in a timer after each draw (a workaround of 2015 for Chrome), which would otherwise count as
  // the page's last change, 7-10 ms after the last chart was drawn.
  probe.changed = (records) => {
    const seen = new Map();
    return records.some((r) => {
      if (r.type === "childList") return true;
      const names = seen.get(r.target) ?? seen.set(r.target, new Set()).get(r.target);
      const name = r.attributeName ?? "#text";
      if (names.has(name)) return false;
      names.add(name);
      return (r.type === "attributes" ? r.target.getAttribute(name) : r.target.data) !== r.oldValue;
    });
  };
  new MutationObserver((records) => { if (probe.changed(records)) probe.last = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true,
                        attributeOldValue: true, characterDataOldValue: true});

  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[role=option]")) {
      probe.start = performance.now();
      probe.frames = [];
    }
  }, true);

  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => probe.frames.push({t: performance.now(), sent: false, data: e.data}));
    }
    send(data) {
      probe.frames.push({t: performance.now(), sent: true, data});
      return super.send(data);
    }
  };

  const bytes = (d) => typeof d === "string" ? new TextEncoder().encode(d)
    : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  const base64 = (u) => {
    let s = "";
    for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode.apply(null, u.subarray(i, i + 0x8000));
    return btoa(s);
  };
  // ms of long tasks between two moments.
  probe.busyBetween = (a, b) =>
    probe.busy.reduce((sum, [t, d]) => sum + Math.max(0, Math.min(t + d, b) - Math.max(t, a)), 0);

  // The messages so far, then forget them: [{t, sent, size, data (base64, received ones only)}].
  probe.take = () => {
    const out = probe.frames.map((f) => {
      const u = bytes(f.data);
      return {t: f.t, sent: f.sent, size: u.length, data: f.sent ? null : base64(u)};
    });
    probe.frames = [];
    return out;
  };

  // True-ish once the app is idle and shows what `want` asks for, and the DOM has not changed for `quiet` ms:
  // then {start, end}, the click (0 for a page load) and the last DOM change.
  probe.settled = ({checks, quiet, path, search}) => {
    const app = document.querySelector("[data-testid=stApp]");
    if (!app || app.dataset.testScriptState !== "notRunning") return false;
    if (document.querySelector("[data-stale=true]")) return false;
    if (path !== null && location.pathname !== path) return false;
    if (search !== null && !location.search.includes(search)) return false;
    for (const [selector, text, count, exact] of checks) {
      const hits = [...document.querySelectorAll(selector)]
        .filter((e) => exact ? e.textContent === text : e.textContent.startsWith(text));
      if (hits.length < count) return false;
    }
    if (performance.now() - probe.last < quiet) return false;
    return {start: probe.start, end: probe.last};
  };
})();
