-- approach.lua - service delivery versus system strengthening.
local A = require("lib.analysis")

local M = {
  inputs = { "organisations.csv" },
  id = "approach",
  title = "Service delivery and system strengthening",
  question = "What % of organisations deliver services to survivors, and what % build or strengthen AHT systems?",
  figures = { "approach.service_delivery", "approach.system_strengthening" },
}

--- Base: every organisation in data.
function M.run(data)
  local res, orgs = A.result(), data.organisations
  A.figure(res, "approach.service_delivery", A.share(orgs, "service_delivery", 1))
  A.figure(res, "approach.system_strengthening", A.share(orgs, "system_strengthening", 1))
  A.table(res, "approach", orgs:crosstab("service_delivery", "system_strengthening"))
  return res
end

return M
