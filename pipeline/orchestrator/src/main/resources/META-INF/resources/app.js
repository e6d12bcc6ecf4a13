// Maskflow's run page: the run list, and the selected run's DAG, steps, outputs and report pictures,
// refreshed every second from the orchestrator's REST API. Every request carries the API token the user gave
// (kept in this browser's local storage; a link may hand it over once as #token=..., which is then removed).
"use strict";

const TOKEN_KEY = "maskflow.token";
const handedToken = (location.hash.match(/token=([^&]+)/) || [])[1];
if (handedToken) {
  localStorage.setItem(TOKEN_KEY, decodeURIComponent(handedToken));
  history.replaceState(null, "", location.pathname + location.hash.replace(/&?token=[^&]+/, ""));
}

const PHASE_COLOURS = {
  WAITING: ["#f1f3f7", "#9aa3b5"], DISPATCHED: ["#e0ecff", "#3b82f6"], RUNNING: ["#dbeafe", "#1d4ed8"],
  RETRY_WAIT: ["#fdf0d5", "#c88a00"], SUCCEEDED: ["#d9f5e3", "#1f8a4c"], FAILED: ["#fde2e1", "#c0392b"],
  CANCELLED: ["#f4ecdc", "#a07a3c"],
};
let selected = decodeURIComponent((location.hash.match(/run=([^&]+)/) || [])[1] || "");
let shownVersion = -1;
// the step whose log is shown; #run=ID&log=STEP opens it directly
let shownLog = decodeURIComponent((location.hash.match(/log=([^&]+)/) || [])[1] || "") || null;

