// CEMS panel: the stacks' live CO2 mass rate (DESIGN formula 5 on the latest cems.* values), today's direct tCO2
// (GET /enterprises/{id}/stacks/today) and both scopes per day (carbon_daily: method cems = scope 1, grid = scope 2).
// Uses get/fmt/esc/state/$ of app.js; adds its own section only when the site has a CEMS stack.
"use strict";

const co2DensityKgPerM3 = 1.9768; // DESIGN formula 5

function stackKgPerHour(points) {
  const v = (name) => points[name]?.quality === "good" ? points[name].value : null;
  const co2 = v("cems.co2");
  let qsn = v("cems.flow.std_dry");
  if (qsn == null && [v("cems.flow"), v("cems.temperature"), v("cems.pressure"), v("cems.humidity")].every((x) => x != null)) {
    qsn = v("cems.flow") * 273.15 / (273.15 + v("cems.temperature")) * (101.325 + v("cems.pressure")) / 101.325 * (1 - v("cems.humidity") / 100);
  }
  return co2 == null || qsn == null ? null : co2 / 100 * qsn * co2DensityKgPerM3;
}

function cemsSection() {
  let section = $("cems");
  if (section) return section;
  section = document.createElement("section");
  section.id = "cems";
  section.innerHTML = `<h2>Stack CO2 (direct measurement, scope 1)</h2>
    <div class="cards">
      <div class="card"><div class="label">Stack CO2 now</div><div class="value"><span id="stack-kgh">—</span> <small>kg/h</small></div>
        <div class="hint" id="stack-names"></div></div>
      <div class="card"><div class="label">Today's direct emissions so far</div><div class="value"><span id="stack-today-tco2">—</span> <small>tCO2</small></div>
        <div class="hint">scope 1, CEMS (formula 5)</div></div>
    </div>
    <table id="scopes">
      <thead><tr><th>Day</th><th class="num">Scope 1 tCO2 (CEMS)</th><th class="num">Scope 2 tCO2 (grid)</th></tr></thead>
      <tbody></tbody>
    </table>`;
  document.querySelector("main").insertBefore(section, $("error"));
  return section;
}

async function refreshCems() {
  if (!state.site) return;
  try {
    const [live, today, daily] = await Promise.all([
      get(`/sites/${state.site}/live`), get(`/enterprises/${state.enterprise}/stacks/today`), get(`/enterprises/${state.enterprise}/emissions/daily`)]);
    const stacks = live.devices.map((d) => ({ id: d.id, kgh: stackKgPerHour(d.points) })).filter((s) => s.kgh != null);
    if (stacks.length === 0 && today.stacks.length === 0) return;
    cemsSection();
    $("stack-kgh").textContent = fmt(stacks.reduce((sum, s) => sum + s.kgh, 0), 1);
    $("stack-names").textContent = stacks.map((s) => `${s.id}: ${fmt(s.kgh, 1)} kg/h`).join(" · ");
    $("stack-today-tco2").textContent = fmt(today.tco2, 3);
    const byDay = new Map();
    for (const d of daily.days) {
      const row = byDay.get(d.day) ?? {};
      if (d.method === "cems") row.scope1 = d.tco2;
      if (d.method === "grid") row.scope2 = d.tco2;
      byDay.set(d.day, row);
    }
    $("scopes").tBodies[0].replaceChildren(...[...byDay.entries()].map(([day, row]) => {
      const tr = document.createElement("tr");
      tr.dataset.day = day;
      tr.innerHTML = `<td>${esc(day)}</td><td class="num" data-scope="1">${fmt(row.scope1, 3)}</td><td class="num" data-scope="2">${fmt(row.scope2, 3)}</td>`;
      return tr;
    }));
  } catch (error) { showError(error); }
}

setInterval(refreshCems, 5000);
setTimeout(refreshCems, 500);
