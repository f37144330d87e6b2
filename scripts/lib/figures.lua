-- figures.lua - computed figures against published ones: rounding and status.
--
-- A figure is a count over a base.  Its published percentage is compared
-- with the count's percentage rounded half up (in integer arithmetic, so
-- no floating-point tie can go the wrong way).
local coda = require("coda")

local M = {}

--- round(100 * k / n) half up, in integers
function M.half_up(k, n)
  return (200 * k + n) // (2 * n)
end

--- floor(100 * k / n)
function M.trunc(k, n)
  return (100 * k) // n
end

--- the counts over n whose percentage lies nearest below and above p
function M.nearest(n, p)
  local below, above
  for j = 0, n do
    local v = 100 * j / n
    if v < p then below = j elseif v > p and not above then above = j end
  end
  return below, above
end

local function pct_text(k, n)
  return ("%d/%d = %s%%"):format(k, n, coda.round(100 * k / n, 1))
end

--- status and note of count k over base n against published percent p and
--- published base pn: "exact", "truncated", "not representable", "mismatch"
function M.status(k, n, p, pn)
  if n ~= pn then
    return "mismatch", ("base %d, published base %d"):format(n, pn)
  end
  if M.half_up(k, n) == p then return "exact", "" end
  if M.trunc(k, n) == p then
    return "truncated", ("%s: %d%% by truncation, %d%% rounded"):format(
      pct_text(k, n), p, M.half_up(k, n))
  end
  for j = 0, n do
    if M.half_up(j, n) == p then
      return "mismatch", ("%s rounds to %d%%; %d/%d would give %d%%"):format(
        pct_text(k, n), M.half_up(k, n), j, n, p)
    end
  end
  local below, above = M.nearest(n, p)
  local near = {}
  if below then near[#near + 1] = pct_text(below, n) end
  if above then near[#near + 1] = pct_text(above, n) end
  return "not representable", ("no count over %d gives %d%%; nearest: %s"):format(
    n, p, table.concat(near, ", "))
end

local STATUSES = { "exact", "truncated", "not representable", "mismatch" }
M.STATUSES = STATUSES

--- compare computed figures { id = { count =, base = } } with the published
--- Dataset; returns the rows (one per published figure, in its order), a
--- tally { exact = n, ... } and the computed ids the publication does not
--- print; errors when a published figure was not computed
function M.compare(computed, published)
  local known, rows = {}, {}
  local tally = { exact = 0, truncated = 0, ["not representable"] = 0, mismatch = 0 }
  for i, p in published:rows() do
    local id = p.figure_id
    known[id] = true
    local c = computed[id]
    if not c then error("no analysis computed figure " .. id, 2) end
    local status, note = M.status(c.count, c.base, p.published_pct, p.base_n)
    tally[status] = tally[status] + 1
    local lo, hi = coda.stats.ci(c.count, c.base)
    rows[#rows + 1] = {
      figure_id = id, section = p.section, label = p.label,
      count = c.count, base = c.base, pct = 100 * c.count / c.base,
      pct_rounded = M.half_up(c.count, c.base), ci_low = lo, ci_high = hi,
      published_pct = p.published_pct, published_base = p.base_n,
      status = status, note = note, question = p.question,
    }
  end
  local extra = {}
  for id in pairs(computed) do
    if not known[id] then extra[#extra + 1] = id end
  end
  table.sort(extra)
  return rows, tally, extra
end

--- "83 figures: 71 exact, 9 truncated, 3 not representable, 0 mismatch"
function M.summary(tally)
  local n, parts = 0, {}
  for _, s in ipairs(STATUSES) do
    n = n + tally[s]
    parts[#parts + 1] = ("%d %s"):format(tally[s], s)
  end
  return ("%d figures: %s"):format(n, table.concat(parts, ", "))
end

return M
