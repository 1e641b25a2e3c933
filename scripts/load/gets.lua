-- Gets (15 %): one customer by id, from the ids load.sh wrote to LOAD_IDS (a Lua file).
package.path = "scripts/load/?.lua;" .. package.path
local common = require("common")
setup, init, response, done = common.setup, common.init, common.response, common.done
local ids = dofile(os.getenv("LOAD_IDS"))

request = function()
  return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(#ids)], common.headers)
end
