// One run: its DAG, the training curves growing epoch by epoch, each step's state, progress and figures, the
// failing steps' errors with their last log lines, what preprocessing found wrong with the data set, the
// evaluation's confusion matrix and per-class F1, the report's pictures and the parameters. Drawn again on each
// change the event stream (or polling) brings.
"use strict";

const PHASE_COLOURS = {
  WAITING: ["#f1f3f7", "#9aa3b5"], DISPATCHED: ["#e0ecff", "#3b82f6"], RUNNING: ["#dbeafe", "#1d4ed8"],
  RETRY_WAIT: ["#fdf0d5", "#c88a00"], SUCCEEDED: ["#d9f5e3", "#1f8a4c"], FAILED: ["#fde2e1", "#c0392b"],
  CANCELLED: ["#f4ecdc", "#a07a3c"], PRUNED: ["#eceff3", "#697386"], PAUSED: ["#f3e8ff", "#7c3aed"],
};
/** Outputs drawn from the report on the page itself rather than shown as the evaluator's pictures. */
const DRAWN_OUTPUTS = ["confusionMatrix", "f1Bars"];

// ---- epochs: every epoch's figures seen for a step, from its history or from each progress snapshot ----

const epochLog = new Map();

/** Remembers the epochs of every step of the run; returns the curves of the steps that have some. */
function curvesOf(run) {
  return Object.entries(run.steps).flatMap(([id, s]) => {
    const key = `${run.runId}/${id}`;
    const seen = epochLog.get(key) || { epochs: 0, points: new Map() };
    epochLog.set(key, seen);
    if (Array.isArray(s.history) && s.history.length) {
      // the orchestrator keeps the curve of the training that goes on: it replaces what the page had seen
      seen.points = new Map(s.history.filter((h) => h.metrics && Object.keys(h.metrics).length)
        .map((h) => [h.done, h.metrics]));
      seen.epochs = Math.max(0, ...s.history.map((h) => h.total || 0));
    }
    if (s.progress && s.progress.phase === "epoch" && Object.keys(s.progress.metrics || {}).length) {
      // an epoch seen again (a retry) drops the later ones of the attempt before
      [...seen.points.keys()].filter((done) => done > s.progress.done).forEach((done) => seen.points.delete(done));
      seen.points.set(s.progress.done, s.progress.metrics);
      seen.epochs = Math.max(seen.epochs, s.progress.total || 0);
    }
    if (!seen.points.size) return [];
    const points = [...seen.points.entries()].sort((a, b) => a[0] - b[0]);
    return [{ key: id, name: id, epochs: seen.epochs, points }];
  });
}

// ---- the parts of the page ----

// the steps whose outputs a step reads; an input from the run's parameters (params.dataset) has no step before it
function dependencies(run, step) {
  return Object.values(step.spec.inputs).map((source) => source.substring(0, source.lastIndexOf(".")))
    .filter((id) => Object.hasOwn(run.steps, id));
}

function dag(run) {
  const ids = Object.keys(run.steps);
  const depth = {};
  const depthOf = (id) => depth[id]
    ?? (depth[id] = Math.max(-1, ...dependencies(run, run.steps[id]).map(depthOf)) + 1);
  ids.forEach(depthOf);
  const columns = [];
  ids.forEach((id) => (columns[depth[id]] = columns[depth[id]] || []).push(id));
  const w = 150, h = 52, gapX = 60, gapY = 18;
  const pos = {};
  columns.forEach((col, c) => col.forEach((id, r) => (pos[id] = { x: 10 + c * (w + gapX), y: 10 + r * (h + gapY) })));
  const width = 20 + columns.length * (w + gapX) - gapX;
  const height = 20 + Math.max(...columns.map((c) => c.length)) * (h + gapY) - gapY;
  const edges = ids.flatMap((id) => [...new Set(dependencies(run, run.steps[id]))].map((dep) => {
    const a = pos[dep], b = pos[id];
    const x1 = a.x + w, y1 = a.y + h / 2, x2 = b.x, y2 = b.y + h / 2;
    return `<path d="M${x1},${y1} C${x1 + 30},${y1} ${x2 - 30},${y2} ${x2},${y2}" fill="none" stroke="#9aa3b5"
      marker-end="url(#arrow)"/>`;
  }));
  const boxes = ids.map((id) => {
    const s = run.steps[id], p = pos[id], [fill, stroke] = PHASE_COLOURS[s.phase] || PHASE_COLOURS.WAITING;
    const progress = s.progress && s.phase !== "SUCCEEDED"
      ? `${s.progress.phase} ${integer(s.progress.done)} of ${integer(s.progress.total)}` : (s.cached ? "cached" : "");
    return `<g class="step" data-step="${esc(id)}" data-phase="${esc(s.phase)}">
      <rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" rx="8" fill="${fill}" stroke="${stroke}"/>
      <text x="${p.x + 10}" y="${p.y + 19}" font-weight="600">${esc(id)}</text>
      <text x="${p.x + 10}" y="${p.y + 36}" fill="${stroke}">${esc(s.phase.toLowerCase())}${s.attempt > 1
        ? " · try " + s.attempt : ""}</text>
      <text x="${p.x + 10}" y="${p.y + 48}" font-size="10" fill="#697386">${esc(progress)}</text></g>`;
  });
  return `<svg class="dag" viewBox="0 0 ${width} ${height}" style="max-width: ${width}px" role="img"
    aria-label="steps of the run">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
      orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9aa3b5"/></marker></defs>
    ${edges.join("")}${boxes.join("")}</svg>`;
}

