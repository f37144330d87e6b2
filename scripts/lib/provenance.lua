-- provenance.lua - what produced a study's report: coda's version, the
-- hash of every data file and script, the plan with its parameters, the
-- options, the time and the machine; written beside the report as
-- run.json.  Hashes are SHA-1 of the files' bytes; a folder's is the SHA-1
-- of its files' "hash  path" lines, sorted by path.
local coda = require("coda")

local M = {}

local MAX_DEPTH = 32

local function read(path)
  local f, err = io.open(path, "rb")
  if not f then error(err, 0) end
  local s = f:read("a")
  f:close()
  return s
end

--- the SHA-1 of the file at path, and its size in bytes
function M.file_hash(path)
  local s = read(path)
  return coda.sha1(s), #s
end

local function is_dir(path)
  return (pcall(coda.list_dir, path))
end

-- every file under dir/rel, as paths relative to dir, in sorted order
local function walk(dir, rel, out, depth)
  if depth > MAX_DEPTH then error(dir .. "/" .. rel .. ": folders nested too deep", 0) end
  for _, name in ipairs(coda.list_dir(rel == "" and dir or (dir .. "/" .. rel))) do
    local r = rel == "" and name or (rel .. "/" .. name)
    if is_dir(dir .. "/" .. r) then walk(dir, r, out, depth + 1) else out[#out + 1] = r end
  end
  return out
end

--- { path = relative path, sha1, bytes } for every file under dir
function M.files(dir)
  local list = {}
  for _, r in ipairs(walk(dir, "", {}, 0)) do
    local h, n = M.file_hash(dir .. "/" .. r)
    list[#list + 1] = { path = r, sha1 = h, bytes = n }
  end
  return list
end

--- the hash of path: a file's SHA-1, or a folder's over its files
function M.hash(path)
  if not is_dir(path) then return (M.file_hash(path)) end
  local lines = {}
  for _, f in ipairs(M.files(path)) do lines[#lines + 1] = f.sha1 .. "  " .. f.path end
  return coda.sha1(table.concat(lines, "\n"))
end

-- a line of a /proc file, or nil
local function proc(name)
  local f = io.open("/proc/sys/kernel/" .. name, "r")
  if not f then return nil end
  local s = f:read("l")
  f:close()
  return s
end

local function machine()
  local cpus = 0
  local f = io.open("/proc/cpuinfo", "r")
  if f then
    for line in f:lines() do
      if line:match("^processor%s*:") then cpus = cpus + 1 end
    end
    f:close()
  end
  return { hostname = proc("hostname"), system = (proc("ostype") or "?") .. " " ..
           (proc("osrelease") or "?"), cpus = cpus }
end

--- the inputs an analysis declares for params (a list of paths relative
--- to the data folder; inputs may be a function of params)
function M.inputs(mod, params)
  local i = mod.inputs
  if type(i) == "function" then i = i(params) end
  return type(i) == "table" and i or {}
end

--- what produced run: study (the manifest, with dir), data (with dir, the
--- data folder), opts (out, data, project)
function M.collect(study, data, run, opts)
  local sections = {}
  for _, sec in ipairs(run.sections) do
    local ins = {}
    for _, p in ipairs(M.inputs(sec.module, sec.params)) do
      ins[#ins + 1] = { path = p, sha1 = data.dir and M.hash(data.dir .. "/" .. p) or nil }
    end
    sections[#sections + 1] = { title = sec.title, analysis = sec.file,
                                sha1 = sec.file and (M.file_hash(study.dir .. "/" .. sec.file)) or nil,
                                params = sec.params, inputs = ins }
  end
  local figures = {}
  for _, r in ipairs(run.rows) do figures[r.figure_id] = r.section_index end
  return {
    coda_version = coda.version,
    study = { id = study.id, title = study.title, folder = study.dir,
              scripts = M.files(study.dir) },
    library = M.files((package.coda_scripts or "scripts") .. "/lib"),
    data = data.dir and { folder = data.dir, files = M.files(data.dir) } or nil,
    options = { out = opts.out, data = opts.data, project = opts.project },
    project = opts.project and { path = opts.project, sha1 = (M.file_hash(opts.project)) } or nil,
    sections = sections,
    figure_sections = figures,
    time = os.date("!%Y-%m-%dT%H:%M:%SZ"),
    machine = machine(),
  }
end

--- write run.json into dir
function M.write(p, dir)
  coda.write_file(dir .. "/run.json", coda.json_encode(p) .. "\n")
end

return M
