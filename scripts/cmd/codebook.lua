-- codebook.lua - `coda codebook`: check a codebook, list its codes, or
-- convert it to a REFI-QDA .qdc file.
--   coda codebook check FILE [--strict]   exit 1 when a check fails
--   coda codebook list FILE
--   coda codebook qdc FILE OUT.qdc
local coda = require("coda")

local usage = [[
usage: coda codebook check FILE [--strict]
       coda codebook list FILE
       coda codebook qdc FILE OUT.qdc

check   compiles every code, matches each example (must match) and
        counterexample (must not), and lists codes that can never match
        and codes whose examples match other codes (overlaps; warnings
        unless --strict).  Exit 1 when a check fails, 0 otherwise.
list    prints the codes with their paths and descriptions.
qdc     writes the codebook as a REFI-QDA codebook (.qdc), atomically.

FILE is a codebook CSV (code, pattern, ...) or a .qdc file.
Exit status: 0 success, 1 a failed check or a data error, 2 a usage error.
]]

local command = require("lib.command")

local function usage_error(msg) command.usage_error("codebook", msg) end
local function data_error(msg) command.data_error("codebook", msg) end

local function check(file, strict)
    local cb = coda.read_codebook(file, { lenient = true })
    local res = cb:check()
    local counts = { fail = 0, warn = 0 }
    local passed = { compile = 0, example = 0, counterexample = 0 }
    for _, r in res:rows() do
        if r.status == "ok" then
            passed[r.check] = (passed[r.check] or 0) + 1
        else
            local status = r.status
            if status == "warn" and strict then status = "fail" end
            counts[status] = counts[status] + 1
            print(string.format("%s %s%s: %s", status:upper(),
                r.code == "" and "" or r.code .. " ", r.check, r.detail))
        end
    end
    print(string.format("%s: %d codes; %d compile, %d examples match, "
        .. "%d counterexamples rejected; %d failed, %d warnings", file, #cb,
        passed.compile, passed.example, passed.counterexample, counts.fail,
        counts.warn))
    return counts.fail == 0
end

local function list(file)
    local codes = coda.read_codebook(file):codes()
    for _, r in codes:rows() do
        print(string.format("%-30s %2d  %s", r.path, r.patterns, r.description))
    end
end

local cmd, file = arg[1], arg[2]
if cmd == "-h" or cmd == "--help" then
    io.stdout:write(usage)
    os.exit(0)
end
if not cmd then usage_error("a subcommand is needed: check, list or qdc") end
local known = { check = true, list = true, qdc = true }
if not known[cmd] then usage_error("unknown subcommand " .. cmd) end
if not file or file:sub(1, 1) == "-" then usage_error(cmd .. " needs a codebook FILE") end
local strict = false
for i = 3, #arg do
    if cmd == "check" and arg[i] == "--strict" then
        strict = true
    elseif not (cmd == "qdc" and i == 3) then
        usage_error("unexpected argument " .. arg[i])
    end
end
if cmd == "qdc" and not arg[3] then usage_error("qdc needs an output file") end

local ok, res = pcall(function()
    if cmd == "check" then return check(file, strict) end
    if cmd == "list" then list(file) return true end
    coda.read_codebook(file):write_qdc(arg[3])
    return true
end)
if not ok then data_error(res) end
os.exit(res and 0 or 1)