const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({
  "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const time = (iso) => (iso ? new Date(iso).toLocaleString() : "");

function authorized(options = {}) {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = { ...(options.headers || {}) };
  if (token) headers.Authorization = "Bearer " + token;
  return { ...options, headers };
}

async function getJson(url, options) {
  const response = await fetch(url, authorized(options));
  if (response.status === 401) askForToken();
  return { ok: response.ok, body: await response.json() };
}

function askForToken() {
  document.getElementById("login").hidden = false;
}

document.getElementById("login").addEventListener("submit", (event) => {
  event.preventDefault();
  localStorage.setItem(TOKEN_KEY, document.getElementById("token").value.trim());
  document.getElementById("token").value = "";
  document.getElementById("login").hidden = true;
  shownVersion = -1;
  loadPipelines();
  refreshRuns();
  refreshDetail();
});

// Artifacts need the token too: pictures are fetched and shown from memory, links download the same way.
async function fetchBlobUrl(href) {
  const response = await fetch(href, authorized());
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

function loadPictures() {
  document.querySelectorAll("img[data-src]").forEach(async (img) => {
    try {
      img.src = await fetchBlobUrl(img.dataset.src);
    } catch (e) {
      img.alt += ` (${e.message})`;
    }
  });
}

document.addEventListener("click", async (event) => {
  const link = event.target.closest("a[data-artifact]");
  if (!link) return;
  event.preventDefault();
  const a = document.createElement("a");
  a.href = await fetchBlobUrl(link.dataset.artifact);
  a.download = link.textContent;
  a.click();
});

async function refreshRuns() {
  try {
    const { ok, body } = await getJson("/runs?size=50");
    if (!ok) throw new Error(body.error);
    const rows = body.runs.map((r) => `<tr data-run="${esc(r.runId)}" class="${r.runId === selected ? "selected" : ""}">
      <td>${esc(r.runId)}</td><td>${esc(r.pipeline)}</td>
      <td><span class="status ${esc(r.status)}">${esc(r.status)}</span></td><td>${esc(time(r.createdAt))}</td></tr>`);
    document.getElementById("run-rows").innerHTML = rows.join("") || `<tr><td colspan="4">no runs yet</td></tr>`;
  } catch (e) {
    document.getElementById("run-rows").innerHTML = `<tr><td colspan="4" class="error">${esc(e)}</td></tr>`;
  }
}

function dependencies(step) {
  return Object.values(step.spec.inputs).map((source) => source.substring(0, source.lastIndexOf(".")));
}

function dag(run) {
  const ids = Object.keys(run.steps);
  const depth = {};
  const depthOf = (id) => depth[id] ?? (depth[id] = Math.max(-1, ...dependencies(run.steps[id]).map(depthOf)) + 1);
  ids.forEach(depthOf);
  const columns = [];
  ids.forEach((id) => (columns[depth[id]] = columns[depth[id]] || []).push(id));
  const w = 150, h = 52, gapX = 60, gapY = 18;
  const pos = {};
  columns.forEach((col, c) => col.forEach((id, r) => (pos[id] = { x: 10 + c * (w + gapX), y: 10 + r * (h + gapY) })));
  const width = 20 + columns.length * (w + gapX) - gapX;
  const height = 20 + Math.max(...columns.map((c) => c.length)) * (h + gapY) - gapY;
  const edges = ids.flatMap((id) => [...new Set(dependencies(run.steps[id]))].map((dep) => {
    const a = pos[dep], b = pos[id];
    const x1 = a.x + w, y1 = a.y + h / 2, x2 = b.x, y2 = b.y + h / 2;
    return `<path d="M${x1},${y1} C${x1 + 30},${y1} ${x2 - 30},${y2} ${x2},${y2}" fill="none" stroke="#9aa3b5"
      marker-end="url(#arrow)"/>`;
  }));
  const boxes = ids.map((id) => {
    const s = run.steps[id], p = pos[id], [fill, stroke] = PHASE_COLOURS[s.phase] || PHASE_COLOURS.WAITING;
    const progress = s.progress && s.phase !== "SUCCEEDED"
      ? `${s.progress.phase} ${s.progress.done}/${s.progress.total}` : (s.cached ? "cached" : "");
    return `<g class="step" data-step="${esc(id)}" data-phase="${esc(s.phase)}">
      <rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" rx="8" fill="${fill}" stroke="${stroke}"/>
      <text x="${p.x + 10}" y="${p.y + 19}" font-weight="600">${esc(id)}</text>
      <text x="${p.x + 10}" y="${p.y + 36}" fill="${stroke}">${esc(s.phase.toLowerCase())}${s.attempt > 1
        ? " · try " + s.attempt : ""}</text>
      <text x="${p.x + 10}" y="${p.y + 48}" font-size="10" fill="#697386">${esc(progress)}</text></g>`;
  });
  return `<svg class="dag" width="${width}" height="${height}" role="img" aria-label="steps of the run">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
      orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9aa3b5"/></marker></defs>
    ${edges.join("")}${boxes.join("")}</svg>`;
}

// An evaluation's headline: the hold-out figure, with the validation and eval-folder figures beside it
function headline(map) {
  if (!map || map.holdoutMacroF1 === undefined) return "";
  const beside = [["validation", map.valMacroF1], ["eval folder", map.evalMacroF1], ["out of fold", map.oofMacroF1]]
    .filter(([, v]) => v !== undefined).map(([k, v]) => `${k} ${Number(v).toPrecision(4)}`);
  return `<div class="headline"><b>hold-out macro F1 ${Number(map.holdoutMacroF1).toPrecision(4)}</b>${beside.length
    ? " · " + beside.join(" · ") : ""}</div>`;
}

function figures(map) {
  return Object.entries(map || {}).map(([k, v]) => `${esc(k)} ${Number(v).toPrecision(4)}`).join(", ");
}

function artifactLink(run, stepId, name, ref) {
  const href = `/runs/${encodeURIComponent(run.runId)}/artifacts/${encodeURIComponent(stepId)}/${encodeURIComponent(name)}`;
  return { href, html: `<a href="#" data-artifact="${href}" title="s3://${esc(ref.bucket)}/${esc(ref.key)}">${esc(name)}</a>` };
}

/** For each attempt the orchestrator asked to stop: whether, and how soon, its worker stopped. */
function stops(step) {
  return (step.attempts || []).filter(a => a.stopRequestedAt).map(a => {
    if (!a.endedAt) {
      return `<div class="stop">try ${a.attempt}: asked to stop, not stopped yet</div>`;
    }
    const seconds = Math.max(0, (Date.parse(a.endedAt) - Date.parse(a.stopRequestedAt)) / 1000);
    const how = a.outcome === "cancelled" ? "stopped" : "ended " + esc(a.outcome);
    return `<div class="stop">try ${a.attempt}: ${how} ${seconds.toFixed(1)} s after the stop was asked</div>`;
  }).join("");
}

function renderRun(run) {
  const rows = Object.entries(run.steps).map(([id, s]) => {
    const outputs = Object.entries(s.outputs || {}).map(([name, ref]) => artifactLink(run, id, name, ref).html);
    const progress = s.progress && s.phase !== "SUCCEEDED"
      ? `${esc(s.progress.phase)} ${s.progress.done}/${s.progress.total} ${figures(s.progress.metrics)}` : "";
    return `<tr><td>${esc(id)}</td><td>${esc(s.spec.step.toLowerCase())}</td>
      <td><span class="status ${esc(s.phase.toLowerCase())}">${esc(s.phase.toLowerCase())}</span></td>
      <td>${s.attempt}</td><td>${headline(s.metrics)}${progress}${figures(s.metrics)}${s.error
        ? `<div class="error">${esc(s.error.code)}: ${esc(s.error.message)}</div>` : ""}${stops(s)}</td>
      <td>${outputs.join(" ")}</td>
      <td>${s.attempt > 0 && !s.cached ? `<a href="#" data-log="${esc(id)}">log</a>` : (s.cached ? "cached" : "")}</td></tr>`;
  });
  const pictures = Object.entries(run.steps).flatMap(([id, s]) => Object.entries(s.outputs || {})
    .filter(([, ref]) => /\.png$/i.test(ref.key))
    .map(([name, ref]) => `<figure><img alt="${esc(name)}" data-src="${artifactLink(run, id, name, ref).href}">
      <figcaption>${esc(id)} · ${esc(name)}</figcaption></figure>`));
  document.getElementById("detail").innerHTML = `
    <h2 id="run-title">${esc(run.runId)} <span class="status ${esc(run.status)}" id="run-status">${esc(run.status)}</span></h2>
    <p>${esc(run.pipeline)} · started ${esc(time(run.createdAt))}${run.finishedAt ? " · ended " + esc(time(run.finishedAt)) : ""}
      ${run.reason ? `<br><span class="error">${esc(run.reason)}</span>` : ""}</p>
    ${run.spec ? dag(run) : ""}
    <table class="steps"><thead><tr><th>Step</th><th>Service</th><th>State</th><th>Try</th><th>Progress / figures</th>
      <th>Outputs</th><th>Log</th></tr></thead><tbody>${rows.join("")}</tbody></table>
    <div id="log-box" ${shownLog ? "" : "hidden"}><h2 id="log-title"></h2><pre id="log-view"></pre></div>
    ${pictures.length ? `<h2>Report</h2><div class="pictures">${pictures.join("")}</div>` : ""}
    <details><summary>Parameters</summary><pre>${esc(JSON.stringify(run.parameters, null, 2))}</pre></details>`;
  loadPictures();
  if (shownLog) showLog(run.runId, shownLog);
}

// A step's log lines (every attempt), fetched with the token like the artifacts; redrawn when the run moves.
async function showLog(runId, stepId) {
  shownLog = stepId;
  const box = document.getElementById("log-box");
  const response = await fetch(`/runs/${encodeURIComponent(runId)}/logs/${encodeURIComponent(stepId)}`,
    authorized({ headers: { Accept: "text/plain, application/json" } }));
  const text = await response.text();
  let shown = text;
  if (!response.ok) {
    try { shown = JSON.parse(text).error; } catch (e) { /* shown as it came */ }
  }
  document.getElementById("log-title").textContent = "Log of " + stepId;
  document.getElementById("log-view").textContent = shown;
  box.hidden = false;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-log]");
  if (!link || !selected) return;
  event.preventDefault();
  location.hash = "run=" + encodeURIComponent(selected) + "&log=" + encodeURIComponent(link.dataset.log);
  showLog(selected, link.dataset.log);
});

async function refreshDetail() {
  if (!selected) return;
  const { ok, body } = await getJson(`/runs/${encodeURIComponent(selected)}`);
  if (!ok) {
    document.getElementById("detail").innerHTML = `<p class="error">${esc(body.error)}</p>`;
    return;
  }
  if (body.version !== shownVersion) {
    shownVersion = body.version;
    renderRun(body);
  }
}

document.getElementById("run-rows").addEventListener("click", (event) => {
  const row = event.target.closest("tr[data-run]");
  if (!row) return;
  selected = row.dataset.run;
  shownVersion = -1;
  shownLog = null;
  location.hash = "run=" + encodeURIComponent(selected);
  refreshRuns();
  refreshDetail();
});

document.getElementById("start").addEventListener("submit", async (event) => {
  event.preventDefault();
  const message = document.getElementById("start-message");
  let parameters = {};
  try {
    parameters = JSON.parse(document.getElementById("params").value || "{}");
  } catch (e) {
    message.textContent = "parameters are not JSON: " + e.message;
    return;
  }
  const { body } = await getJson("/runs", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pipeline: document.getElementById("pipeline").value, parameters, requestedBy: "web" }) });
  message.textContent = body.error ? body.error : "started " + body.runId;
  if (body.runId) {
    selected = body.runId;
    shownVersion = -1;
    location.hash = "run=" + encodeURIComponent(selected);
  }
  refreshRuns();
  refreshDetail();
});

function loadPipelines() {
  getJson("/pipelines").then(({ ok, body }) => {
    if (ok) document.getElementById("pipeline").innerHTML = body.map((p) => `<option>${esc(p.name)}</option>`).join("");
  });
}
loadPipelines();
refreshRuns();
refreshDetail();
setInterval(refreshRuns, 2000);
setInterval(refreshDetail, 1000);
