-- sanitation.lua - households with a toilet of their own, overall and by
-- setting, and the design-based share by setting.
local A = require("lib.analysis")

local M = {
  id = "sanitation",
  title = "Toilets",
  question = "What % of households have a toilet of their own, in towns and in villages?",
  inputs = { "households.csv" },
}

function M.run(data)
  local res = A.result()
  local hh = data.households
  A.figure(res, "sanitation.toilet", A.share(hh, "has_toilet", 1))
  for _, setting in ipairs({ "urban", "rural" }) do
    A.figure(res, "sanitation.toilet." .. setting,
             A.share(hh:filter("setting", "==", setting), "has_toilet", 1))
  end
  A.table(res, "toilet_by_setting", data.design:group_by("setting"):mean("has_toilet"))
  return res
end

return M
