-- project.lua - `coda project`: a coding project (one SQLite file) from the
-- command line, for people who do not script: make one, add transcripts,
-- code them, see where the review stands, export the segments.
local coda = require("coda")
local command = require("lib.command")

local usage = [[
usage: coda project init PROJECT
       coda project add PROJECT PATH... [--meta CASES.csv] [--meta-id COLUMN]
                        [--encoding NAME] [--invalid replace]
       coda project code PROJECT --codebook FILE [--unit UNIT] [--codes A,B]
       coda project status PROJECT
       coda project export-csv PROJECT OUT.csv [--status S] [--coder C]
                               [--code C] [--doc D] [--with-gone]
       coda project export-qdpx PROJECT OUT.qdpx [--all]
       coda project import-qdpx PROJECT IN.qdpx [--coder NAME]

init        makes a new, empty project file.
add         adds transcripts (.txt and Word .docx files, or folders of
            them); the same text added again changes nothing; a changed
            text keeps its manual codings where their text is found again.
            --meta joins document attributes from a CSV (its first column,
            or --meta-id, names the document).  --encoding names the
            encoding of .txt files that are not UTF-8 (cp1252, latin1,
            utf-16...); --invalid replace puts U+FFFD for bytes that are
            not text instead of failing.
code        codes every document with the codebook (CSV or .qdc): segments
            still produced keep their decisions, new ones are pending, and
            ones no longer produced are marked gone.  UNIT is turn (the
            default), sentence, paragraph or document.
status      prints the documents, codes, segments by status and by coder,
            and each coder's agreement with the auto-coder so far.
export-csv  writes the segments (filtered) as CSV, atomically.
export-qdpx writes a REFI-QDA project (.qdpx) for other QDA tools: the
            documents, codes, coders, memos and the accepted segments (with
            --all, every segment not gone), atomically.
import-qdpx reads a REFI-QDA project (.qdpx) in one transaction: its sources
            as documents, its codes, its codings as manual segments of their
            users (--coder: all of them this coder's) and its notes as memos.

Review the coding in a browser with `coda review PROJECT`.
Exit status: 0 success, 1 a data error, 2 a usage error.
]]

local function usage_error(msg) command.usage_error("project", msg) end

-- The options after the positional arguments: { name = value } for the
-- names in takes (true: takes a value; false: a flag), the rest in a list.
local function parse(first, takes)
    local opts, rest, i = {}, {}, first
    while i <= #arg do
        local a = arg[i]
        local name = a:match("^%-%-([%w-]+)$")
        if name and takes[name] ~= nil then
            if takes[name] then
                if not arg[i + 1] then usage_error("--" .. name .. " needs a value") end
                opts[name] = arg[i + 1]
                i = i + 1
            else
                opts[name] = true
            end
        elseif a:sub(1, 2) == "--" then
            usage_error("unknown option " .. a)
        else
            rest[#rest + 1] = a
        end
        i = i + 1
    end
    return opts, rest
end

local function open(path)
    return coda.project(path, { create = false })
end

local function split_list(s)
    local t = {}
    for item in s:gmatch("[^,]+") do t[#t + 1] = item end
    return t
end

local cmds = {}

function cmds.init(file, rest)
    if #rest > 0 then usage_error("init takes one PROJECT") end
    local f = io.open(file, "rb")
    if f then
        f:close()
        error(file .. ": exists already (a new project needs a new file)", 0)
    end
    coda.project(file):close()
    print(string.format("%s: a new coda project", file))
end

function cmds.add(file, rest, opts)
    if #rest == 0 then usage_error("add needs a PATH of transcripts") end
    local p = open(file)
    if opts.invalid and opts.invalid ~= "replace" and opts.invalid ~= "error" then
        usage_error("--invalid must be replace or error")
    end
    local r = p:add(rest, { meta = opts.meta, meta_id = opts["meta-id"],
                            encoding = opts.encoding, invalid = opts.invalid })
    for _, w in ipairs(r.warnings) do
        io.stderr:write("coda project: warning: ", w, "\n")
    end
    print(string.format("%s: %d added, %d unchanged, %d changed (%d manual "
        .. "codings re-anchored, %d lost)", file, r.added, r.unchanged,
        r.changed, r.reanchored, r.lost))
end

function cmds.code(file, rest, opts)
    if #rest > 0 then usage_error("unexpected argument " .. rest[1]) end
    if not opts.codebook then usage_error("code needs --codebook FILE") end
    local p = open(file)
    local cb = coda.read_codebook(opts.codebook)
    for _, w in ipairs(cb:warnings()) do
        io.stderr:write("coda project: warning: ", opts.codebook, ": ", w, "\n")
    end
    local r = p:code(cb, { unit = opts.unit, source = opts.codebook,
                           codes = opts.codes and split_list(opts.codes) })
    print(string.format("%s: codebook version %d%s; %d documents, %d units; "
        .. "%d segments found: %d new, %d kept, %d back; %d gone", file,
        r.version, r.new_version and " (new)" or "", r.documents, r.units,
        r.found, r.added, r.kept, r.revived, r.gone))
end

local function status_counts(p)
    local n = {}
    for _, s in ipairs({ "pending", "accepted", "rejected", "gone" }) do
        n[#n + 1] = string.format("%d %s", p:count({ status = s }), s)
    end
    return table.concat(n, ", ")
end

local function fmt(x) return x and string.format("%.3f", x) or "-" end

local function agreement_lines(p, coders)
    for _, c in coders:rows() do
        if c.coder ~= "auto" then
            local ok, a = pcall(p.agreement, p, { coders = { "auto", c.coder } })
            if ok then
                local all = a:nrow()
                print(string.format("  auto vs %s: %d units, kappa %s, alpha %s, "
                    .. "precision %s, recall %s, F1 %s", c.coder,
                    a:get(1, "n"),
                    fmt(a:get(all, "kappa")), fmt(a:get(all, "alpha")),
                    fmt(a:get(all, "precision")), fmt(a:get(all, "recall")),
                    fmt(a:get(all, "f1"))))
            else
                print(string.format("  auto vs %s: %s", c.coder, command.message(a)))
            end
        end
    end
end

function cmds.status(file, rest)
    if #rest > 0 then usage_error("unexpected argument " .. rest[1]) end
    local p = open(file)
    local books = p:codebooks()
    print(string.format("%s: %d documents, %d codes, %d codebook versions",
        file, p:documents():nrow(), p:codes():nrow(), books:nrow()))
    print("segments: " .. status_counts(p))
    local coders = p:coders()
    print("by coder:")
    for _, c in coders:rows() do
        print(string.format("  %-16s %d segments, %d decisions, %d memos",
            c.coder, c.segments, c.decisions, c.memos))
    end
    if coders:nrow() > 1 then
        print("agreement with the auto-coder (by unit, all codes pooled):")
        agreement_lines(p, coders)
    end
end

cmds["export-csv"] = function(file, rest, opts)
    if #rest ~= 1 then usage_error("export-csv needs PROJECT and OUT.csv") end
    local p = open(file)
    local seg = p:segments({ status = opts.status, coder = opts.coder,
                             code = opts.code, doc = opts.doc,
                             with_gone = opts["with-gone"] or nil })
    seg:write_csv(rest[1])
    print(string.format("%s: %d segments written", rest[1], seg:nrow()))
end

cmds["export-qdpx"] = function(file, rest, opts)
    if #rest ~= 1 then usage_error("export-qdpx needs PROJECT and OUT.qdpx") end
    open(file):write_qdpx(rest[1], { all = opts.all or nil })
    print(string.format("%s: written", rest[1]))
end

cmds["import-qdpx"] = function(file, rest, opts)
    if #rest ~= 1 then usage_error("import-qdpx needs PROJECT and IN.qdpx") end
    local r = open(file):read_qdpx(rest[1], { coder = opts.coder })
    print(string.format("%s: %d sources (%d new documents), %d new codes, "
        .. "%d codings, %d memos%s", rest[1], r.sources, r.documents, r.codes,
        r.segments, r.memos, r.skipped > 0 and string.format(
            "; %d notes of the auto-coder left out", r.skipped) or ""))
end

local takes = {
    add = { meta = true, ["meta-id"] = true, encoding = true, invalid = true },
    code = { codebook = true, unit = true, codes = true },
    ["export-csv"] = { status = true, coder = true, code = true, doc = true,
                       ["with-gone"] = false },
    ["export-qdpx"] = { all = false },
    ["import-qdpx"] = { coder = true },
}

local cmd, file = arg[1], arg[2]
if cmd == "-h" or cmd == "--help" then
    io.stdout:write(usage)
    os.exit(0)
end
if not cmd then usage_error("a subcommand is needed: init, add, code, status, export-csv, export-qdpx or import-qdpx") end
if not cmds[cmd] then usage_error("unknown subcommand " .. cmd) end
if not file or file:sub(1, 1) == "-" then usage_error(cmd .. " needs a PROJECT file") end
local opts, rest = parse(3, takes[cmd] or {})
command.or_die("project", cmds[cmd], file, rest, opts)
