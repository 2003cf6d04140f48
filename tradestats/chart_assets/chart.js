// The chart element (tradestats/chart_element.py): draws a Plotly figure in the page and, when the next run
// of the script sends the same chart with new data, redraws it in place with Plotly.react, which changes
// only what differs. (st.plotly_chart remounts a chart whose figure changes and draws it from nothing.)
// Plotly's basic bundle (bar, pie, scatter: all our charts use) is a quarter of the full one Streamlit
// ships. It is loaded once per page, as soon as this module is: the first run of a page imports the
// module early (web.preload_chart_code), before any chart arrives.

const PLOTLY = new URL("./plotly-basic.min.js", import.meta.url).href;
const FAILED = "图表代码加载失败，请刷新页面重试";

// One load per page, shared through window: the module may be evaluated twice (imported by the preload
// and by Streamlit, if their URLs differ). A failed load is forgotten, so the next draw tries again.
function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  window.tradestatsPlotly ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = PLOTLY;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      script.remove();
      window.tradestatsPlotly = null;
      reject(new Error(`${FAILED}: ${PLOTLY}`));
    };
    document.head.append(script);
  });
  return window.tradestatsPlotly;
}

plotly().catch(() => {});  // started now; a chart that finds it failed says so and tries again

// One record per mounted chart, keyed by the element Streamlit gives it.
const charts = new WeakMap();

// What a click reports: the point's customdata (a region or sector code), for the shapes of the map the
// trace's. Nothing for a point without one: such a click should not rerun the page.
function clickedValue(event) {
  const point = event.points && event.points[0];
  if (!point) return null;
  const value = point.customdata ?? (point.data && point.data.customdata && point.data.customdata[0]);
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

// What Plotly shows of a label: names reach it escaped (charts.name_axis: names.plotly_text), "&lt;" for "<",
// and Plotly draws the signs.
function shown(label) {
  return String(label).replace(/&(lt|gt|amp);/g, (_, sign) => ({lt: "<", gt: ">", amp: "&"})[sign]);
}

// A click on a category's name (a tick label of a clickable chart, e.g. a winner's name beside its bar) reports
// what a click on its point would: the customdata of the first trace with a point of that category. A name's
// label may be shortened (the axis's ticktext, its category in tickvals). Plotly's tick labels take no pointer
// events; the style below gives them to a clickable chart's category axis.
function clickedName(div, target) {
  const tick = target.closest && target.closest(".xtick, .ytick");
  if (!tick || !div._fullLayout) return null;
  const axis = tick.classList.contains("ytick") ? "y" : "x";
  if (div._fullLayout[`${axis}axis`]?.type !== "category") return null;
  const {ticktext, tickvals} = div.layout?.[`${axis}axis`] ?? {};
  const label = ticktext ? Array.from(ticktext, shown).indexOf(tick.textContent) : -1;
  const name = label >= 0 ? String(tickvals[label]) : tick.textContent;
  for (const trace of div.data ?? []) {
    const at = Array.from(trace[axis] ?? [], (v) => (label >= 0 ? String(v) : shown(v))).indexOf(name);
    const value = at >= 0 && trace.customdata ? trace.customdata[at] : null;
    if (value !== null && value !== undefined) return Array.isArray(value) ? value[0] : value;
  }
  return null;
}

if (!document.getElementById("ts-chart-style")) {
  const style = document.createElement("style");
  style.id = "ts-chart-style";
  style.textContent = ".ts-chart.ts-click-x .xtick text, .ts-chart.ts-click-y .ytick text " +
    "{ pointer-events: all; cursor: pointer; }";
  document.head.append(style);
}

// Marks the axes whose names a click on opens something (markNames: after every draw, as an axis's type is
// Plotly's to decide).
function markNames(chart) {
  const layout = chart.div._fullLayout;
  for (const axis of ["x", "y"]) {
    chart.div.classList.toggle(`ts-click-${axis}`, chart.clickable && layout?.[`${axis}axis`]?.type === "category");
  }
}

// A figure drawn "to scale" (chart_element.draw's scale: the name of a CSS variable, e.g. the big screen's
// --screen-k, set by media queries on the window's width) has its sizes in design pixels; it is drawn with
// every font size, margin, padding, line and marker width, shift and standoff times the variable's value, at
// its place in the page. (CSS zoom or transform would not do: Plotly measures its container and draws at
// the wrong size inside one.) Any other chart: 1.
function scaleOf(chart) {
  if (!chart.scale) return 1;
  const k = parseFloat(getComputedStyle(chart.div).getPropertyValue(chart.scale));
  return k > 0 ? k : 1;
}

function enlarge(node, k, key = "") {
  if (Array.isArray(node)) {
    for (const item of node) enlarge(item, k, key);
  } else if (node !== null && typeof node === "object") {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === "number" && (
          (name === "size" && (key.endsWith("font") || key === "marker")) || key === "margin" || key === "pad" ||
          (name === "width" && (key === "line" || key === "marker")) ||
          ["pad", "standoff", "xshift", "yshift"].includes(name))) {
        node[name] = value * k;
      } else {
        enlarge(value, k, name);
      }
    }
  }
  return node;
}

function height(figure, k) {
  return (figure.layout.height ?? 450) * k;  // Plotly's default height
}

function toScale(figure, k) {
  enlarge(figure, k);
  figure.layout.height = height(figure, k);
  return figure;
}