/** A running step's progress: a bar, "epoch 3 of 10", and for epochs the time left and the throughput. */
function progressOf(s) {
  const p = s.progress;
  if (!p || s.phase === "SUCCEEDED" || FINAL.has(s.phase)) return "";
  const share = p.total ? Math.min(1, p.done / p.total) : 0;
  const m = p.metrics || {};
  const extra = [m.etaSeconds !== undefined ? `${duration(m.etaSeconds)} left` : "",
    m.imagesPerSecond !== undefined ? figureValue("imagesPerSecond", m.imagesPerSecond) : ""].filter(Boolean);
  return `<div class="progress"><span class="track"><span style="width: ${(share * 100).toFixed(1)}%"></span></span>
    ${esc(p.phase)} ${integer(p.done)}${p.total ? " of " + integer(p.total) : ""}${extra.length
      ? " · " + esc(extra.join(" · ")) : ""}</div>
    <div class="figures">${figureChips(m, ["etaSeconds", "imagesPerSecond"])}</div>`;
}

/** An evaluation's headline: the hold-out figure, with the validation and eval-folder figures beside it. */
function headline(map) {
  if (!map || map.holdoutMacroF1 === undefined) return "";
  const beside = [["validation", map.valMacroF1], ["eval folder", map.evalMacroF1], ["out of fold", map.oofMacroF1]]
    .filter(([, v]) => v !== undefined).map(([k, v]) => `${k} ${figureValue("macroF1", v)}`);
  const spread = Number.isFinite(map.macroF1Low) ? ` <span class="spread" title="${PERSON_DRAWS}">(${
    spreadText(map.macroF1Low, map.macroF1High)})</span>` : "";
  return `<div class="headline"><b>hold-out macro F1 ${figureValue("macroF1", map.holdoutMacroF1)}</b>${spread}${
    beside.length ? " · " + beside.join(" · ") : ""}</div>`;
}

/** For each attempt the orchestrator asked to stop: whether, and how soon, its worker stopped. */
function stops(step) {
  return (step.attempts || []).filter((a) => a.stopRequestedAt).map((a) => {
    if (!a.endedAt) {
      return `<div class="stop">try ${a.attempt}: asked to stop, not stopped yet</div>`;
    }
    const how = a.outcome === "cancelled" ? "stopped" : "ended " + esc(a.outcome);
    return `<div class="stop">try ${a.attempt}: ${how} ${duration(secondsBetween(a.stopRequestedAt, a.endedAt))}
      after the stop was asked</div>`;
  }).join("");
}

