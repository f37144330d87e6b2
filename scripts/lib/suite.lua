-- suite.lua - finding a study (a folder with a study.lua manifest), running
-- the analyses of its plan and comparing every figure with its published
-- one.  Names no study.
local A = require("lib.analysis")
local figures = require("lib.figures")
local serial = require("lib.serial")

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

-- path without the folder dir in front (dir/x -> x)
local function relative(path, dir)
  if path and dir and path:sub(1, #dir + 1) == dir .. "/" then return path:sub(#dir + 2) end
  return path
end

-- sections and results put together as both runs do
local function finish(data, sections, section_of)
  local all = A.result()
  for _, sec in ipairs(sections) do A.merge(all, sec.result) end
  local rows, tally, extra = figures.compare(all.figures, data.published)
  for _, r in ipairs(rows) do r.section_index = section_of[r.figure_id] end
  return { sections = sections, rows = rows, tally = tally, extra = extra,
           all = all, summary = figures.summary(tally) }
end

local function section(step, dir, res)
  local mod = require(step[1])
  return { module = mod, params = step[2] or {},
           file = relative(package.searchpath(step[1], package.path), dir),
           title = step[3] or mod.title, question = step[4] or mod.question, result = res }
end

local function quote(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

-- start a worker on the plan's entries list; the pipe it answers on
local function start(study_dir, out, opts, list)
  local cmd = table.concat({ quote(package.coda_exe or "coda"), "run",
    quote((package.coda_scripts or "scripts") .. "/lib/suite_worker.lua"), quote(study_dir),
    quote(out), quote(opts.data or "-"), quote(opts.project or "-"),
    table.concat(list, ",") }, " ")
  return assert(io.popen(cmd, "r"))
end

--- the analyses of plan shared among jobs processes (each loads the data
--- itself and writes its tables into out); the same result as M.run, with
--- each table as { md, html } already written.  opts: data, project
function M.run_parallel(data, plan, dir, out, opts, jobs)
  local lists = {}
  for i = 1, #plan do
    local k = (i - 1) % jobs + 1
    lists[k] = lists[k] or {}
    lists[k][#lists[k] + 1] = i
  end
  local pipes = {}
  for k, list in ipairs(lists) do pipes[k] = start(dir, out, opts, list) end
  local results = {}
  for k, p in ipairs(pipes) do
    local text = p:read("a")
    local ok = p:close()
    local got = text ~= "" and serial.load(text) or { error = "a worker stopped" }
    if got.error then error(got.error, 0) end
    if not ok then error("a worker of the suite failed", 0) end
    for i, r in pairs(got) do results[i] = r end
  end
  local sections, section_of = {}, {}
  for i, step in ipairs(plan) do
    local res = results[i]
    sections[i] = section(step, dir, res)
    for id in pairs(res.figures) do section_of[id] = i end
  end
  return finish(data, sections, section_of)
end

--- run every analysis of plan on data; returns { sections = {...}, rows,
--- tally, extra, all (merged result), summary }; a section's file is its
--- analysis' path, relative to dir when given (the study's folder)
function M.run(data, plan, dir)
  local sections, section_of = {}, {}
  for i, step in ipairs(plan) do
    local res = require(step[1]).run(data, step[2] or {})
    sections[i] = section(step, dir, res)
    for id in pairs(res.figures) do section_of[id] = i end
  end
  return finish(data, sections, section_of)
end

return M
