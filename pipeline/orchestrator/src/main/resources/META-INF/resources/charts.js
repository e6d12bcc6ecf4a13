// Small hand-written SVG and HTML charts: line charts of figures per epoch, the confusion matrix as a heat map and
// per-class F1 bars. No library: a few dozen lines each, drawn again whenever the data changes.
"use strict";

const PALETTE = ["#2563eb", "#e8590c", "#2f9e44", "#ae3ec9", "#c92a2a", "#0b7285", "#5c940d", "#862e9c"];

/** The smallest of 1, 2, 2.5, 5, 10 times a power of ten at or above v. */
function niceCeiling(v) {
  if (!(v > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(v)));
  const n = v / power;
  return [1, 2, 2.5, 5, 10].find((step) => n <= step + 1e-9) * power;
}

/**
 * A line chart of figures per epoch. series: [{key, name, colour, dashed, metric, points: [[epoch, value], ...]}];
 * every point is a circle with class "point" and the series' data-series and data-metric, so tests can count them.
 */
function lineChart({ id, title, series, epochs, yMax, format, legend }) {
  const W = 420, H = 230, L = 46, R = 14, T = 14, B = 34;
  const lastEpoch = Math.max(2, epochs || 0, ...series.flatMap((s) => s.points.map(([x]) => x)));
  const top = yMax ?? niceCeiling(Math.max(0, ...series.flatMap((s) => s.points.map(([, y]) => y))) * 1.05);
  const x = (e) => L + ((e - 1) / (lastEpoch - 1)) * (W - L - R);
  const y = (v) => T + (1 - Math.min(1, Math.max(0, v / top))) * (H - T - B);
  const grid = [0, 1, 2, 3, 4, 5].map((i) => {
    const v = (top * i) / 5;
    return `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" class="grid"/>
      <text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${esc(format(v))}</text>`;
  });
  const every = Math.ceil(lastEpoch / 10);
  const ticks = [];
  for (let e = 1; e <= lastEpoch; e += every) {
    ticks.push(`<text x="${x(e)}" y="${H - B + 16}" text-anchor="middle">${e}</text>`);
  }
  const lines = series.filter((s) => s.points.length).map((s) => {
    const d = s.points.map(([e, v], i) => `${i ? "L" : "M"}${x(e).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    const dots = s.points.map(([e, v]) => `<circle class="point" data-series="${esc(s.key)}"
      data-metric="${esc(s.metric)}" cx="${x(e).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.colour}">
      <title>${esc(s.name)}, epoch ${e}: ${esc(format(v))}</title></circle>`).join("");
    return `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"
      ${s.dashed ? 'stroke-dasharray="6 4"' : ""}/>${dots}`;
  });
  const keys = (legend || series).map((s) => `<span class="key"><svg width="26" height="10"><line x1="0" x2="26" y1="5"
    y2="5" stroke="${s.colour}" stroke-width="2" ${s.dashed ? 'stroke-dasharray="6 4"' : ""}/></svg>${esc(s.name)}
    </span>`).join("");
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption>
    <svg data-chart="${esc(id)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">
      ${grid.join("")}${ticks.join("")}
      <text x="${(L + W - R) / 2}" y="${H - 4}" text-anchor="middle" class="axis">epoch</text>
      ${lines.join("")}</svg>
    <div class="legend">${keys}</div></figure>`;
}

/**
 * Training curves of several trainings (curves: [{key, name, colour, epochs, points: [[epoch, metrics], ...]}]):
 * a loss chart and a macro F1 chart, train solid and validation dashed. With one training, train and validation
 * get two colours instead.
 */
function trainingCharts(curves) {
  const single = curves.length === 1 && !curves[0].colour;
  const seriesOf = (metrics) => curves.flatMap((c, i) => metrics.map(([metric, word, dashed], j) => ({
    key: `${c.key}/${metric}`, metric, dashed: !single && dashed,
    colour: single ? PALETTE[j] : c.colour || PALETTE[i % PALETTE.length],
    name: single ? word : `${c.name} ${word}`,
    points: c.points.filter(([, m]) => Number.isFinite(m[metric])).map(([e, m]) => [e, m[metric]]),
  }))).filter((s) => s.points.length);
  const epochs = Math.max(0, ...curves.map((c) => c.epochs || 0));
  const loss = seriesOf([["loss", "train", false], ["valLoss", "validation", true]]);
  const f1 = seriesOf([["trainMacroF1", "train", false], ["valMacroF1", "validation", true]]);
  // with several trainings: one key per training in its colour, and what solid and dashed mean
  const legend = single ? null : [...curves.map((c, i) => ({ name: c.name, colour: c.colour
    || PALETTE[i % PALETTE.length] })), { name: "train", colour: "#697386" },
  { name: "validation", colour: "#697386", dashed: true }];
  return `<div class="charts">
    ${lineChart({ id: "loss", title: "Loss per epoch", series: loss, epochs, legend,
    format: (v) => Number(v.toPrecision(3)) })}
    ${lineChart({ id: "f1", title: "Macro F1 per epoch", series: f1, epochs, yMax: 1, legend,
    format: (v) => v.toFixed(1) })}
    </div>`;
}

/** Background of a cell that holds a share (0..1) of something good (green) or bad (red). */
const shade = (share, good) => (share > 0 ? `background: rgba(${good ? "47,158,68" : "224,49,49"},
  ${(0.12 + 0.78 * Math.min(1, share)).toFixed(2)})` : "");

/** The confusion matrix as a table: rows true classes, columns predicted, shaded by the share of the row. */
function confusionTable(figures) {
  const names = figures.perClass.map((c) => c.name);
  const head = names.map((n, i) => `<th title="predicted ${esc(n)}">${i}</th>`).join("");
  const rows = figures.confusion.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    const cells = row.map((n, p) => {
      const share = total ? n / total : 0;
      return `<td class="${t === p ? "diagonal" : ""}${share > 0.55 ? " strong" : ""}" style="${shade(share, t === p)}"
        title="true ${esc(names[t])}, predicted ${esc(names[p])}: ${n} of ${total}">${n || ""}</td>`;
    }).join("");
    return `<tr><th class="name">${t} ${esc(names[t])}</th>${cells}<td class="total">${integer(total)}</td></tr>`;
  }).join("");
  return `<table class="confusion" data-classes="${names.length}"><caption>Confusion matrix: rows are the true
    class, columns the predicted one (numbered as the rows); green on the diagonal is right, red is wrong, the
    stronger the larger the share of the row</caption>
    <thead><tr><th></th>${head}<th>images</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Precision, recall, F1 (with a bar) and support of each class. */
function perClassTable(figures) {
  const rows = figures.perClass.map((c) => `<tr data-class="${c.label}"><td>${c.label} ${esc(c.name)}</td>
    <td>${c.precision.toFixed(3)}</td><td>${c.recall.toFixed(3)}</td>
    <td class="bar-cell"><span class="bar" style="width: ${(c.f1 * 100).toFixed(1)}%"></span>
      <span class="value">${c.f1.toFixed(3)}</span></td><td>${integer(c.support)}</td></tr>`).join("");
  return `<table class="per-class"><caption>Per class</caption><thead><tr><th>Class</th><th>Precision</th>
    <th>Recall</th><th>F1</th><th>Images</th></tr></thead><tbody>${rows}</tbody></table>`;
}
