// Regulator's region view (T/CES carbon statistics §5-§7): emissions by domain (stacked), by industry, enterprise
// rankings by tCO2 and intensity, and the consistency status (Table 1 indicators). Chinese and English.
"use strict";
(() => {
  const DOMAINS = ["energy", "industry", "building", "transport", "agriculture", "household"];
  const COLORS = { energy: "#1f7a4d", industry: "#b5651d", building: "#3a6ea5", transport: "#8e44ad", agriculture: "#7f8c2d", household: "#c0392b" };
  const TEXT = {
    zh: {
      title: "区域碳排放核算", region: "地区", regionInput: "地区代码", periodInput: "期间", show: "查看", otherLanguage: "English", plant: "企业看板",
      byDomain: "分领域碳排放（tCO2，堆叠）", byIndustry: "分领域、分行业", consistency: "一致性校验（表1 指标）", rankTco2: "企业排名：碳排放量",
      rankIntensity: "企业排名：碳排放强度", domain: "领域", industry: "行业", consistent: "一致", indicator: "指标", value: "数值", target: "目标值",
      met: "达标", enterprise: "企业", yes: "是", no: "否", checks: (n, f) => `汇总校验 ${n} 项，未通过 ${f} 项`, none: "暂无数据",
      domains: { energy: "能源", industry: "工业", building: "建筑", transport: "交通", agriculture: "农业", household: "居民生活" },
      indicators: { consistency_rate: "数据一致性率", correction_rate: "数据修正率", anomaly_rate: "异常数据率", validation_success_rate: "数据校验成功率", timeliness: "数据更新及时性" },
    },
    en: {
      title: "Regional carbon accounting", region: "Region", regionInput: "Region code", periodInput: "Period", show: "Show", otherLanguage: "中文", plant: "Plant dashboard",
      byDomain: "Emissions by domain (tCO2, stacked)", byIndustry: "By domain and industry", consistency: "Consistency (Table 1 indicators)", rankTco2: "Enterprises by tCO2",
      rankIntensity: "Enterprises by intensity", domain: "Domain", industry: "Industry", consistent: "Consistent", indicator: "Indicator", value: "Value", target: "Target",
      met: "Met", enterprise: "Enterprise", yes: "yes", no: "no", checks: (n, f) => `${n} roll-up checks, ${f} failed`, none: "no data",
      domains: { energy: "Energy", industry: "Industry", building: "Buildings", transport: "Transport", agriculture: "Agriculture", household: "Households" },
      indicators: { consistency_rate: "Consistency rate", correction_rate: "Correction rate", anomaly_rate: "Anomaly rate", validation_success_rate: "Validation success rate", timeliness: "Timeliness" },
    },
  };
  const params = new URLSearchParams(location.search);
  const lang = params.get("lang") === "en" ? "en" : "zh";
  const t = TEXT[lang];
  const region = params.get("region") || "320000";
  const period = params.get("period") || String(new Date().getFullYear());
  const $ = (s) => document.querySelector(s);
  const fmt = (v, d) => v == null ? "—" : Number(v).toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  const get = async (path) => {
    const r = await fetch(path);
    if (r.status === 401) { location.href = "/"; throw new Error("sign in first"); } // the sign-in page is the dashboard's
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r.json();
  };

  // The sub-periods of the period shown: months of a year or quarter, days of a month.
  function range(p) {
    if (/^\d{4}$/.test(p)) return { kind: "month", from: `${p}-01`, to: `${p}-12`, days: [`${p}-01-01`, `${p}-12-31`] };
    const q = /^(\d{4})-Q([1-4])$/.exec(p);
    if (q) { const m = (q[2] - 1) * 3 + 1, pad = (n) => String(n).padStart(2, "0"), end = new Date(Date.UTC(+q[1], m + 2, 0)).getUTCDate();
      return { kind: "month", from: `${q[1]}-${pad(m)}`, to: `${q[1]}-${pad(m + 2)}`, days: [`${q[1]}-${pad(m)}-01`, `${q[1]}-${pad(m + 2)}-${end}`] }; }
    const [y, mo] = p.split("-").map(Number), end = new Date(Date.UTC(y, mo, 0)).getUTCDate(), first = `${p}-01`, last = `${p}-${String(end).padStart(2, "0")}`;
    return { kind: "day", from: first, to: last, days: [first, last] };
  }

  function chart(series) {
    const svg = $("#domain-chart"), W = 760, H = 260, L = 56, B = 28, T = 10;
    const labels = [...new Set(series.flatMap((s) => s.periods.map((p) => p.period)))].sort();
    const totals = labels.map((l) => series.reduce((a, s) => a + (s.periods.find((p) => p.period === l)?.tco2 ?? 0), 0));
    const max = Math.max(1e-9, ...totals), bw = labels.length ? (W - L - 10) / labels.length : 0;
    let out = `<text x="4" y="${T + 8}">${fmt(max, 1)}</text><text x="4" y="${H - B}">0</text>`;
    labels.forEach((label, i) => {
      let y = H - B;
      for (const s of series) {
        const v = s.periods.find((p) => p.period === label)?.tco2 ?? 0, h = v / max * (H - B - T);
        if (h > 0) out += `<rect class="seg" data-domain="${s.domain}" x="${L + i * bw + 1}" y="${y - h}" width="${Math.max(1, bw - 2)}" height="${h}" fill="${COLORS[s.domain]}"><title>${esc(t.domains[s.domain])} ${label}: ${fmt(v, 3)} tCO2</title></rect>`;
        y -= h;
      }
      if (labels.length <= 12 || i % 5 === 0) out += `<text x="${L + i * bw + 2}" y="${H - 10}">${label.slice(5) || label}</text>`;
    });
    svg.innerHTML = labels.length ? out : `<text x="${W / 2 - 30}" y="${H / 2}">${t.none}</text>`;
    $("#domain-legend").innerHTML = series.filter((s) => s.periods.length).map((s) => `<span><i style="background:${COLORS[s.domain]}"></i>${esc(t.domains[s.domain])}</span>`).join("");
  }

  async function load() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t[e.dataset.i18n]; });
    document.title = `CarbonEdge — ${t.title}`;
    $("#region-code").textContent = region; $("#period-label").textContent = period;
    $("#region-input").value = region; $("#period-input").value = period;
    const r = range(period);
    try {
      const series = await Promise.all(DOMAINS.map((d) => get(`/api/v1/regions/${region}/domains/${d}/emissions/${r.kind}?from=${r.from}&to=${r.to}`)
        .then((a) => ({ domain: d, periods: a.periods }))));
      chart(series);
      const breakdown = await get(`/api/v1/regions/${region}/breakdown?period=${period}`);
      $("#breakdown tbody").innerHTML = breakdown.rows.map((row) => `<tr data-domain="${esc(row.domain)}" data-industry="${esc(row.industry ?? "")}"><td>${esc(t.domains[row.domain] ?? row.domain)}</td><td>${esc(row.industry ?? "—")}</td>` +
        `<td class="num">${fmt(row.tco2, 3)}</td><td class="num">${fmt(row.tce, 3)}</td><td>${row.consistent ? t.yes : `<span class="met-no">${t.no}</span>`}</td></tr>`).join("");
      const ranking = await get(`/api/v1/regions/${region}/enterprises/ranking?from=${r.days[0]}&to=${r.days[1]}`);
      $("#rank-tco2 tbody").innerHTML = ranking.enterprises.map((e, i) => `<tr data-enterprise="${esc(e.enterprise)}"><td>${i + 1}</td><td>${esc(e.enterprise)}</td><td>${esc(e.industry)}</td><td class="num">${fmt(e.tco2, 3)}</td><td class="num">${fmt(e.mwh, 3)}</td></tr>`).join("");
      const byIntensity = ranking.enterprises.filter((e) => e.intensity != null).sort((a, b) => b.intensity - a.intensity);
      $("#rank-intensity tbody").innerHTML = byIntensity.map((e, i) => `<tr data-enterprise="${esc(e.enterprise)}"><td>${i + 1}</td><td>${esc(e.enterprise)}</td><td>${esc(e.industry)}</td><td class="num">${fmt(e.intensity, 4)}</td></tr>`).join("");
      const ind = await fetch(`/api/v1/regions/${region}/indicators`);
      if (ind.ok) {
        const x = await ind.json();
        $("#indicators tbody").innerHTML = x.indicators.map((i) => `<tr data-indicator="${i.name}"><td>${esc(t.indicators[i.name] ?? i.name)}</td><td class="num">${i.value == null ? "—" : fmt(i.value * 100, 2) + " %"}</td>` +
          `<td>${i.rule} ${fmt(i.target * 100, 0)} %</td><td class="${i.met ? "met-yes" : "met-no"}">${i.met ? t.yes : t.no}</td></tr>`).join("");
        $("#checks").textContent = t.checks(x.checks, x.checksFailed);
      }
      $("#error").hidden = true;
    } catch (e) {
      $("#error").hidden = false; $("#error").textContent = String(e);
    }
  }

  $("#go").addEventListener("click", () => { location.search = `?region=${encodeURIComponent($("#region-input").value)}&period=${encodeURIComponent($("#period-input").value)}&lang=${lang}`; });
  $("#lang").addEventListener("click", () => { params.set("lang", lang === "zh" ? "en" : "zh"); location.search = params.toString(); });
  load();
})();
