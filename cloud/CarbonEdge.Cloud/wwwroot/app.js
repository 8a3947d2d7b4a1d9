// CarbonEdge plant dashboard: polls the REST API (live every 5 s, emissions every 30 s) and renders without libraries.
"use strict";

const api = "/api/v1";
const state = { site: null, enterprise: null };
const $ = (id) => document.getElementById(id);
const fmt = (value, digits) => value == null ? "—" : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const time = (iso) => new Date(iso).toLocaleTimeString("en-GB");
const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function get(path) {
  const response = await fetch(api + path, { headers: { Accept: "application/json" } });
  if (response.status === 401) location.reload(); // the session ended: back to the sign-in form
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function showError(error) {
  $("error").hidden = false;
  $("error").textContent = `Cannot reach the CarbonEdge API (${error.message}); retrying.`;
}

async function loadSites() {
  const sites = await get("/sites");
  const wanted = new URLSearchParams(location.search).get("site");
  const select = $("site-select");
  select.replaceChildren(...sites.map((s) => new Option(`${s.name} (${s.id})`, s.id)));
  const site = sites.find((s) => s.id === wanted) ?? sites[0];
  if (!site) throw new Error("no sites in the registry");
  select.value = site.id;
  select.onchange = () => { location.search = `?site=${encodeURIComponent(select.value)}`; };
  state.site = site.id;
  state.enterprise = site.enterprise.id;
  $("site-name").textContent = site.name;
  $("enterprise-name").textContent = `${site.enterprise.name} · region ${site.enterprise.region} · industry ${site.enterprise.industry}`;
}

function renderLive(live) {
  $("total-kw").textContent = fmt(live.totalKw, 1);
  const rows = live.devices.map((device) => {
    const p = device.points;
    const v = (name, digits) => fmt(p[name]?.value, digits);
    const latest = Object.values(p).sort((a, b) => b.ts.localeCompare(a.ts))[0];
    const quality = p["power.active"]?.quality ?? latest?.quality ?? "none";
    const tr = document.createElement("tr");
    tr.dataset.device = device.id;
    tr.innerHTML = `<td><strong>${esc(device.name)}</strong><br><small>${esc(device.id)}</small></td>
      <td class="num" data-point="power.active">${v("power.active", 2)}</td>
      <td class="num" data-point="energy.active.import">${v("energy.active.import", 2)}</td>
      <td class="num">${v("voltage.a", 1)} / ${v("voltage.b", 1)} / ${v("voltage.c", 1)}</td>
      <td class="num">${v("power.factor", 3)}</td>
      <td>${latest ? time(latest.ts) : "—"}</td>
      <td class="quality-${esc(quality)}">${esc(quality)}</td>`;
    return tr;
  });
  $("meters").tBodies[0].replaceChildren(...rows);
  $("gateways").replaceChildren(...live.gateways.map((g) => {
    const span = document.createElement("span");
    span.className = g.state;
    span.title = `since ${g.since}, ${g.buffered} readings buffered, version ${g.version}`;
    span.textContent = `${g.id}: ${g.state}`;
    return span;
  }));
  $("updated").textContent = time(live.asOf);
}

function renderToday(today) {
  $("today-kwh").textContent = fmt(today.kwh, 1);
  $("today-tco2").textContent = fmt(today.tco2, 3);
  $("today-completeness").textContent = `${fmt(today.completeness * 100, 1)} %`;
}

function renderDaily(daily) {
  const days = daily.days.filter((d) => d.method === "grid");
  $("daily-range").textContent = `${daily.from} to ${daily.to} (${daily.zone})`;
  $("daily").tBodies[0].replaceChildren(...days.map((d) => {
    const tr = document.createElement("tr");
    tr.dataset.day = d.day;
    tr.innerHTML = `<td>${d.day}</td><td class="num">${fmt(d.kwh, 1)}</td><td class="num" data-field="tco2">${fmt(d.tco2, 3)}</td>
      <td class="num">${fmt(d.completeness * 100, 1)} %</td><td>${d.estimated ? "yes" : "no"}</td>`;
    return tr;
  }));
  const chart = $("daily-chart");
  const max = Math.max(...days.map((d) => d.tco2), 0.001);
  const width = 700, height = 220, pad = 28, step = (width - 2 * pad) / Math.max(days.length, 1);
  chart.innerHTML = days.map((d, i) => {
    const h = (d.tco2 / max) * (height - 2 * pad);
    const x = pad + i * step + step * 0.15, y = height - pad - h;
    return `<rect class="bar${d.estimated ? " estimated" : ""}" x="${x}" y="${y}" width="${step * 0.7}" height="${h}"><title>${d.day}: ${fmt(d.tco2, 3)} tCO2</title></rect>
      <text x="${x + step * 0.35}" y="${height - 10}" text-anchor="middle">${d.day.slice(5)}</text>
      <text x="${x + step * 0.35}" y="${y - 4}" text-anchor="middle">${fmt(d.tco2, 2)}</text>`;
  }).join("");
  const factors = Object.values(daily.factors);
  $("factor").textContent = factors.length === 0 ? "No daily results yet." :
    factors.map((f) => `Grid emission factor ${f.value} ${f.unit} (${f.version}, ${f.status}): ${f.document}${f.clause ? ", " + f.clause : ""}.`).join(" ");
}

async function refreshLive() {
  try {
    const [live, today] = await Promise.all([get(`/sites/${state.site}/live`), get(`/enterprises/${state.enterprise}/emissions/today`)]);
    renderLive(live);
    renderToday(today);
    $("error").hidden = true;
  } catch (error) { showError(error); }
}

async function refreshDaily() {
  try { renderDaily(await get(`/enterprises/${state.enterprise}/emissions/daily`)); } catch (error) { showError(error); }
}

async function start() {
  await cedgeAuth.ensure();
  try { await loadSites(); } catch (error) { showError(error); setTimeout(start, 5000); return; }
  await Promise.all([refreshLive(), refreshDaily()]);
  setInterval(refreshLive, 5000);
  setInterval(refreshDaily, 30000);
}

start();
