-- codebook.lua - `coda codebook`: check a codebook (against itself, and
-- against transcripts with --corpus), list its codes, or convert it to a
-- REFI-QDA .qdc file.
--   coda codebook check FILE [--strict] [--corpus PATH [--unit U] [--max-share S]]
--   coda codebook list FILE
--   coda codebook qdc FILE OUT.qdc
local coda = require("coda")

local usage = [==[
usage: coda codebook check FILE [--strict] [--corpus PATH [--unit UNIT]
                                             [--max-share SHARE]]
       coda codebook list FILE
       coda codebook qdc FILE OUT.qdc

check   compiles every code, matches each example (must match) and
        counterexample (must not), and fails codes that can never match,
        patterns that can match the empty string ("a|", "x*") and parents
        that are no code and look misspelt; it warns of codes whose
        examples match other codes (overlaps) and of spaces that flag x
        takes out of a pattern (failures too with --strict).  Exit 1 when
        a check fails, 0 otherwise.
        --corpus PATH      also code the transcripts in PATH (.txt and
                           .docx files, or a folder, as coda code reads
                           them) and fail a code that matches more than a
                           share of their units: it cannot tell them apart
        --unit UNIT        document | paragraph | turn | sentence (turn)
        --max-share SHARE  the share a code may take, above 0 up to 1 (0.5)
list    prints the codes with their paths and descriptions.
qdc     writes the codebook as a REFI-QDA codebook (.qdc), atomically.

FILE (or --codebook FILE) is a codebook CSV (code, pattern, ...) or a .qdc
file.
Exit status: 0 success, 1 a failed check or a data error, 2 a usage error.
]==]

local command = require("lib.command")

local function usage_error(msg) command.usage_error("codebook", msg) end
local function data_error(msg) command.data_error("codebook", msg) end

--- the check options for cb:check from the command line's
local function check_options(o)
    if not o.corpus then
        for _, k in ipairs({ "unit", "max_share" }) do
            if o[k] then usage_error("--" .. k:gsub("_", "-") .. " needs --corpus PATH") end
        end
        return nil
    end
    local units = { document = 1, paragraph = 1, turn = 1, sentence = 1 }
    if o.unit and not units[o.unit] then usage_error("unknown --unit " .. o.unit) end
    local share = o.max_share and tonumber(o.max_share)
    if o.max_share and not (share and share > 0 and share <= 1) then
        usage_error("--max-share needs a number above 0 and at most 1 (0.5 is half the units)")
    end
    local corpus = coda.read_corpus(o.corpus, { unit = o.unit or "turn" })
    return { corpus = corpus, max_share = share }
end

local function check(file, o)
    local cb = coda.read_codebook(file, { lenient = true })
    local res = cb:check(check_options(o))
    local counts = { fail = 0, warn = 0 }
    local passed = { compile = 0, example = 0, counterexample = 0 }
    local widest                        -- the share row of the widest code
    for _, r in res:rows() do
        local n = r.check == "share" and tonumber(r.detail:match("^matches (%d+)"))
        if n and (not widest or n > widest.n) then widest = { n = n, row = r } end
        if r.status == "ok" then
            passed[r.check] = (passed[r.check] or 0) + 1
        else
            local status = r.status
            if status == "warn" and o.strict then status = "fail" end
            counts[status] = counts[status] + 1
            print(string.format("%s %s%s: %s", status:upper(),
                r.code == "" and "" or r.code .. " ", r.check, r.detail))
        end
    end
    print(string.format("%s: %d codes; %d compile, %d examples match, "
        .. "%d counterexamples rejected; %d failed, %d warnings", file, #cb,
        passed.compile, passed.example, passed.counterexample, counts.fail,
        counts.warn))
    if widest then
        print(string.format("the widest code: %s %s", widest.row.code, widest.row.detail))
    end
    return counts.fail == 0
end

local function list(file)
    local codes = coda.read_codebook(file):codes()
    for _, r in codes:rows() do
        print(string.format("%-30s %2d  %s", r.path, r.patterns, r.description))
    end
end

local cmd = arg[1]
if cmd == "-h" or cmd == "--help" then
    io.stdout:write(usage)
    os.exit(0)
end
if not cmd then usage_error("a subcommand is needed: check, list or qdc") end
local known = { check = true, list = true, qdc = true }
if not known[cmd] then usage_error("unknown subcommand " .. cmd) end
local valued, flags = { ["--codebook"] = "codebook" }, nil
if cmd == "check" then
    valued["--corpus"], valued["--unit"], valued["--max-share"] = "corpus", "unit", "max_share"
    flags = { ["--strict"] = "strict" }
end
local o, operands = command.parse("codebook", { table.unpack(arg, 2) }, valued,
                                  usage, {}, flags)
local file = o.codebook or table.remove(operands, 1)
if not file then usage_error(cmd .. " needs a codebook FILE") end
if cmd == "qdc" and not operands[1] then usage_error("qdc needs an output file") end
if #operands > (cmd == "qdc" and 1 or 0) then
    usage_error("unexpected argument " .. operands[#operands])
end

local ok, res = pcall(function()
    if cmd == "check" then return check(file, o) end
    if cmd == "list" then list(file) return true end
    coda.read_codebook(file):write_qdc(operands[1])
    return true
end)
if not ok then data_error(res) end
os.exit(res and 0 or 1)
