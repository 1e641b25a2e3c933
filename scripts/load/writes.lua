-- Writes (5 %): half creates with a name unique to the run, half edits of a known customer
-- (If-Match: * so concurrent edits are last-writer-wins, not 412s).
package.path = "scripts/load/?.lua;" .. package.path
local common = require("common")
setup, response, done = common.setup, common.response, common.done
local ids = dofile(os.getenv("LOAD_IDS"))
local run = os.getenv("LOAD_RUN") or "run"
local n = 0

init = function(args)
  common.init()
  thread_id = math.random(1e9)
end

request = function()
  n = n + 1
  if n % 2 == 0 then
    local headers = { ["Authorization"] = common.headers["Authorization"],
      ["Content-Type"] = "application/json", ["If-Match"] = "*" }
    local body = string.format('{"user_licenses":%d}', math.random(100, 900))
    return wrk.format("PATCH", "/api/v1/customers/" .. ids[math.random(#ids)], headers, body)
  end
  local headers = { ["Authorization"] = common.headers["Authorization"],
    ["Content-Type"] = "application/json" }
  local body = string.format(
    '{"organization_name":"Load %s %d-%d Oy","user_licenses":10,"extra_storage_gb":500,' ..
    '"notify_emails":["it@load.example"],"storage_type":"azure_ireland"}', run, thread_id, n)
  return wrk.format("POST", "/api/v1/customers", headers, body)
end
