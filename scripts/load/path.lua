-- One request shape of scripts/load-lists.sh: GET LOAD_PATH as the bench reseller, nothing else.
package.path = "scripts/load/?.lua;" .. package.path
local common = require("common")
setup, init, response, done = common.setup, common.init, common.response, common.done

local path = os.getenv("LOAD_PATH")

request = function()
  return wrk.format("GET", path, common.headers)
end
