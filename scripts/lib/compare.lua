-- compare.lua - what changed between two runs of a study: every figure and
-- every cell of every table CSV of a previous output folder against the new
-- one, read back from the files both runs wrote.
local coda = require("coda")

local M = {}

local CHANGE_COLUMNS = { "file", "key", "column", "old", "new", "difference" }
M.COLUMNS = CHANGE_COLUMNS

local function csv_names(dir)
  local set = {}
  for _, n in ipairs(coda.list_dir(dir)) do
    if n:match("%.csv$") and n ~= "changes.csv" then set[n] = true end
  end
  return set
end

local function text(v)
  if v == nil then return "" end
  if type(v) == "table" then return table.concat(v, ";") end
  return tostring(v)
end

-- rows of ds keyed by its first column (then by position when a key
-- repeats): { keys = {...in order}, row = { key = row } }
local function keyed(ds)
  local first, keys, row, seen = ds:names()[1], {}, {}, {}
  for i, r in ds:rows() do
    local k = text(r[first])
    seen[k] = (seen[k] or 0) + 1
    if seen[k] > 1 then k = k .. " #" .. seen[k] end
    if k == "" then k = "row " .. i end
    keys[#keys + 1] = k
    row[k] = r
  end
  return { keys = keys, row = row }
end

local function add(list, file, key, column, old, new)
  local diff
  if type(old) == "number" and type(new) == "number" then diff = new - old end
  list[#list + 1] = { file = file, key = key, column = column, old = text(old),
                      new = text(new), difference = diff }
end

local function compare_rows(list, file, a, b, names)
  for _, k in ipairs(a.keys) do
    local ra, rb = a.row[k], b.row[k]
    if not rb then add(list, file, k, "", "(row)", "(removed)")
    else
      for _, n in ipairs(names) do
        local x, y = ra[n], rb[n]
        if text(x) ~= text(y) then add(list, file, k, n, x, y) end
      end
    end
  end
  for _, k in ipairs(b.keys) do
    if not a.row[k] then add(list, file, k, "", "(none)", "(row added)") end
  end
end

--- the changes from the CSVs in folder old to those in folder new, as a
--- Dataset file, key, column, old, new, difference (numbers only)
function M.folders(old, new)
  local list = {}
  local a, b = csv_names(old), csv_names(new)
  local names = {}
  for n in pairs(a) do names[#names + 1] = n end
  for n in pairs(b) do if not a[n] then names[#names + 1] = n end end
  table.sort(names)
  for _, file in ipairs(names) do
    if not b[file] then add(list, file, "", "", "(table)", "(removed)")
    elseif not a[file] then add(list, file, "", "", "(none)", "(table added)")
    else
      local da = coda.read_csv(old .. "/" .. file)
      local db = coda.read_csv(new .. "/" .. file)
      local cols, seen = {}, {}
      for _, n in ipairs(db:names()) do cols[#cols + 1] = n; seen[n] = true end
      for _, n in ipairs(da:names()) do
        if not seen[n] then add(list, file, "", n, "(column)", "(removed)") end
      end
      compare_rows(list, file, keyed(da), keyed(db), cols)
    end
  end
  return coda.dataset(list, CHANGE_COLUMNS)
end

return M
