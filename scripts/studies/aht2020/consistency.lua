-- consistency.lua - the AHT 2020 publication's internal contradictions that
-- the data shows, each with its numbers.
local M = {}

-- Printed counts that should equal a figure's count.
M.COUNT_CHECKS = {
  { count = "forms.emerging.count", figure = "forms.emerging.total" },
  { count = "ia.prevention.count", figure = "ia.prevention" },
  { count = "ia.prosecution.count", figure = "ia.prosecution" },
  { count = "ia.research_advocacy.count", figure = "ia.research_advocacy" },
  { count = "rehab.community_based.text_count", figure = "rehab.provide.community_based" },
}

-- Figures the text prints under a label that names another figure.
M.LABEL_CHECKS = {
  { text = "reint.text.safe_reintegration", same_as = "reint.social.total",
    named = "reint.safe.total" },
}

local function by_id(rows)
  local t = {}
  for _, r in ipairs(rows) do t[r.figure_id] = r end
  return t
end

-- A sub-activity printed larger than its activity.
local function hierarchy(rows, list)
  local ids = by_id(rows)
  for _, r in ipairs(rows) do
    local area, act, sub = r.figure_id:match("^(%a+)%.([%w_]+)%.([%w_]+)$")
    local parent = area and sub ~= "total" and ids[area .. "." .. act .. ".total"]
    if parent and r.published_pct > parent.published_pct then
      list[#list + 1] = {
        kind = "sub-activity larger than its activity",
        text = ('"%s" %d%% is larger than its activity "%s" %d%% (data: %d/%d against %d/%d)'):format(
          r.label, r.published_pct, parent.label, parent.published_pct,
          r.count, r.base, parent.count, parent.base),
      }
    end
  end
end

local function labels(rows, list)
  local ids = by_id(rows)
  for _, c in ipairs(M.LABEL_CHECKS) do
    local t, same, named = ids[c.text], ids[c.same_as], ids[c.named]
    if t and same and named and t.published_pct ~= named.published_pct then
      list[#list + 1] = {
        kind = "label differs between text and table",
        text = ('the text\'s "%s" %d%% is the table\'s "%s" %d%% (%d/%d); the table\'s "%s" is %d%% (%d/%d)'):format(
          t.label, t.published_pct, same.label, same.published_pct, same.count, same.base,
          named.label, named.published_pct, named.count, named.base),
      }
    end
  end
end

local function counts(rows, printed, list)
  local ids = by_id(rows)
  local values = {}
  for _, p in printed:rows() do values[p.figure_id] = p end
  for _, c in ipairs(M.COUNT_CHECKS) do
    local p, f = values[c.count], ids[c.figure]
    if p and f and p.value ~= f.count then
      list[#list + 1] = {
        kind = "printed count differs from a percentage",
        text = ('"%s" is printed as %d, but "%s" %d%% of %d is %d'):format(
          p.label, p.value, f.label, f.published_pct, f.base, f.count),
      }
    end
  end
end

--- the contradictions: { kind, text } in a stable order
function M.check(rows, printed_counts)
  local list = {}
  hierarchy(rows, list)
  labels(rows, list)
  counts(rows, printed_counts, list)
  return list
end

return M