function stepsTable(run) {
  const rows = Object.entries(run.steps).map(([id, s]) => {
    const outputs = Object.entries(s.outputs || {}).map(([name, ref]) => `<a href="#" data-artifact="${
      artifactHref(run.runId, id, name)}" title="s3://${esc(ref.bucket)}/${esc(ref.key)}">${esc(name)}</a>`);
    const took = s.startedAt ? duration(secondsBetween(s.startedAt, s.finishedAt)) : "";
    const figures = FINAL.has(s.phase) ? figureChips(s.metrics, s.metrics && s.metrics.holdoutMacroF1 !== undefined
      ? ["holdoutMacroF1", "macroF1", "macroF1Low", "macroF1High", "valMacroF1", "evalMacroF1", "oofMacroF1"] : [])
      : "";
    return `<tr data-step="${esc(id)}"><td>${esc(id)}</td><td>${esc(s.spec.step.toLowerCase())}</td>
      <td><span class="status ${esc(s.phase.toLowerCase())}">${esc(s.phase.toLowerCase())}</span>${s.attempt > 1
        ? ` <span class="try">try ${s.attempt}</span>` : ""}${took ? `<div class="took">${esc(took)}</div>` : ""}</td>
      <td>${headline(s.metrics)}${progressOf(s)}<div class="figures">${figures}</div>${s.error
        ? `<div class="error">${esc(s.error.code)}: ${esc(s.error.message)}</div>` : ""}${stops(s)}</td>
      <td class="outputs">${outputs.join(" ")}</td>
      <td>${s.attempt > 0 && !s.cached ? `<a href="#" data-log="${esc(id)}">log</a>` : (s.cached ? "cached" : "")}</td>
      </tr>`;
  });
  return `<table class="steps"><thead><tr><th>Step</th><th>Service</th><th>State</th><th>Progress / figures</th>
    <th>Outputs</th><th>Log</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

// ---- a search: its trials, how far each got, and what the halving saved ----

/** The best figure of a step's epochs (for a search: the validation macro F1 its model is kept at). */
function bestOf(step, metric) {
  const values = (step.history || []).map((h) => (h.metrics || {})[metric]).filter(Number.isFinite);
  return values.length ? Math.max(...values) : undefined;
}

/**
 * The trials of the run's search, one row each: the parameters in which the trials differ, how many epochs
 * each ran, its best validation figure, and why it stopped; the best finished trial is marked. Below, the
 * trainer-epochs the search used against a full run of the same trials, and a chart of every trial's curve.
 */
function searchSection(run) {
  const trials = Object.entries(run.steps).filter(([, s]) => s.spec.halving || /^trial-\d+$/.test(s.spec.id));
  if (trials.length < 2) return "";
  // the evaluator keeps the finished trial with the best validation macro F1, whatever halving compared
  const metric = "valMacroF1";
  const keys = [...new Set(trials.flatMap(([, s]) => Object.keys(s.spec.parameters)))].filter((k) =>
    new Set(trials.map(([, s]) => JSON.stringify(s.spec.parameters[k]))).size > 1);
  const epochsRun = (s) => Math.max(0, ...(s.history || []).map((h) => h.done));
  const planned = (s) => s.spec.parameters.epochs || Math.max(0, ...(s.history || []).map((h) => h.total));
  const finished = trials.filter(([, s]) => s.phase === "SUCCEEDED" && bestOf(s, metric) !== undefined);
  const best = finished.reduce((a, b) => (a && bestOf(a[1], metric) >= bestOf(b[1], metric) ? a : b), null);
  const rows = trials.map(([id, s]) => {
    const value = bestOf(s, metric);
    const outcome = s.phase === "PRUNED" ? `stopped at epoch ${epochsRun(s)}`
      : s.phase === "PAUSED" ? `waiting at epoch ${s.waitingAt}` : s.phase.toLowerCase();
    return `<tr data-trial="${esc(id)}" class="${best && best[0] === id ? "best" : ""}"><td>${esc(id)}${best
      && best[0] === id ? " ★" : ""}</td>${keys.map((k) => `<td>${esc(String(s.spec.parameters[k]))}</td>`).join("")}
      <td>${integer(epochsRun(s))} of ${integer(planned(s))}</td><td>${value === undefined ? ""
      : figureValue("macroF1", value)}</td><td title="${esc(s.pruned || "")}"><span class="status ${esc(
      s.phase.toLowerCase())}">${esc(outcome)}</span></td></tr>`;
  });
  const used = trials.reduce((n, [, s]) => n + epochsRun(s), 0);
  const full = trials.reduce((n, [, s]) => n + planned(s), 0);
  const halving = trials[0][1].spec.halving;
  const curves = trials.filter(([, s]) => (s.history || []).length).map(([id, s], i) => ({
    key: id, metric, name: id, colour: PALETTE[i % PALETTE.length], dashed: s.phase === "PRUNED",
    points: s.history.filter((h) => Number.isFinite((h.metrics || {})[metric])).map((h) => [h.done, h.metrics[metric]]),
  }));
  return `<h2>Search</h2><table class="search" data-trials="${trials.length}"><thead><tr><th>Trial</th>${keys.map((k) =>
    `<th>${esc(k)}</th>`).join("")}<th>Epochs</th><th>Best ${esc(metric)}</th><th>Outcome</th></tr></thead>
    <tbody>${rows.join("")}</tbody></table>
    <p class="hint" id="search-budget">${integer(used)} of the ${integer(full)} trainer-epochs a full run of these
    ${trials.length} trials would take (${full ? Math.round((100 * used) / full) : 0} %)${halving
      ? `; successive halving at epoch ${halving.minEpochs}, ×${halving.eta} after that, keeps the best 1 in
      ${halving.eta} by ${esc(halving.metric)}${halving.mode === "min" ? " (lowest)" : ""}` : "; no halving"}.${best ? ` ★ the best finished trial, which the evaluator keeps.` : ""}</p>
    <div class="charts">${lineChart({ id: "search", title: `${metric} of each trial (dashed: stopped early)`,
      series: curves, epochs: Math.max(0, ...trials.map(([, s]) => planned(s))), yMax: 1,
      format: (v) => v.toFixed(1) })}</div>`;
}

