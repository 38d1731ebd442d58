-- wrk done() hook: one machine-readable "BENCH k=v ..." line at the end (the
-- same line as ../shared/bench/tools/report.lua). No request()/response()
-- hooks, so wrk keeps its fast non-Lua request path for the GET routes.
-- post.lua and patch.lua load this file for their own summary line.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
