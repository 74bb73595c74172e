-- wrk script of serve-bench.sh: prints one machine-readable line at the end of a run.
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local torn, checked, versions = 0, 0, 0
  for _, t in ipairs(threads) do
    torn = torn + (t:get("torn") or 0)
    checked = checked + (t:get("checked") or 0)
    versions = math.max(versions, t:get("versions") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50ms=%.2f p99ms=%.2f bytes=%d errors=%d checked=%d torn=%d"
      .. " versions=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0,
    e.connect + e.read + e.write + e.status + e.timeout, checked, torn, versions))
end