// ---- logs ----// ---- logs ----

const FAILED_TAIL_LINES = 15, RUNNING_TAIL_LINES = 8;

/** A step's log lines (every attempt); ok is false when there is none (yet). */
async function logText(runId, stepId) {
  const response = await fetch(`/runs/${encodeURIComponent(runId)}/logs/${encodeURIComponent(stepId)}`,
    authorized({ headers: { Accept: "text/plain, application/json" } }));
  const text = await response.text();
  if (response.ok) return { ok: true, text };
  try {
    return { ok: false, text: JSON.parse(text).error };
  } catch (e) {
    return { ok: false, text };
  }
}

/** The whole log of a step in the log box, fetched with the token like the artifacts. */
async function showLog(runId, stepId) {
  const box = document.getElementById("log-box");
  if (!box) return;
  box.dataset.step = stepId;
  document.getElementById("log-title").textContent = "Log of " + stepId;
  document.getElementById("log-view").textContent = visible((await logText(runId, stepId)).text);
  box.hidden = false;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-log]");
  if (!link || !view || view.kind !== "run") return;
  event.preventDefault();
  location.hash = "run=" + encodeURIComponent(view.runId) + "&log=" + encodeURIComponent(link.dataset.log);
  showLog(view.runId, link.dataset.log);
});

/**
 * Each failed step's error with the last lines of its log, and the last lines of each running step's log (the
 * SDK stores them every few seconds while the step runs), each with a link to the whole log.
 */
async function logTails(run, box) {
  const shown = Object.entries(run.steps).filter(([, s]) => s.attempt > 0 && !s.cached
    && (s.phase === "RUNNING" || (s.error && s.phase !== "SUCCEEDED")));
  const parts = await Promise.all(shown.map(async ([id, s]) => {
    const log = await logText(run.runId, id);
    const lines = log.text.trimEnd().split("\n");
    const tail = `<pre class="tail">${esc(lines.slice(s.phase === "RUNNING" ? -RUNNING_TAIL_LINES
      : -FAILED_TAIL_LINES).join("\n"))}</pre><a href="#" data-log="${esc(id)}">the whole log (${integer(
      lines.length)} lines)</a>`;
    if (s.phase === "RUNNING") {
      return log.ok ? `<div class="running-log" data-step="${esc(id)}"><h3>The end of ${esc(id)}'s log</h3>
        ${tail}</div>` : "";
    }
    return `<div class="problem" data-step="${esc(id)}"><h3>${esc(id)} ${esc(s.phase.toLowerCase())} on try
      ${s.attempt}: ${esc(s.error.code)}</h3><p class="error">${esc(s.error.message)}</p>${log.ok ? tail
      : `<p class="hint">${esc(log.text)}</p>`}</div>`;
  }));
  box.innerHTML = parts.join("");
}

// ---- the data set checks: what preprocessing found wrong with the data set ----

/** How many problems are listed at most of one kind, and in all; report.txt and report.json have the rest. */
const ISSUES_PER_KIND = 10, ISSUES_LISTED = 50;

