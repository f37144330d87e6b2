-- area.lua - one analysis for each of the six 2P4R areas: the activities
-- and sub-activities of the organisations working in the area.
local A = require("lib.analysis")

local M = {
  inputs = { "organisations.csv" },
  id = "area",
  question = "Among organisations working in an area, what % undertake each activity and sub-activity?",
  -- the report's chart: each activity followed by its sub-activities
  chart = { levels = true,
            title = "%s: activities and sub-activities (%% of organisations in the area)" },
}

-- The areas as the publication lays them out.  prefix names the columns
-- (<prefix>_activities, <prefix>_sub) and the figure ids; extras are the
-- area's other printed figures: a 0/1 column, or the same count as an
-- activity (a figure the text prints again under another label).
M.AREAS = {
  { area = "prevention", prefix = "prev", title = "Prevention" },
  { area = "rescue", prefix = "resc", title = "Rescue",
    extras = { { id = "resc.retrafficking_reported", column = "resc_reports_retrafficking" },
               { id = "resc.ceased_rescue", column = "resc_ceased" } } },
  { area = "prosecution", prefix = "pros", title = "Prosecution",
    extras = { { id = "pros.text.legal_systems", activity = "legal_systems" } } },
  { area = "rehabilitation", prefix = "rehab", title = "Rehabilitation" },
  { area = "reintegration", prefix = "reint", title = "Reintegration",
    extras = { { id = "reint.text.economic", activity = "economic" },
               -- the text's "safe reintegration into the community" is the
               -- table's social reintegration (65%), not "ensuring safe
               -- reintegration" (38%)
               { id = "reint.text.safe_reintegration", activity = "social" } } },
  { area = "research_advocacy", prefix = "ra", title = "Research and advocacy",
    extras = { { id = "ra.text.networks", column = "ra_networks" } } },
}

--- the spec of an area by name or prefix
function M.spec(name)
  for _, s in ipairs(M.AREAS) do
    if s.area == name or s.prefix == name then return s end
  end
  error("no 2P4R area " .. tostring(name), 2)
end

-- A table of activity, sub_activity, count, base, pct in the study's
-- layout: each activity followed by its sub-activities.
local function layout(acts, subs)
  local rows = {}
  for _, a in acts:rows() do
    rows[#rows + 1] = { activity = a.value, sub_activity = nil, count = a.count,
                        base = a.base, pct = a.pct }
    for _, s in subs:rows() do
      local parent, child = s.value:match("^([^.]+)%.(.+)$")
      if parent == a.value then
        rows[#rows + 1] = { activity = a.value, sub_activity = child,
                            count = s.count, base = s.base, pct = s.pct }
      end
    end
  end
  return require("coda").dataset(rows, { "activity", "sub_activity", "count", "base", "pct" })
end

--- params: area (name or prefix, e.g. "prevention" or "prev").  Base: the
--- organisations in data whose areas hold the area.
function M.run(data, params)
  local spec = M.spec(params.area)
  local res = A.result()
  local orgs = data.organisations:filter("areas", "has", spec.area)
  local n = orgs:nrow()
  if n == 0 then return res end
  local acts = orgs:frequency(spec.prefix .. "_activities", { base = n, order = "value" })
  local subs = orgs:frequency(spec.prefix .. "_sub", { base = n, order = "value" })
  A.figures_from(res, acts, spec.prefix .. ".", ".total")
  A.figures_from(res, subs, spec.prefix .. ".")
  for _, x in ipairs(spec.extras or {}) do
    if x.column then
      A.figure(res, x.id, orgs:filter(x.column, "==", 1):nrow(), n)
    else
      A.figure(res, x.id, orgs:filter(spec.prefix .. "_activities", "has", x.activity):nrow(), n)
    end
  end
  A.table(res, spec.prefix .. "_activities", layout(acts, subs))
  A.table(res, spec.prefix .. "_forms_scope", orgs:frequency("forms_scope", { order = "value" }))
  return res
end

return M
