// Several runs side by side: their parameters (rows whose values differ highlighted), their figures per head and
// per class (the best of each row in bold), and their training curves on one chart, one colour per run.
"use strict";

const sameValue = (values) => values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]));
const shown = (v) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function runChips(runs) {
  return runs.map((run, i) => `<span class="run-chip" style="border-color: ${PALETTE[i % PALETTE.length]}">
    <span class="swatch" style="background: ${PALETTE[i % PALETTE.length]}"></span>
    <a href="#run=${encodeURIComponent(run.runId)}">${esc(run.runId)}</a>
    <span class="status ${esc(run.status)}">${esc(run.status.toLowerCase())}</span></span>`).join("");
}

function parameterRows(runs) {
  const general = [["pipeline", runs.map((r) => r.pipeline)],
    ["took", runs.map((r) => duration(secondsBetween(r.createdAt, r.finishedAt)))]];
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.parameters || {})))].sort();
  const params = keys.map((k) => [k, runs.map((r) => (r.parameters || {})[k])]);
  // the parameters that differ first, then the others, each in alphabetical order
  const ordered = [...params.filter(([, v]) => !sameValue(v)), ...params.filter(([, v]) => sameValue(v))];
  return [...general, ...ordered].map(([name, values], row) => {
    const differs = row > 1 && !sameValue(values);
    return `<tr data-param="${esc(name)}" class="${differs ? "differs" : ""}"><th>${esc(name)}</th>${values.map((v) =>
      `<td>${esc(shown(v))}</td>`).join("")}</tr>`;
  }).join("");
}

/** A row of figures, the highest in bold. */
function figureRow(name, key, values) {
  const numbers = values.filter((v) => Number.isFinite(v));
  const best = numbers.length > 1 ? Math.max(...numbers) : null;
  return `<tr data-figure="${esc(key)}"><th>${esc(name)}</th>${values.map((v) => `<td class="${v === best
    ? "best" : ""}">${Number.isFinite(v) ? esc(figureValue(key, v)) : "—"}</td>`).join("")}</tr>`;
}

function figureRows(runs, reports) {
  const metricsOf = runs.map((r) => {
    const id = evaluationStep(r);
    return id ? r.steps[id].metrics || {} : {};
  });
  const keys = ["macroF1", "holdoutMacroF1", "valMacroF1", "evalMacroF1", "oofMacroF1"]
    .filter((k) => metricsOf.some((m) => m[k] !== undefined));
  const rows = keys.map((k) => figureRow(figureName(k), k, metricsOf.map((m) => m[k])));
  if (metricsOf.some((m) => Number.isFinite(m.macroF1Low))) {
    // how far other persons of the same kind could move each headline: nearby runs often overlap
    rows.splice(1, 0, `<tr data-figure="macroF1Spread"><th title="${PERSON_DRAWS}">90 % of person draws</th>${
      metricsOf.map((m) => `<td>${Number.isFinite(m.macroF1Low)
      ? spreadText(m.macroF1Low, m.macroF1High) : "—"}</td>`).join("")}</tr>`);
  }
  ["mask", "gender", "age"].forEach((head) => {
    rows.push(figureRow(`${head} accuracy`, `${head}Accuracy`, metricsOf.map((m) => m[`${head}Accuracy`])));
    if (reports.some((rep) => rep && rep.figures.heads[head])) {
      rows.push(figureRow(`${head} macro F1`, `${head}MacroF1`, reports.map((rep) => (rep
        ? rep.figures.heads[head].macroF1 : undefined))));
    }
  });
  return rows.join("");
}

function perClassRows(reports) {
  const names = (reports.find((r) => r) || { figures: { perClass: [] } }).figures.perClass;
  return names.map((c) => {
    const values = reports.map((r) => (r ? r.figures.perClass[c.label].f1 : undefined));
    const numbers = values.filter((v) => Number.isFinite(v));
    const best = numbers.length > 1 ? Math.max(...numbers) : null;
    return `<tr data-class="${c.label}"><th>${c.label} ${esc(c.name)}</th>${values.map((v) => (Number.isFinite(v)
      ? `<td class="${v === best ? "best" : ""}" style="${shade(v, true)}">${v.toFixed(3)}</td>` : "<td>—</td>"))
      .join("")}</tr>`;
  }).join("");
}

/** Every training of every run on one chart: the run's colour, and the step's name when a run has several. */
function comparedCurves(runs) {
  return runs.flatMap((run, i) => {
    const curves = curvesOf(run);
    return curves.map((c) => ({ ...c, key: `${run.runId}/${c.key}`, colour: PALETTE[i % PALETTE.length],
      name: curves.length > 1 ? `${run.runId} ${c.name}` : run.runId }));
  });
}

async function openCompare(ids, again) {
  const detail = document.getElementById("detail");
  if (!again) detail.innerHTML = `<h2>Comparing ${ids.length} runs</h2><p class="hint">loading…</p>`;
  const answers = await Promise.all(ids.map((id) => getJson(`/runs/${encodeURIComponent(id)}`)));
  if (!view || view.kind !== "compare" || view.ids.join() !== ids.join()) return;
  const missing = answers.filter((a) => !a.ok).map((a) => a.body.error);
  const runs = answers.filter((a) => a.ok).map((a) => a.body);
  const reportsOf = await Promise.all(runs.map((r) => {
    const id = evaluationStep(r);
    return id && r.steps[id].phase === "SUCCEEDED" ? reportOf(r, id).catch(() => null) : null;
  }));
  if (!view || view.kind !== "compare" || view.ids.join() !== ids.join()) return;
  const curves = comparedCurves(runs);
  const columns = runs.map((r, i) => `<th style="border-bottom: 3px solid ${PALETTE[i % PALETTE.length]}">${esc(
    r.runId)}</th>`).join("");
  detail.innerHTML = `<h2 id="compare-title">Comparing ${runs.length} runs</h2>
    <div class="run-chips">${runChips(runs)}</div>
    ${missing.map((m) => `<p class="error">${esc(m)}</p>`).join("")}
    <div class="tables">
      <table class="compare params-compare"><caption>Parameters (highlighted: they differ)</caption>
        <thead><tr><th></th>${columns}</tr></thead><tbody>${parameterRows(runs)}</tbody></table>
      <table class="compare figures-compare"><caption>Figures of the evaluation (bold: the best)</caption>
        <thead><tr><th></th>${columns}</tr></thead><tbody>${figureRows(runs, reportsOf)}</tbody></table>
    </div>
    ${curves.length ? `<h2>Training</h2>${trainingCharts(curves)}` : ""}
    ${reportsOf.some((r) => r) ? `<table class="compare per-class-compare"><caption>F1 per class (bold: the
      best)</caption><thead><tr><th></th>${columns}</tr></thead><tbody>${perClassRows(reportsOf)}</tbody></table>`
    : ""}`;
  if (runs.some((r) => !FINAL.has(r.status))) {
    setTimeout(() => {
      if (view && view.kind === "compare" && view.ids.join() === ids.join()) openCompare(ids, true);
    }, 5000);
  }
}