/** The preprocess steps whose report can be read: each that succeeded, and a failed one that left a report. */
function checkedSteps(run) {
  return Object.entries(run.steps).filter(([, s]) => String(s.spec.step).toUpperCase() === "PREPROCESS"
    && (s.phase === "SUCCEEDED" || s.phase === "FAILED") && s.outputs && s.outputs.report).map(([id]) => id);
}

/** The first of the values that is a number: a figure of the report, else the step's metric. */
const numberOf = (...values) => values.find((v) => typeof v === "number" && Number.isFinite(v));

/**
 * One preprocess step's report (services/preprocess ValidationReport): the counts, then the problems grouped by
 * kind, each kind with how many and its first items and reasons. Every value of the report is escaped: the items
 * are the user's own file names. Fields an older report lacks are taken from the step's metrics or left out.
 */
function checksHtml(run, stepId, report) {
  const s = run.steps[stepId], m = s.metrics || {};
  const r = report && typeof report === "object" ? report : {};
  const counts = r.counts && typeof r.counts === "object" ? r.counts : {};
  const issues = Array.isArray(r.issues) ? r.issues.filter((i) => i && typeof i === "object") : [];
  const groups = new Map(Object.keys(counts).map((kind) => [kind, []]));
  issues.forEach((i) => {
    const kind = String(i.kind || "OTHER");
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(i);
  });
  const countOf = (kind) => Math.max(numberOf(counts[kind]) ?? 0, groups.get(kind).length);
  const summed = [...groups.keys()].reduce((n, kind) => n + countOf(kind), 0);
  const problems = Array.isArray(r.issues) || Object.keys(counts).length ? Math.max(issues.length, summed)
    : numberOf(m.problems);
  const figures = [["persons", "persons used", numberOf(r.persons, m.persons)],
    ["images", "images used", numberOf(r.images, m.images)],
    ["excludedImages", "images excluded", numberOf(r.excludedImages, m.excludedImages)],
    ["problems", "problems", problems], ["csvRows", "train.csv rows", numberOf(r.csvRows)],
    ["faceFallbacks", "no face found (centre crop)", r.crop === "face" ? numberOf(r.faceFallbacks, m.faceFallbacks)
      : undefined]].filter(([, , v]) => v !== undefined).map(([key, name, v]) => `<span class="figure"
      data-check="${key}"><span class="name">${name}</span> <b>${integer(v)}</b></span>`).join("");
  let room = ISSUES_LISTED;
  const kinds = [...groups.entries()].filter(([kind]) => countOf(kind) > 0);
  const bodies = kinds.map(([kind, list]) => {
    const shown = list.slice(0, Math.max(0, Math.min(ISSUES_PER_KIND, room)));
    room -= shown.length;
    const rest = Math.max(0, countOf(kind) - shown.length);
    // a long path may wrap after each "/" (added once escaped, so it is never the user's markup)
    const cells = shown.map((i) => `<td class="item">${esc(i.item).replace(/\//g, "/<wbr>")}</td><td class="detail">${
      esc(i.detail)}</td>`);
    const more = `<td colspan="2">${shown.length ? `and ${integer(rest)} more` : "not listed here: see the whole report"
      }</td>`;
    const rows = [...cells.map((c) => ["issue", c]), ...(rest ? [["more", more]] : [])];
    const [first, ...others] = rows, span = rows.length;
    return `<tbody data-kind="${esc(kind)}"><tr class="${first[0]}"><td class="kind" rowspan="${span}">${esc(
      kind.toLowerCase().replace(/_/g, " "))}</td><td class="count" rowspan="${span}">${integer(countOf(kind))}</td>${
      first[1]}</tr>${others.map(([cls, c]) => `<tr class="${cls}">${c}</tr>`).join("")}</tbody>`;
  });
  const listed = ISSUES_LISTED - room;
  const link = (name, text) => (s.outputs[name] ? `<a href="#" data-artifact="${artifactHref(run.runId, stepId,
    name)}">${text}</a>` : "");
  const text = link("reportText", "report.txt"), json = link("report", "report.json");
  const hidden = Math.max(0, (problems || 0) - listed);
  const whole = hidden && listed ? `and ${integer(hidden)} more not listed here: see ${text
    ? `${text} (or ${json} for every one)` : json}.`
    : `The whole report: ${[text, json].filter(Boolean).join(" · ")}.`;
  const sources = Array.isArray(r.sources) && r.sources.length ? ` Data set: ${esc(r.sources.join(" + "))}.` : "";
  return `<div class="data-checks" data-step="${esc(stepId)}">
    <h2>Data set checks (${esc(stepId)})${s.phase === "FAILED" ? " · the step failed" : ""}</h2>
    <div class="figures">${figures}</div>
    ${bodies.length ? `<table class="issues"><thead><tr><th>Problem</th><th>How many</th><th>Path or row</th>
      <th>What is wrong</th></tr></thead>${bodies.join("")}</table>` : ""}${problems === 0 ? `<p
      class="no-problems">The data set had no problems: preprocessing found nothing wrong with it.</p>` : ""}
    <p class="hint">${whole}${sources}</p></div>`;
}

