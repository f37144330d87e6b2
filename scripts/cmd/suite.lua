-- suite.lua - `coda suite [--out DIR] [--data DIR]`: run the whole AHT 2020
-- study suite, write the report, exit 1 when a figure is a mismatch.
local aht = require("lib.aht")
local suite = require("lib.suite")
local report = require("lib.report")
local consistency = require("lib.consistency")
local command = require("lib.command")

local USAGE = "usage: coda suite [--out DIR] [--data DIR] [--project FILE]"

local function parse(args)
  local opts = { out = "out/aht2020" }
  local i = 1
  while i <= #args do
    local a = args[i]
    if a == "--help" or a == "-h" then
      print(USAGE .. "\n\nRuns every analysis of the study, compares each computed figure with\n" ..
            "the published one and writes index.html, report.md, figures.csv and one\n" ..
            "CSV per table into DIR (default out/aht2020).  With --project, the survivors'\n" ..
            "services come from the accepted coding of a reviewed coding project\n" ..
            "instead of the raw regex hits.  Exit 1 on a mismatch.")
      os.exit(0)
    elseif (a == "--out" or a == "--data" or a == "--project") and args[i + 1] then
      opts[a:sub(3)] = args[i + 1]
      i = i + 2
    else
      io.stderr:write("coda suite: unknown argument '", a, "'\n", USAGE, "\n")
      os.exit(2)
    end
  end
  return opts
end

-- a missing data file or an output folder that cannot be written: exit 1
-- with the message alone
local function or_die(fn, ...) return command.or_die("suite", fn, ...) end

local opts = parse({ ... })
local data = or_die(aht.load, opts.data)
data.project = opts.project
if opts.project then      -- a file that is not a project: one line, exit 1
  or_die(function() require("coda").project(opts.project, { create = false }):close() end)
end
local run = suite.run(data)
local checks = consistency.check(run.rows, data.published_counts)
or_die(report.write, run, checks, opts.out, "AHT 2020 landscape study: reproduction report")
for _, r in ipairs(run.rows) do
  if r.status == "mismatch" then
    io.stderr:write(("mismatch: %s: %s\n"):format(r.figure_id, r.note))
  end
end
print(run.summary)
print(("%d contradictions in the publication; report written to %s/"):format(#checks, opts.out))
os.exit(run.tally.mismatch == 0 and 0 or 1)
