// CarbonEdge account panel: budget position (bar with allocation line and forecast), carbon-efficiency grade,
// active warnings, the month's report, and each meter's kW over the last hours. Uses app.js's state, get, fmt, esc, $.
"use strict";

const accountPanel = {
  colors: ["#1f7a4d", "#2b6cb0", "#b5651d", "#6b46c1", "#b3261e", "#2c7a7b"],

  barSvg(label, position, unit) {
    const width = 640, height = 46, pad = 4;
    const max = Math.max(position.allocation, position.used, position.forecast) * 1.05 || 1;
    const x = (v) => pad + (v / max) * (width - 2 * pad);
    const over = position.used >= position.allocation ? " over" : position.usedPercent >= 80 ? " near" : "";
    return `<div class="budget-row" data-period="${esc(position.period)}">
      <div class="budget-label"><strong>${esc(label)} ${esc(position.period)}</strong>:
        <span class="used">${fmt(position.used, 3)}</span> of ${fmt(position.allocation, 3)} ${unit}
        (<span class="used-percent">${fmt(position.usedPercent, 1)} %</span>) · forecast ${fmt(position.forecast, 3)} ${unit} (${fmt(position.forecastPercent, 1)} %)</div>
      <svg viewBox="0 0 ${width} ${height}" class="budget-bar" role="img" aria-label="${esc(label)} used against allocation">
        <rect class="alloc" x="${pad}" y="10" width="${x(position.allocation) - pad}" height="22"></rect>
        <rect class="forecast" x="${pad}" y="16" width="${x(position.forecast) - pad}" height="10"></rect>
        <rect class="used${over}" x="${pad}" y="10" width="${x(position.used) - pad}" height="22"></rect>
        <line class="alloc-line" x1="${x(position.allocationToDate)}" x2="${x(position.allocationToDate)}" y1="4" y2="40"><title>allocation to ${esc(position.through)}: ${fmt(position.allocationToDate, 3)}</title></line>
        <line class="forecast-line" x1="${x(position.forecast)}" x2="${x(position.forecast)}" y1="6" y2="38"><title>forecast ${fmt(position.forecast, 3)}</title></line>
      </svg></div>`;
  },

  render(account) {
    const budgets = account.budgets.filter((b) => b.quantity === "tco2").concat(account.budgets.filter((b) => b.quantity !== "tco2"));
    $("account-budget").innerHTML = budgets.length === 0 ? `<p class="hint">No budget set for ${account.today.slice(0, 4)}.</p>` :
      budgets.map((b) => {
        const unit = b.quantity === "tco2" ? "tCO2" : "tce";
        return accountPanel.barSvg("Month to date", b.month, unit) + accountPanel.barSvg("Year to date", b.yearToDate, unit) +
          `<p class="hint">${unit} budget ${fmt(b.total, 1)} for ${b.year}, allocated ${esc(b.allocation)}; forecast: ${esc(b.forecastMethod)}.</p>`;
      }).join("");
    const grade = account.grades[0];
    $("account-grade").innerHTML = grade.available
      ? `<div class="grade grade-${grade.grade}"><span id="grade-value">${grade.grade}</span></div>
         <div><strong>Carbon-efficiency grade ${esc(grade.period)}</strong> (${esc(grade.level ?? "")})<br>
         ${fmt(grade.values.tco2Per10kCny, 3)} tCO2 per 10<sup>4</sup> CNY · industry ${esc(grade.industry)} in ${esc(grade.region)}: ${fmt(grade.industryAverage.tco2Per10kCny, 3)}
         · K ${fmt(grade.k, 2)}<br><small>${fmt(grade.values.tcePer10kCny, 3)} tce per 10<sup>4</sup> CNY · ${fmt(grade.values.tco2PerTce, 2)} tCO2/tce · ${esc(grade.scheme)}</small></div>`
      : `<div><strong>Carbon-efficiency grade ${esc(grade.period)}</strong>: not available — ${esc(grade.reason ?? "")}</div>`;
    $("account-warnings").innerHTML = account.warnings.length === 0 ? `<p class="hint">No active warnings.</p>` :
      `<ul>${account.warnings.map((w) => `<li class="warning" data-warning="${esc(w.id)}"><strong>${esc(w.rule)}</strong> ${esc(w.message)}</li>`).join("")}</ul>`;
    const base = account.reportUrl.split("?")[0];
    $("account-report").innerHTML = `Monthly report ${esc(account.reportMonth)}: <a id="report-link" href="${esc(account.reportUrl)}">HTML</a> ·
      <a href="${esc(base)}?format=csv">CSV</a> · <a href="${esc(base)}?format=pdf">PDF</a>`;
  },

  renderPower(history) {
    const svg = $("power-chart"), width = 700, height = 200, pad = 30;
    const all = history.meters.flatMap((m) => m.points);
    if (all.length === 0) { svg.innerHTML = `<text x="20" y="100">No power readings in the last ${history.hours} h.</text>`; return; }
    const t0 = Date.now() - history.hours * 3600e3, t1 = Date.now();
    const max = Math.max(...all.map((p) => p.kw), 0.001);
    const x = (ts) => pad + ((Date.parse(ts) - t0) / (t1 - t0)) * (width - 2 * pad);
    const y = (kw) => height - pad - (kw / max) * (height - 2 * pad);
    const color = (i) => accountPanel.colors[i % accountPanel.colors.length];
    svg.innerHTML = history.meters.map((m, i) => `<polyline class="power-line" style="stroke:${color(i)}" data-device="${esc(m.device)}"
        points="${m.points.map((p) => `${x(p.ts).toFixed(1)},${y(p.kw).toFixed(1)}`).join(" ")}"><title>${esc(m.device)}</title></polyline>
        ${m.points.length ? `<circle style="fill:${color(i)}" r="3" cx="${x(m.points.at(-1).ts).toFixed(1)}" cy="${y(m.points.at(-1).kw).toFixed(1)}"><title>${esc(m.device)} ${fmt(m.points.at(-1).kw, 2)} kW</title></circle>` : ""}
        <text class="legend" style="fill:${color(i)}" x="${pad + i * 110}" y="14">${esc(m.device)} ${fmt(m.points.at(-1)?.kw, 1)} kW</text>`).join("") +
      `<text x="${pad}" y="${height - 8}">-${history.hours} h</text><text x="${width - pad}" y="${height - 8}" text-anchor="end">now</text>
       <text x="2" y="${pad}">${fmt(max, 0)} kW</text>`;
  },

  async refresh() {
    if (!state.enterprise) { setTimeout(accountPanel.refresh, 500); return; }
    try {
      const [account, power] = await Promise.all([get(`/enterprises/${state.enterprise}/account`), get(`/sites/${state.site}/power?hours=6`)]);
      accountPanel.render(account);
      accountPanel.renderPower(power);
    } catch (error) { showError(error); }
  },
};

accountPanel.refresh();
setInterval(accountPanel.refresh, 30000);
