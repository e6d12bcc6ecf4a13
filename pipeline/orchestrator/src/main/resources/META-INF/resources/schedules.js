// Maskflow's "Schedules" section: the recurring runs (GET /schedules), each with pause/resume and delete, and a
// form to create one (POST /schedules). Self-contained: it sends the API token app.js keeps in local storage and
// redraws itself every five seconds.
"use strict";

(() => {
  const section = document.getElementById("schedules");
  if (!section) return;
  const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "–");

  section.innerHTML = `
    <h2>Schedules</h2>
    <table>
      <thead><tr><th>Name</th><th>Pipeline</th><th>Cron</th><th>State</th><th>Next</th><th>Last run</th>
        <th></th></tr></thead>
      <tbody id="schedule-rows"><tr><td colspan="7">loading…</td></tr></tbody>
    </table>
    <form id="schedule-create" style="display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px">
      <input id="schedule-name" placeholder="name, e.g. nightly" aria-label="schedule name" required>
      <select id="schedule-pipeline" aria-label="schedule pipeline"></select>
      <input id="schedule-cron" placeholder="cron, e.g. 0 0 2 * * ?" aria-label="cron expression" required>
      <input id="schedule-zone" placeholder="time zone (UTC)" aria-label="time zone" size="12">
      <input id="schedule-params" placeholder='parameters as JSON, e.g. {"epochs": 2}' aria-label="schedule parameters">
      <button type="submit">Create schedule</button>
      <span id="schedule-message" role="status"></span>
    </form>
    <p class="hint">Cron: Quartz (6–7 fields, seconds first, <code>?</code> in day-of-month or day-of-week) or Unix
      (5 fields). One run per slot; after a time with no orchestrator up, one catch-up run.</p>`;

  async function call(method, url, body) {
    const headers = { Accept: "application/json" };
    const token = localStorage.getItem("maskflow.token");
    if (token) headers.Authorization = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: text ? JSON.parse(text) : null };
  }

  const message = (text, bad) => {
    const span = document.getElementById("schedule-message");
    span.textContent = visible(text);
    span.className = bad ? "error" : "hint";
  };

  async function refresh() {
    const rows = document.getElementById("schedule-rows");
    let answer;
    try {
      answer = await call("GET", "/schedules");
    } catch (e) {
      return;
    }
    if (!answer.ok) {
      rows.innerHTML = `<tr><td colspan="7" class="error">${esc(answer.body && answer.body.error)}</td></tr>`;
      return;
    }
    rows.innerHTML = answer.body.length === 0 ? '<tr><td colspan="7" class="hint">no schedules</td></tr>'
      : answer.body.map((s) => `<tr data-name="${esc(s.name)}">
          <td>${esc(s.name)}</td><td>${esc(s.pipeline)}</td>
          <td><code>${esc(s.cron)}</code>${s.timeZone === "UTC" ? "" : " " + esc(s.timeZone)}</td>
          <td><span class="status ${s.paused ? "cancelled" : "succeeded"}">${s.paused ? "paused" : "active"}</span></td>
          <td>${when(s.nextFireTimes[0])}</td>
          <td>${s.lastRunId ? `<a href="#run=${encodeURIComponent(s.lastRunId)}" data-run>${esc(s.lastRunId)}</a>` : "–"}</td>
          <td><button data-action="${s.paused ? "resume" : "pause"}">${s.paused ? "Resume" : "Pause"}</button>
            <button data-action="delete">Delete</button></td></tr>`).join("");
  }

  document.getElementById("schedule-rows").addEventListener("click", async (event) => {
    if (event.target.dataset && "run" in event.target.dataset) {
      // the run list reads the selected run from the address when the page loads
      event.preventDefault();
      location.hash = event.target.getAttribute("href").substring(1);
      location.reload();
      return;
    }
    const action = event.target.dataset && event.target.dataset.action;
    if (!action) return;
    event.stopPropagation();
    const name = event.target.closest("tr").dataset.name;
    if (action === "delete" && !confirm(`Delete schedule ${name}? Its runs stay.`)) return;
    const path = `/schedules/${encodeURIComponent(name)}`;
    const answer = action === "delete" ? await call("DELETE", path) : await call("POST", `${path}/${action}`);
    message(answer.ok ? `${name}: ${action === "delete" ? "deleted" : action + "d"}`
      : `${name}: ${answer.body && answer.body.error}`, !answer.ok);
    refresh();
  });

  document.getElementById("schedule-create").addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => document.getElementById(id).value.trim();
    let parameters = {};
    try {
      parameters = value("schedule-params") ? JSON.parse(value("schedule-params")) : {};
    } catch (e) {
      message("parameters are not JSON: " + e.message, true);
      return;
    }
    const body = { name: value("schedule-name"), pipeline: value("schedule-pipeline"), cron: value("schedule-cron"),
      parameters };
    if (value("schedule-zone")) body.timeZone = value("schedule-zone");
    const answer = await call("POST", "/schedules", body);
    message(answer.ok ? `schedule ${answer.body.name} created; next: ${when(answer.body.nextFireTimes[0])}`
      : answer.body && answer.body.error, !answer.ok);
    if (answer.ok) event.target.reset();
    refresh();
  });

  call("GET", "/pipelines").then((answer) => {
    if (!answer.ok) return;
    document.getElementById("schedule-pipeline").innerHTML = answer.body
      .map((p) => `<option>${esc(p.name)}</option>`).join("");
  }).catch(() => {});
  refresh();
  setInterval(refresh, 5000);
})();