async function dataChecks(run, box) {
  const ids = checkedSteps(run);
  const key = ids.map((id) => `${id}/${run.steps[id].phase}/${run.steps[id].outputs.report.key}`).join(" ");
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  let failed = false;
  const parts = await Promise.all(ids.map(async (id) => {
    try {
      return checksHtml(run, id, await reportOf(run, id));
    } catch (e) {
      failed = true;
      return `<div class="data-checks" data-step="${esc(id)}"><h2>Data set checks (${esc(id)})</h2>
        <p class="error">${esc(e.message)}</p></div>`;
    }
  }));
  if (box.dataset.key !== key) return;
  box.innerHTML = parts.join("");
  if (failed) box.dataset.key = ""; // read again on the run's next change
}

// ---- the evaluation ----

const PERSON_DRAWS = "the middle 90 % of the macro F1 over 1,000 draws of the figure's persons with replacement, "
  + "each with all its photos: how far other persons of the same kind could move the figure";

function evaluationHtml(run, stepId, report) {
  const f = report.figures;
  const sideBySide = (report.sideBySide || []).map((r) => `<tr class="${r.headline ? "headline-row" : ""}">
    <td>${esc(r.set)}</td><td>${r.macroF1 === null || r.macroF1 === undefined ? "" : r.macroF1.toFixed(3)}</td>
    <td>${r.persons90 ? spreadText(r.persons90.low, r.persons90.high) : ""}</td>
    <td>${integer(r.images)}</td><td class="on">${esc(r.on)}</td></tr>`).join("");
  const heads = Object.entries(f.heads || {}).map(([name, h]) => `<tr><td>${esc(name)}</td>
    <td>${figureValue("headAccuracy", h.accuracy)}</td><td>${h.macroF1.toFixed(3)}</td></tr>`).join("");
  return `<div class="evaluation" data-step="${esc(stepId)}">
    <h2>Evaluation (${esc(stepId)}): macro F1 ${f.macroF1.toFixed(3)} on ${integer(f.count)} images</h2>
    <p class="hint">Measured on ${esc(report.evaluatedOn)}.${report.promotion ? ` Promotion: ${esc(
      report.promotion.reason)}.` : ""}</p>
    <div class="tables">
      ${sideBySide ? `<table class="side"><caption>Figures side by side</caption><thead><tr><th>Set</th>
        <th>Macro F1</th><th title="${PERSON_DRAWS}">90 % of person draws</th><th>Images</th><th>Measured on</th>
        </tr></thead><tbody>${sideBySide}</tbody></table>` : ""}
      <table class="heads"><caption>Per head</caption><thead><tr><th>Head</th><th>Accuracy</th><th>Macro F1</th>
        </tr></thead><tbody>${heads}</tbody></table>
    </div>
    <div class="tables">${confusionTable(f)}${perClassTable(f)}</div></div>`;
}

