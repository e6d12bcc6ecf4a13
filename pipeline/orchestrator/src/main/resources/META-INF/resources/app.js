// Maskflow's run page: the run list (pick runs to compare), and either one run (run-view.js), followed live over
// the orchestrator's event stream, or several runs side by side (compare-view.js). Every request carries the API
// token the user gave (kept in this browser's local storage; a link may hand it over once as #token=..., which is
// then removed; a link whose token differs from the one kept replaces it only when the user says so).
// Addresses: #run=ID[&log=STEP] and #compare=ID,ID[,...].
"use strict";

const TOKEN_KEY = "maskflow.token";

/** A percent-escaped part of the address as text; null when its escapes do not decode (a mangled link). */
const decoded = (text) => {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    return null;
  }
};

const handedToken = decoded((location.hash.match(/[#&]token=([^&]+)/) || [])[1] || "");
if (handedToken) {
  const kept = localStorage.getItem(TOKEN_KEY);
  // a link could otherwise swap this browser's token for another one, and the page would act as its owner
  if (!kept || kept === handedToken || window.confirm("This link carries an API token other than the one this "
      + "browser keeps. Use the link's token from now on? Everything this page does will then be done as that "
      + "token's owner.")) {
    localStorage.setItem(TOKEN_KEY, handedToken);
  }
}
if (location.hash.match(/[#&]token=/)) {
  const rest = location.hash.slice(1).split("&").filter((part) => !part.startsWith("token=")).join("&");
  history.replaceState(null, "", location.pathname + (rest ? "#" + rest : ""));
}

const FINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED", "REJECTED", "PRUNED"]);
/** The runs ticked in the list. */
const picked = new Set();
/** What the detail pane shows: {kind: "run", runId} or {kind: "compare", ids}. */
let view = null;

const hashParam = (name) => {
  const found = location.hash.match(new RegExp(`[#&]${name}=([^&]*)`));
  return found ? decoded(found[1]) ?? "" : "";
};

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
  loadPipelines();
  refreshRuns();
  view = null;
  route();
});

// Artifacts need the token too: pictures are fetched and shown from memory, links download the same way.
async function fetchBlobUrl(href) {
  const response = await fetch(href, authorized());
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

const blobUrls = new Map();
function loadPictures(root) {
  root.querySelectorAll("img[data-src]").forEach(async (img) => {
    try {
      if (!blobUrls.has(img.dataset.src)) blobUrls.set(img.dataset.src, fetchBlobUrl(img.dataset.src));
      img.src = await blobUrls.get(img.dataset.src);
    } catch (e) {
      blobUrls.delete(img.dataset.src);
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

const artifactHref = (runId, stepId, name) => `/runs/${encodeURIComponent(runId)}/artifacts/`
  + `${encodeURIComponent(stepId)}/${encodeURIComponent(name)}`;

/** A step's report.json (its output "report": an evaluation's, a preprocessing's), fetched once per stored object. */
const reports = new Map();
function reportOf(run, stepId) {
  const ref = run.steps[stepId].outputs.report;
  const key = `${ref.bucket}/${ref.key}/${ref.version ?? ""}`;
  if (!reports.has(key)) {
    reports.set(key, fetch(artifactHref(run.runId, stepId, "report"), authorized()).then(async (response) => {
      if (!response.ok) throw new Error(`the report could not be read: HTTP ${response.status}`);
      return response.json();
    }));
    reports.get(key).catch(() => reports.delete(key));
  }
  return reports.get(key);
}

/** The step whose output is the run's report: the evaluation shown and compared. */
function evaluationStep(run) {
  const source = (run.outputSources || {}).report;
  const id = source ? source.substring(0, source.lastIndexOf(".")) : null;
  if (id && run.steps[id]) return id;
  // preprocessing's report is the data set's checks, not an evaluation
  return Object.keys(run.steps).find((s) => run.steps[s].outputs && run.steps[s].outputs.report
    && String(run.steps[s].spec.step).toUpperCase() !== "PREPROCESS") || null;
}

// ---- the run list ----

async function refreshRuns() {
  const rowsBox = document.getElementById("run-rows");
  try {
    const { ok, body } = await getJson("/runs?size=50");
    if (!ok) throw new Error(body.error);
    const shown = view && view.kind === "run" ? [view.runId] : [];
    const rows = body.runs.map((r) => `<tr data-run="${esc(r.runId)}" class="${shown.includes(r.runId)
      ? "selected" : ""}"><td class="pick"><input type="checkbox" data-pick="${esc(r.runId)}" ${picked.has(r.runId)
      ? "checked" : ""} aria-label="compare ${esc(r.runId)}"></td>
      <td class="id" title="${esc(r.runId)} (${esc(r.pipeline)})">${esc(r.runId)}<div class="pipeline">${esc(
        r.pipeline)}</div></td><td><span class="status ${esc(r.status)}">${esc(r.status.toLowerCase())}</span></td>
      <td class="when" title="${esc(time(r.createdAt))}">${esc(shortTime(r.createdAt))}</td></tr>`);
    rowsBox.innerHTML = rows.join("") || `<tr><td colspan="4">no runs yet</td></tr>`;
  } catch (e) {
    rowsBox.innerHTML = `<tr><td colspan="4" class="error">${esc(e)}</td></tr>`;
  }
  showPicked();
}

/** The followed run's state in its row at once, not at the list's next refresh. */
function showInList(run) {
  const chip = document.querySelector(`#run-rows tr[data-run="${CSS.escape(run.runId)}"] .status`);
  if (!chip) return;
  chip.className = "status " + run.status;
  chip.textContent = run.status.toLowerCase();
}

function showPicked() {
  const button = document.getElementById("compare");
  button.disabled = picked.size < 2;
  button.textContent = picked.size < 2 ? "Compare (tick 2 or more)" : `Compare ${picked.size} runs`;
}

document.getElementById("run-rows").addEventListener("change", (event) => {
  const box = event.target.closest("input[data-pick]");
  if (!box) return;
  if (box.checked) picked.add(box.dataset.pick); else picked.delete(box.dataset.pick);
  showPicked();
});

document.getElementById("run-rows").addEventListener("click", (event) => {
  const row = event.target.closest("tr[data-run]");
  if (!row || event.target.closest("td.pick")) return;
  location.hash = "run=" + encodeURIComponent(row.dataset.run);
});

document.getElementById("compare").addEventListener("click", () => {
  location.hash = "compare=" + [...picked].map(encodeURIComponent).join(",");
});

// ---- following one run: the event stream, or polling when there is none ----

let follower = null;

function stopFollowing() {
  if (!follower) return;
  follower.controller.abort();
  clearTimeout(follower.timer);
  follower = null;
}

/** Calls onRun with the run's state now and on every change until it has ended or another run is shown. */
function follow(runId, onRun) {
  stopFollowing();
  const me = { runId, controller: new AbortController(), timer: null, ended: false, status: null };
  follower = me;
  const seen = (run) => {
    if (follower !== me) return;
    me.status = run.status;
    showInList(run);
    onRun(run);
  };
  readEvents(runId, me, seen).catch(() => { /* polled instead */ }).finally(() => {
    if (follower === me && !me.ended && !FINAL.has(me.status)) poll(me, seen);
  });
}

/** Reads GET /runs/{id}/events (text/event-stream) with fetch, as EventSource cannot send the token. */
async function readEvents(runId, me, seen) {
  const response = await fetch(`/runs/${encodeURIComponent(runId)}/events`,
    authorized({ signal: me.controller.signal, headers: { Accept: "text/event-stream" } }));
  if (response.status === 401) askForToken();
  if (!response.ok || !response.body) throw new Error(`no event stream: HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.substring(0, cut);
      buffer = buffer.substring(cut + 2);
      let name = "message";
      const data = [];
      block.split("\n").forEach((line) => {
        if (line.startsWith(":")) return;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.substring(0, colon);
        const text = colon < 0 ? "" : line.substring(colon + 1).replace(/^ /, "");
        if (field === "event") name = text;
        if (field === "data") data.push(text);
      });
      if (name === "run" && data.length) seen(JSON.parse(data.join("\n")));
      if (name === "end") {
        me.ended = true;
        me.controller.abort();
        return;
      }
    }
  }
}

function poll(me, seen) {
  const tick = async () => {
    if (follower !== me) return;
    try {
      const { ok, body } = await getJson(`/runs/${encodeURIComponent(me.runId)}`);
      if (ok) seen(body); else showError(body.error);
      if (ok && FINAL.has(body.status)) return;
    } catch (e) {
      // the orchestrator may be restarting: try again
    }
    if (follower === me) me.timer = setTimeout(tick, 3000);
  };
  tick();
}

function showError(message) {
  document.getElementById("detail").innerHTML = `<p class="error">${esc(message)}</p>`;
}

// ---- routing ----

function route() {
  const compare = hashParam("compare");
  if (compare) {
    const ids = [...new Set(compare.split(",").filter(Boolean))];
    stopFollowing();
    picked.clear();
    ids.forEach((id) => picked.add(id));
    view = { kind: "compare", ids };
    openCompare(ids);
  } else if (hashParam("run")) {
    const runId = hashParam("run"), log = hashParam("log") || null;
    if (view && view.kind === "run" && view.runId === runId) {
      if (log) showLog(runId, log);
      return;
    }
    view = { kind: "run", runId };
    openRun(runId, log);
  } else {
    stopFollowing();
    view = null;
    document.getElementById("detail").innerHTML = `<p class="hint">Choose a run to see its steps, or tick two or
      more and compare them.</p>`;
  }
  refreshRuns();
}

window.addEventListener("hashchange", route);

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
  message.textContent = body.error ? visible(body.error) : "started " + body.runId;
  if (body.runId) location.hash = "run=" + encodeURIComponent(body.runId);
  refreshRuns();
});

function loadPipelines() {
  getJson("/pipelines").then(({ ok, body }) => {
    if (ok) document.getElementById("pipeline").innerHTML = body.map((p) => `<option>${esc(p.name)}</option>`).join("");
  });
}

loadPipelines();
route();
setInterval(refreshRuns, 3000);
