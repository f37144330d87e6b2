-- analysis.lua - what every study analysis shares: collecting figures and
-- turning frequencies into figure rows.
local M = {}

--- a new result: figures by id, tables by name, quotes by theme
function M.result()
  return { figures = {}, tables = {}, order = {}, quotes = {}, notes = {} }
end

--- record figure id as count over base
function M.figure(res, id, count, base)
  res.figures[id] = { count = count, base = base }
end

--- record a table (a Dataset) under name, keeping the order of recording
function M.table(res, name, ds)
  if not res.tables[name] then res.order[#res.order + 1] = name end
  res.tables[name] = ds
end

--- the count of rows of ds where col == value, over ds's rows
function M.share(ds, col, value)
  return ds:filter(col, "==", value):nrow(), ds:nrow()
end

--- one figure per row of a frequency: id = prefix .. value .. suffix
function M.figures_from(res, freq, prefix, suffix)
  for _, row in freq:rows() do
    M.figure(res, prefix .. row.value .. (suffix or ""), row.count, row.base)
  end
end

--- merge result b into a
function M.merge(a, b)
  for id, f in pairs(b.figures) do a.figures[id] = f end
  for _, name in ipairs(b.order) do M.table(a, name, b.tables[name]) end
  for k, v in pairs(b.quotes) do a.quotes[k] = v end
  for _, n in ipairs(b.notes) do a.notes[#a.notes + 1] = n end
  return a
end

return M
