-- Shared by the three request mixes of scripts/load.sh: the bench reseller's token, a status
-- count per thread, and one RESULT line (JSON) that load.sh reads back.
local M = {}
local threads = {}

function M.setup(thread)
  table.insert(threads, thread)
end

function M.init()
  statuses = {}
end

function M.response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function M.done(summary, latency)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format('"%d":%d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,' ..
    '"socket_errors":%d,"timeouts":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3,
    e.connect + e.read + e.write, e.timeout, table.concat(parts, ",")))
end

M.headers = { ["Authorization"] = "Bearer bench-token" }

return M
