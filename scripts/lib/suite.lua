-- suite.lua - finding a study (a folder with a study.lua manifest), running
-- the analyses of its plan and comparing every figure with its published
-- one.  Names no study.
local A = require("lib.analysis")
local figures = require("lib.figures")

local M = {}

--- the folder that holds the studies shipped with coda
function M.studies_dir()
  return (package.coda_scripts or "scripts") .. "/studies"
end

local function readable(path)
  local f = io.open(path, "r")
  if f then f:close() end
  return f ~= nil
end

--- the folder of study name_or_path: a folder holding study.lua, else a
--- name under the studies folder; nil and a message when neither
function M.find(name_or_path)
  local p = name_or_path:gsub("/+$", "")
  if readable(p .. "/study.lua") then return p end
  if not p:find("/", 1, true) and readable(M.studies_dir() .. "/" .. p .. "/study.lua") then
    return M.studies_dir() .. "/" .. p
  end
  return nil, ("no study %q (neither a folder holding study.lua nor a name under %s; " ..
               "coda suite --list lists them)"):format(name_or_path, M.studies_dir())
end

--- the manifest of the study in folder dir, with dir set; its own modules
--- (analyses, loaders) are required from dir first
function M.open(dir)
  package.path = dir .. "/?.lua;" .. package.path
  local chunk, err = loadfile(dir .. "/study.lua")
  if not chunk then error(err, 0) end
  local study = chunk()
  if type(study) ~= "table" or type(study.plan) ~= "function" or type(study.load) ~= "function" then
    error(dir .. "/study.lua: a study manifest returns a table with load and plan functions", 0)
  end
  study.dir = dir
  study.id = study.id or dir:match("([^/]+)$")
  study.title = study.title or study.id
  return study
end

--- the ids and titles of the studies under the studies folder, given the
--- list of its entries
function M.list(entries)
  local out = {}
  for _, name in ipairs(entries) do
    local dir = M.studies_dir() .. "/" .. name
    if readable(dir .. "/study.lua") then
      local ok, s = pcall(M.open, dir)
      out[#out + 1] = { id = name, title = ok and s.title or ("(cannot be read: " .. tostring(s) .. ")") }
    end
  end
  table.sort(out, function(a, b) return a.id < b.id end)
  return out
end

--- run every analysis of plan on data; returns { sections = {...}, rows,
--- tally, extra, all (merged result), summary }
function M.run(data, plan)
  local all, sections = A.result(), {}
  for _, step in ipairs(plan) do
    local mod = require(step[1])
    local res = mod.run(data, step[2] or {})
    sections[#sections + 1] = { module = mod, params = step[2] or {},
                                title = step[3] or mod.title,
                                question = step[4] or mod.question, result = res }
    A.merge(all, res)
  end
  local rows, tally, extra = figures.compare(all.figures, data.published)
  return { sections = sections, rows = rows, tally = tally, extra = extra,
           all = all, summary = figures.summary(tally) }
end

return M
