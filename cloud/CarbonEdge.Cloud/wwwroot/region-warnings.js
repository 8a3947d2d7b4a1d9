// Region view: the active carbon warnings of the region and below (T/ZJSEE energy-power monitoring guide §6.3.1.5:
// budgets and targets of regions and enterprises, intensity of key enterprises). GET /api/v1/warnings?region=CODE,
// already limited to what the caller may see. Chinese and English, as region.js.
"use strict";
(() => {
  const TEXT = {
    zh: { heading: "碳预警（本地区及下级）", subject: "对象", period: "期间", rule: "规则", value: "数值", limit: "限值", none: "无有效预警",
      rules: { forecast_exceeds: "预测超出预算", intensity_above_target: "强度超过目标" }, used: (p) => `已用 ≥ ${p} %`,
      subjects: { enterprise: "企业", region: "地区" } },
    en: { heading: "Carbon warnings (region and below)", subject: "Subject", period: "Period", rule: "Rule", value: "Value", limit: "Limit", none: "no active warnings",
      rules: { forecast_exceeds: "forecast exceeds budget", intensity_above_target: "intensity above target" }, used: (p) => `used ≥ ${p} %`,
      subjects: { enterprise: "enterprise", region: "region" } },
  };
  const params = new URLSearchParams(location.search);
  const lang = params.get("lang") === "en" ? "en" : "zh";
  const t = TEXT[lang];
  const region = params.get("region") || "320000";
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  const num = (v) => Number(v).toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 4 });
  const rule = (r) => r.startsWith("used_") ? t.used(r.slice(5)) : (t.rules[r] ?? r);
  const unit = (w) => w.rule === "intensity_above_target" ? `${w.quantity === "tce" ? "tce" : "tCO2"}/10⁴ CNY` : (w.quantity === "tce" ? "tce" : "tCO2");

  async function load() {
    const section = document.querySelector("#region-warnings");
    section.querySelector("h2").textContent = t.heading;
    section.querySelector("thead").innerHTML = `<tr><th>${t.subject}</th><th>${t.period}</th><th>${t.rule}</th><th class="num">${t.value}</th><th class="num">${t.limit}</th></tr>`;
    const r = await fetch(`/api/v1/warnings?region=${encodeURIComponent(region)}`);
    if (!r.ok) { section.querySelector("tbody").innerHTML = `<tr><td colspan="5" class="met-no">${esc(`/api/v1/warnings: ${r.status}`)}</td></tr>`; return; }
    const warnings = await r.json();
    section.querySelector("tbody").innerHTML = warnings.length === 0 ? `<tr><td colspan="5">${t.none}</td></tr>` : warnings.map((w) =>
      `<tr data-warning="${esc(w.id)}" title="${esc(w.message)}"><td>${esc(t.subjects[w.subject] ?? w.subject)} ${esc(w.subjectId)}</td><td>${esc(w.period)}</td>` +
      `<td class="met-no">${esc(rule(w.rule))}</td><td class="num">${num(w.value)} ${unit(w)}</td><td class="num">${num(w.limit)} ${unit(w)}</td></tr>`).join("");
  }

  load();
})();
