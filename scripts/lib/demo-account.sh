# Sourced by scripts/demo.sh once the past days are estimated: the enterprise carbon account of the demo enterprise.
# Sets the month's value added (CSV upload), a tCO2 budget whose month allocation puts the month to date at 90 %
# (so the 80 % warning is raised), waits for the warning, and writes the month's report (html, csv, pdf).
# Needs: API (http://127.0.0.1:PORT/api/v1), ENTERPRISE, RUN, BIN.

account="$API/enterprises/$ENTERPRISE/account"
json_first() { grep -o "\"$1\":\"\?[^,\"}]*" | head -1 | sed 's/.*:"\?//'; }

say "account: the month's value added, uploaded as CSV"
status=$(curl -sf -H "X-Api-Key: $ADMIN_KEY" "$account") || die "no account for $ENTERPRISE (see .run/logs/cloud.log)"
through=$(json_first through <<<"$status"); used=$(json_first monthTco2 <<<"$status"); month=${through:0:7}; year=${through:0:4}
printf 'enterprise,month,value_added_10k_cny,output,output_unit\n%s,%s,85.5,1200,t\n' "$ENTERPRISE" "$month" >"$RUN/cloud/economics.csv"
curl -sf -H "X-Api-Key: $ADMIN_KEY" -X POST "$API/economics/csv?file=economics.csv" -H 'Content-Type: text/csv' --data-binary @"$RUN/cloud/economics.csv" >/dev/null \
  || die "economics upload refused"

say "account: a $year tCO2 budget with $month allocated so that its $(printf '%.3f' "$used") tCO2 so far are 90 %"
months=$(awk -v m="${month:5:2}" -v u="$used" 'BEGIN { for (i = 1; i <= 12; i++) printf "%s%.6f", (i > 1 ? "," : ""), (i == m + 0 ? u / 0.9 : 400) }')
total=$(awk -v s="$months" 'BEGIN { n = split(s, a, ","); t = 0; for (i = 1; i <= n; i++) t += a[i]; printf "%.6f", t }')
curl -sf -H "X-Api-Key: $ADMIN_KEY" -X PUT "$API/enterprises/$ENTERPRISE/budgets/$year" -H 'Content-Type: application/json' \
  -d "{\"quantity\":\"tco2\",\"total\":$total,\"allocation\":\"manual\",\"months\":[$months]}" >/dev/null || die "budget refused"
wait_for "the 80 % warning" 60 bash -c "curl -sf -H 'X-Api-Key: $ADMIN_KEY' '$API/warnings' | grep -q ':$month:used_80'"

say "account: the $month report"
"$BIN/cedge-cloud" report --enterprise "$ENTERPRISE" --month "$month" --out "$RUN/reports" --config "$RUN/cloud/cedge-cloud.json" \
  >"$RUN/logs/report.log" 2>&1 || die "report failed (see .run/logs/report.log)"
if [ -f "$RUN/reports/report-$ENTERPRISE-$month.pdf" ]; then
  [ "$(head -c 4 "$RUN/reports/report-$ENTERPRISE-$month.pdf")" = "%PDF" ] || die "the report PDF does not start with %PDF"
fi
grade=$(curl -sf -H "X-Api-Key: $ADMIN_KEY" "$account" | grep -o '"grade":[0-9]*' | head -1 | cut -d: -f2)
ACCOUNT_TEXT="    account     month $month at 90 % of its tCO2 allocation, 80 % warning raised; efficiency grade ${grade:-n/a} (value added 85.5 x 10^4 CNY)
    report      .run/reports/report-$ENTERPRISE-$month.{html,csv,pdf}  ($API/enterprises/$ENTERPRISE/reports/$month?format=pdf)"
