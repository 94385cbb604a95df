// Helpers shared by GradEx's HTML reports (HtmlReport inlines this after Chart.js).
const fmt = (x, d = 4) => (x === null || x === undefined || Number.isNaN(Number(x))) ? "–" : Number(x).toFixed(d);
const text = (s) => document.createTextNode(String(s));
function el(tag, cls, children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  (children || []).forEach(c => e.appendChild(typeof c === "string" ? text(c) : c));
  return e;
}
function table(rows, header) {
  const t = el("table");
  if (header) t.appendChild(el("tr", null, header.map(h => el("th", null, [h]))));
  rows.forEach(r => t.appendChild(el("tr", null, r.map(c => el("td", typeof c === "number" ? "n" : null, [typeof c === "number" ? fmt(c, 6) : String(c)])))));
  return t;
}
function cards(container, pairs) {
  pairs.forEach(([k, v]) => container.appendChild(el("div", "card", [el("div", "v", [String(v)]), el("div", "k", [k])])));
}
const COMMON = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } };

// Marks each canvas once Chart.js has drawn it, and counts them on <body>, so a headless browser
// (and the report's test) can tell that every chart rendered.
Chart.register({ id: "gradexRendered", afterRender(chart) {
  chart.canvas.dataset.rendered = "true";
  document.body.dataset.chartsRendered = document.querySelectorAll("canvas[data-rendered]").length;
} });

// Task scores in rank order (lower is better), selected bars in blue, and the selection rule's
// threshold as a dashed line (TaskScores in Java computes it).
function scoresChart(canvas, s) {
  const datasets = [{ type: "bar", label: "score", data: s.scores,
                      backgroundColor: s.selected.map(x => x ? "#2186eb" : "#bcccdc") }];
  if (s.threshold !== null && s.threshold !== undefined) {
    datasets.push({ type: "line", label: "threshold", data: s.tasks.map(() => s.threshold),
                    borderColor: "#e12d39", borderDash: [6, 4], borderWidth: 2, pointRadius: 0 });
  }
  return new Chart(canvas, { data: { labels: s.tasks, datasets },
    options: { ...COMMON, plugins: { legend: { display: false },
                 title: { display: true, text: s.rule } },
               scales: { x: { ticks: { autoSkip: true, maxRotation: 90 } },
                         y: { beginAtZero: false, title: { display: true, text: "score (mean estimated loss)" } } } } });
}