async function evaluation(run, box) {
  const id = evaluationStep(run);
  if (!id || run.steps[id].phase !== "SUCCEEDED") {
    box.innerHTML = "";
    box.dataset.key = "";
    return;
  }
  const ref = run.steps[id].outputs.report;
  const key = `${run.runId}/${id}/${ref.key}`;
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  try {
    box.innerHTML = evaluationHtml(run, id, await reportOf(run, id));
  } catch (e) {
    box.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

function pictures(run, box) {
  const drawn = evaluationStep(run);
  const list = Object.entries(run.steps).flatMap(([id, s]) => Object.entries(s.outputs || {})
    .filter(([name, ref]) => /\.png$/i.test(ref.key) && !(id === drawn && DRAWN_OUTPUTS.includes(name)))
    .map(([name]) => ({ id, name, href: artifactHref(run.runId, id, name) })));
  const key = list.map((p) => p.href).join(" ");
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.innerHTML = list.length ? `<h2>Report pictures</h2><div class="pictures">${list.map((p) => `<figure>
    <img alt="${esc(p.name)}" data-src="${p.href}"><figcaption>${esc(p.id)} · ${esc(p.name)}</figcaption></figure>`)
    .join("")}</div>` : "";
  loadPictures(box);
}

function parametersTable(run) {
  const rows = Object.entries(run.parameters || {}).map(([k, v]) => `<tr><td>${esc(k)}</td>
    <td>${esc(typeof v === "string" ? v : JSON.stringify(v))}</td></tr>`).join("");
  return `<details><summary>Parameters</summary><table class="params">${rows}</table></details>`;
}

// ---- the view ----

let tailTimer = null;

function openRun(runId, log) {
  document.getElementById("detail").innerHTML = `<div id="run-head"><h2>${esc(runId)}</h2><p class="hint">loading…
    </p></div><div id="run-dag"></div><div id="run-curves"></div><div id="run-search"></div><div id="run-steps"></div>
    <div id="run-tails"></div>
    <div id="log-box" hidden><h2 id="log-title"></h2><pre id="log-view"></pre></div>
    <div id="run-checks"></div><div id="run-evaluation"></div><div id="run-pictures"></div><div id="run-params"></div>`;
  let shownVersion = -1, tailsKey = "", tailsAt = 0, latest = null;
  const tails = (run) => {
    tailsKey = Object.entries(run.steps).map(([id, s]) => `${id}/${s.phase}/${s.attempt}`).join(" ");
    tailsAt = Date.now();
    logTails(run, document.getElementById("run-tails"));
  };
  // a running step's log grows without the run changing: its end is fetched again every 5 s
  clearInterval(tailTimer);
  tailTimer = setInterval(() => {
    if (!view || view.kind !== "run" || view.runId !== runId) clearInterval(tailTimer);
    else if (latest && Object.values(latest.steps).some((s) => s.phase === "RUNNING")) tails(latest);
  }, 5000);
  if (log) showLog(runId, log);
  follow(runId, (run) => {
    latest = run;
    if (run.version === shownVersion) return;
    shownVersion = run.version;
    const took = duration(secondsBetween(run.createdAt, run.finishedAt));
    document.getElementById("run-head").innerHTML = `<h2 id="run-title">${esc(run.runId)} <span class="status
      ${esc(run.status)}" id="run-status">${esc(run.status.toLowerCase())}</span></h2>
      <p>${esc(run.pipeline)} · started ${esc(time(run.createdAt))}${run.finishedAt ? " · ended "
        + esc(time(run.finishedAt)) + " · took " + esc(took) : " · running for " + esc(took)}
      ${run.reason ? `<br><span class="error">${esc(run.reason)}</span>` : ""}</p>`;
    document.getElementById("run-dag").innerHTML = run.spec ? dag(run) : "";
    const curves = curvesOf(run);
    document.getElementById("run-curves").innerHTML = curves.length ? `<h2>Training</h2>${trainingCharts(curves)}`
      : "";
    document.getElementById("run-search").innerHTML = searchSection(run);
    document.getElementById("run-steps").innerHTML = stepsTable(run);
    const stepsKey = Object.entries(run.steps).map(([id, s]) => `${id}/${s.phase}/${s.attempt}`).join(" ");
    if (stepsKey !== tailsKey || Date.now() - tailsAt > 5000) tails(run);
    const logBox = document.getElementById("log-box");
    if (!logBox.hidden && logBox.dataset.step) showLog(run.runId, logBox.dataset.step);
    dataChecks(run, document.getElementById("run-checks"));
    evaluation(run, document.getElementById("run-evaluation"));
    pictures(run, document.getElementById("run-pictures"));
    const params = document.getElementById("run-params");
    if (params.dataset.key !== JSON.stringify(run.parameters)) {
      params.dataset.key = JSON.stringify(run.parameters);
      params.innerHTML = parametersTable(run);
    }
  });
}
