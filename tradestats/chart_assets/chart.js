// The chart element (tradestats/chart_element.py): draws a Plotly figure in the page and, when the next run
// of the script sends the same chart with new data, redraws it in place with Plotly.react, which changes
// only what differs. (st.plotly_chart remounts a chart whose figure changes and draws it from nothing.)
// Plotly's basic bundle (bar, pie, scatter: all our charts use) is a quarter of the full one Streamlit
// ships; it is loaded once per page, by the first chart.

const PLOTLY = new URL("./plotly-basic.min.js", import.meta.url).href;
const PLOTLY_ID = "tradestats-plotly";  // chart_element.PLOTLY_ID: the first run may have added it already
let loading = null;

function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  loading ??= new Promise((resolve, reject) => {
    let script = document.getElementById(PLOTLY_ID);
    if (!script) {
      script = document.createElement("script");
      script.id = PLOTLY_ID;
      script.src = PLOTLY;
      document.head.append(script);
    }
    script.addEventListener("load", () => resolve(window.Plotly));
    script.addEventListener("error", () => reject(new Error(`图表代码加载失败：${PLOTLY}`)));
  });
  return loading;
}

// One record per mounted chart, keyed by the element Streamlit gives it.
const charts = new WeakMap();

function clickedValue(event) {
  const point = event.points && event.points[0];
  if (!point) return null;
  const value = point.customdata ?? point.x ?? point.label;
  return Array.isArray(value) ? value[0] : value;
}

function mount(parentElement, setTriggerValue) {
  const div = document.createElement("div");
  div.className = "ts-chart";  // what the phone CSS (charts.PHONE_CSS) and the browser tests look for
  parentElement.append(div);
  const chart = {div, spec: null, clickable: false, drawn: false, observer: null};
  chart.observer = new ResizeObserver(() => {
    if (chart.drawn) window.Plotly.Plots.resize(div);
  });
  chart.observer.observe(div);
  chart.onClick = (event) => {
    if (chart.clickable) setTriggerValue("click", clickedValue(event));
  };
  charts.set(parentElement, chart);
  return chart;
}

export default function draw({parentElement, data, setTriggerValue}) {
  const chart = charts.get(parentElement) ?? mount(parentElement, setTriggerValue);
  chart.clickable = Boolean(data.clickable);
  if (chart.spec !== data.spec) {
    const spec = chart.spec = data.spec;
    const figure = JSON.parse(spec);
    chart.div.style.height = `${figure.layout.height ?? 450}px`;
    plotly().then((Plotly) => {
      if (chart.spec !== spec) return;  // a newer figure arrived while the code loaded
      Plotly.react(chart.div, figure.data, figure.layout, data.config);
      if (!chart.drawn) chart.div.on("plotly_click", chart.onClick);
      chart.drawn = true;
    });
  }
  return () => {
    chart.observer.disconnect();
    if (chart.drawn) window.Plotly.purge(chart.div);
    charts.delete(parentElement);
  };
}
