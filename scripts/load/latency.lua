-- wrk done hook: one machine-readable line with requests/s, mean, p95 and p99 latency (ms), non-2xx and socket errors.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.1f %.1f %.1f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency.mean / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
