-- Lists (80 % of the connections): first pages, filters, sorts, searches and deep pages of the
-- bench reseller. LOAD_CUSTOMERS (the count seeded) bounds the deep pages.
package.path = "scripts/load/?.lua;" .. package.path
local common = require("common")
setup, init, response, done = common.setup, common.init, common.response, common.done

local pages = math.max(1, math.floor((tonumber(os.getenv("LOAD_CUSTOMERS")) or 10000) / 25))
local words = { "oy", "ab", "kaleva", "data", "lamna", "tech", "nord", "s%C3%A4hk%C3%B6", "logistiikka", "group" }
local shapes = {
  function() return "/api/v1/customers" end,
  function() return "/api/v1/customers?status=active" end,
  function() return "/api/v1/customers?storage_type=finnish_s3&sort=-storage_used_gb" end,
  function() return "/api/v1/customers?attention=true" end,
  function() return "/api/v1/customers?sort=-organization_name" end,
  function() return "/api/v1/customers?q=" .. words[math.random(#words)] end,
  function() return "/api/v1/customers?page=" .. math.random(pages) end,
  function() return "/api/v1/customers?page=" .. math.random(math.max(1, pages - 10), pages) end,
}

request = function()
  return wrk.format("GET", shapes[math.random(#shapes)](), common.headers)
end