function mount(parentElement, setTriggerValue) {
  const div = document.createElement("div");
  div.className = "ts-chart";  // what the narrow-screen CSS (streamlit_compat.PAGE_CSS) and the browser tests look for
  parentElement.append(div);
  const chart = {div, drawn: null, clickable: false, plotted: false, gone: false, scale: null, k: 1};
  // A resize redraws the chart, 100 ms later (Plotly waits for the size to settle); the redraw fits its texts
  // (plotly_afterplot). The observer also reports the size the chart was just drawn at (always once, when it
  // starts observing): nothing to do. A chart to scale whose scale changed with the window is drawn anew.
  chart.observer = new ResizeObserver(() => {
    const drawn = div._fullLayout;
    if (!chart.plotted || !drawn) return;
    if (!div.offsetParent) return;  // not displayed (the page is being left): Plotly refuses to size it
    if (scaleOf(chart) !== chart.k) render(chart);
    else if (Math.abs(drawn.width - div.clientWidth) >= 1) window.Plotly.Plots.resize(div).catch(() => {});
  });
  chart.observer.observe(div);
  chart.onClick = (event) => {
    const value = clickedValue(event);
    if (chart.clickable && value !== null) setTriggerValue("click", value);
  };
  div.addEventListener("click", (event) => {
    const value = chart.clickable ? clickedName(div, event.target) : null;
    if (value !== null) setTriggerValue("click", value);
  });
  charts.set(parentElement, chart);
  return chart;
}

// Plotly does not wrap a title or an annotation and cuts one longer than its chart (a narrow column, a long
// period name) at the edge: after every draw, the title and the source line (the last annotation, as
// charts.finish adds it) are set smaller until they fit. Measured after the next frame, when the browser has
// laid the page out anyway (measured at once, it forced a layout: 11 ms a month change).
// (On a phone the page's CSS sets their size with !important, and this gives way.)
function fitText(div, text, smallest) {
  if (!text) return;
  const right = div.getBoundingClientRect().right - 4;
  // An annotation's text is centred in its box: smaller, it starts further right. So measured again.
  for (let tries = 0; tries < 4; tries++) {
    const box = text.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(text).fontSize);
    if (box.right <= right || box.left >= right || size <= smallest) return;
    text.style.fontSize = `${Math.max(smallest, Math.floor(size * (right - box.left) / box.width))}px`;
  }
}

function fitTexts(div) {
  fitText(div, div.querySelector(".gtitle"), 10);
  const notes = div.querySelectorAll(".annotation-text");
  fitText(div, notes[notes.length - 1], 8);
}

const RETRY_MS = 5000;  // after a failed load: a chart whose data does not change is not drawn again

// Plotly.react draws a chart anew (newPlot, then react once more: three times the work of a redraw) when its
// config differs from the last one, and the camera button's file name changes with every period. So a chart
// gives Plotly the same config object every time, whose file name it changes only after Plotly compared it;
// the modebar reads the name when the button is pressed. A change of anything else is a new config.
function plotConfig(chart, config) {
  const {filename, ...image} = config.toImageButtonOptions ?? {};
  const rest = JSON.stringify({...config, toImageButtonOptions: image});
  if (chart.configKey !== rest) {
    chart.configKey = rest;
    chart.config = {...config, toImageButtonOptions: {...image, filename}};
  }
  return [chart.config, filename];
}

function render(chart) {
  const {wanted, config} = chart.pending;
  plotly().then((Plotly) => {
    if (chart.gone || chart.drawn !== wanted) return;  // removed, or a newer figure came while loading
    if (!chart.plotted) chart.div.textContent = "";  // the message of a failed load, if any
    // The figure draw() parsed, the first time; Plotly keeps and changes it, so a new scale starts afresh.
    let figure = chart.pending.figure ?? JSON.parse(chart.pending.spec);
    chart.pending.figure = null;
    chart.k = scaleOf(chart);
    if (chart.k !== 1) toScale(figure, chart.k);
    chart.div.style.height = `${height(figure, 1)}px`;
    const [same, filename] = plotConfig(chart, config);
    Plotly.react(chart.div, figure.data, figure.layout, same);
    if (filename !== undefined) same.toImageButtonOptions.filename = filename;
    if (!chart.plotted) {
      chart.div.on("plotly_click", chart.onClick);
      chart.div.on("plotly_afterplot", () => {
        markNames(chart);
        requestAnimationFrame(() => setTimeout(() => {
          if (!chart.gone) fitTexts(chart.div);
        }));
      });
    }
    chart.plotted = true;
  }, (error) => {
    if (chart.gone || chart.drawn !== wanted) return;
    chart.div.textContent = error.message;
    chart.retry = setTimeout(() => render(chart), RETRY_MS);
  });
}

export default function draw({parentElement, data, setTriggerValue}) {
  const chart = charts.get(parentElement) ?? mount(parentElement, setTriggerValue);
  chart.clickable = Boolean(data.clickable);
  markNames(chart);
  // A new file name for the PNG counts too.
  const wanted = data.spec + JSON.stringify(data.config) + (data.scale ?? "");
  if (chart.drawn !== wanted) {
    chart.drawn = wanted;
    chart.scale = data.scale ?? null;
    const figure = JSON.parse(data.spec);
    chart.div.style.height = `${height(figure, scaleOf(chart))}px`;  // its room in the page until Plotly draws
    chart.pending = {wanted, figure, spec: data.spec, config: data.config};
    clearTimeout(chart.retry);
    render(chart);
  }
  return () => {
    chart.gone = true;
    clearTimeout(chart.retry);
    chart.observer.disconnect();
    if (chart.plotted) window.Plotly.purge(chart.div);
    chart.div.remove();
    charts.delete(parentElement);
  };
}
