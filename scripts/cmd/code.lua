-- code.lua - `coda code`: code transcripts with a codebook and write the
-- segments (CSV, JSON lines, a keyword-in-context listing or an HTML
-- review page).  Exit status: 0 done, 1 a data error, 2 a usage error.
local coda = require("coda")

local usage = [[
usage: coda code --codebook FILE [options] PATH...

Codes the transcripts in PATH (.txt, Word .docx, WebVTT .vtt and SubRip
.srt files, or folders of them; "-" reads id,text CSV or JSON lines
{"id":..,"text":..} from standard input) and writes one row per coded
segment: doc, unit, speaker, code, start, stop, match.

  --codebook FILE        the codebook (.csv or .qdc)            (required)
  --unit UNIT            document | paragraph | turn | sentence (turn)
  --speakers REGEX       code only the turns of speakers whose whole name
                         matches REGEX, in any case ("R1|R2", "R.*")
  --exclude-speakers REGEX  leave out the turns of those speakers
  --codes A,B,...        only these codes
  --format FORMAT        csv | jsonl | kwic | html              (csv)
  --out FILE             write FILE (atomically) instead of standard output
  --context N            kwic: characters of context each side (30)
  --page-kb N            html: about N KB of transcript text a page (256);
                         more than one page: FILE is an index and the
                         pages are FILE-1.html, FILE-2.html ... beside it
  --threads N            coding threads (0: one per core)
  --batch-kb N           read, code and write about N KB of transcript
                         text at a time, in whole documents (65536): the
                         memory a run takes grows with N, not the corpus
  --max-record SIZE      standard input: the most one record (a JSON line,
                         a CSV record) may take, as 512K, 64M, 2G (1G)
  --encoding NAME        text files are in NAME (cp1252, latin1, utf-16, or
                         any name `iconv -l` lists), not UTF-8
  --invalid replace      replace invalid bytes with U+FFFD instead of failing
  --input-format NAME    how speaker turns are marked: auto | plain |
                         timestamped | rev | otter | qa | vtt | srt (auto)
  --ids path             document ids from the paths (site1/g), not the
                         file names (g), which two folders may share
  --shard K/N            code only shard K of N (0 <= K < N): the documents
                         whose id's FNV-1a hash is K modulo N (docs/scale.md)
  --partial FILE         also write the run's counts as a partial result
                         for `coda merge` (docs/scale.md)
  --verbose              a line per document on stderr: format, units,
                         speakers
  -h, --help             this text

Warnings (an empty document, one without speaker labels, a time that is
none) go to stderr as "coda code: warning: ...".

Exit status: 0 success, 1 a data error, 2 a usage error.
]]

local command = require("lib.command")

local function usage_error(msg) command.usage_error("code", msg) end
local function data_error(msg) command.data_error("code", msg) end

local valued = {
    ["--codebook"] = "codebook", ["--unit"] = "unit", ["--speakers"] = "speakers",
    ["--exclude-speakers"] = "exclude_speakers", ["--codes"] = "codes",
    ["--format"] = "format", ["--out"] = "out", ["--threads"] = "threads",
    ["--invalid"] = "invalid", ["--encoding"] = "encoding",
    ["--input-format"] = "input_format", ["--ids"] = "ids",
    ["--context"] = "context", ["--page-kb"] = "page_kb",
    ["--shard"] = "shard", ["--partial"] = "partial",
    ["--batch-kb"] = "batch_kb", ["--max-record"] = "max_record",
}
local flags = { ["--verbose"] = "verbose" }

local function parse(args)
    local o, paths = command.parse("code", args, valued, usage,
                                   { format = "csv", unit = "turn" }, flags)
    if not o.codebook then usage_error("--codebook FILE is required") end
    if #paths == 0 then usage_error("no PATH to code (use - for standard input)") end
    local units = { document = 1, paragraph = 1, turn = 1, sentence = 1 }
    if not units[o.unit] then usage_error("unknown --unit " .. o.unit) end
    local formats = { csv = 1, jsonl = 1, kwic = 1, html = 1 }
    if not formats[o.format] then usage_error("unknown --format " .. o.format) end
    for _, opt in ipairs({ "speakers", "exclude_speakers" }) do
        if o[opt] and (o.unit == "document" or o.unit == "paragraph") then
            usage_error(("--%s needs units with speakers: a %s has none (use "
                .. "--unit turn or sentence)"):format(opt:gsub("_", "-"), o.unit))
        end
    end
    for _, k in ipairs({ "threads", "context", "page_kb", "batch_kb" }) do
        if o[k] and not tostring(o[k]):match("^%d+$") then
            usage_error("--" .. k:gsub("_", "-") .. " needs a whole number")
        end
    end
    if o.context and o.format ~= "kwic" then usage_error("--context is for --format kwic") end
    if o.page_kb and o.format ~= "html" then usage_error("--page-kb is for --format html") end
    if o.page_kb and tonumber(o.page_kb) < 1 then usage_error("--page-kb must be at least 1") end
    if o.batch_kb and (tonumber(o.batch_kb) < 1 or tonumber(o.batch_kb) > 2^31 - 1) then
        usage_error("--batch-kb must be from 1 to 2147483647")
    end
    if o.invalid and o.invalid ~= "replace" and o.invalid ~= "error" then
        usage_error("--invalid must be replace or error")
    end
    local inputs = { auto = 1, plain = 1, timestamped = 1, rev = 1, otter = 1,
                     qa = 1, vtt = 1, srt = 1 }
    if o.input_format and not inputs[o.input_format] then
        usage_error("unknown --input-format " .. o.input_format ..
                    " (auto, plain, timestamped, rev, otter, qa, vtt, srt)")
    end
    if o.ids and o.ids ~= "name" and o.ids ~= "path" then
        usage_error("--ids must be name or path")
    end
    for _, p in ipairs(paths) do
        if p == "-" and #paths > 1 then usage_error("- must be the only PATH") end
    end
    if o.encoding and paths[1] == "-" then
        usage_error("--encoding is for files; standard input must be UTF-8")
    end
    if o.max_record and paths[1] ~= "-" then
        usage_error("--max-record is for standard input (-)")
    end
    if o.max_record and not command.size(o.max_record) then
        usage_error("--max-record takes a size like 512K, 64M or 2G, not " ..
                    o.max_record)
    end
    require("lib.partial").check(o, usage_error)
    return o, paths
end

local function plural(n, word)
    return n .. " " .. word .. (n == 1 and "" or "s")
end

--- "coda code: PATH: format F, N turns, M speakers" a document, into lines
local function describe(docs, unit, lines)
    for _, d in docs:rows() do
        lines[#lines + 1] = ("coda code: %s: format %s, %s, %s\n"):format(
            d.path or d.doc, d.format, plural(d.units, unit),
            plural(d.speakers, "speaker"))
    end
end

local o, paths = parse(arg)

--- "coda code: warning: ..." lines of a list of warnings, into lines
local function warnings(list, lines)
    for _, w in ipairs(list) do
        lines[#lines + 1] = "coda code: warning: " .. w .. "\n"
    end
end

-- The speaker filters choose among the corpus's speakers, and say so when
-- none is left: a first read tallies the speakers of the whole corpus
-- (coda.tally_speakers), batch by batch, before the coding read; a corpus
-- that cannot be read twice (a FIFO among the paths) is read as one batch.
local filtered = o.speakers or o.exclude_speakers

local function code_options()
    local opts = { progress = true, threads = tonumber(o.threads) }
    opts.speakers_regex = o.speakers
    opts.exclude_speakers_regex = o.exclude_speakers
    if o.codes then
        opts.codes = {}
        for c in o.codes:gmatch("[^,]+") do opts.codes[#opts.codes + 1] = c end
    end
    return opts
end

-- stderr as a whole read says it: the reading's warnings, the documents
-- (--verbose), then the coding's warnings
local read_lines, doc_lines, code_lines = {}, {}, {}
local function say_lines()
    for _, lines in ipairs({ read_lines, doc_lines, code_lines }) do
        for i, line in ipairs(lines) do
            if line then io.stderr:write(line) end
            lines[i] = false            -- said once
        end
    end
end

--- the first read of a filtered run: the reading's warnings and the
--- documents said as the coding read would say them, and the tally of
--- the speakers; standard input is kept in a temporary file (spool) for
--- the coding read
local function tally(next_batch)
    local who
    for corpus, read_warnings, docs in next_batch do
        warnings(read_warnings, read_lines)
        if o.verbose then describe(docs, o.unit, doc_lines) end
        local t = coda.tally_speakers(corpus, who)
        if who then who:close() end
        who = t
        corpus:close()
        docs:close()
    end
    return who
end

local ok, err = pcall(function()
    local cb = coda.read_codebook(o.codebook)
    for _, w in ipairs(cb:warnings()) do
        io.stderr:write("coda code: warning: ", o.codebook, ": ", w, "\n")
    end
    local copts = { unit = o.unit, invalid = o.invalid, encoding = o.encoding,
                    format = o.input_format, ids = o.ids,
                    batch_kb = tonumber(o.batch_kb) or 65536, shard = o.shard }
    local input = paths[1] == "-" and io.stdin or paths
    if input == io.stdin then copts.max_record = command.size(o.max_record or "1G") end
    local spool = filtered and input == io.stdin and io.tmpfile() or nil
    local first = {}
    for k, v in pairs(copts) do first[k] = v end
    first.copy = spool
    -- the read first: it notes its files, which no output may replace
    local next_batch, _, _, batches <close> =
        coda.corpus_batches(input, filtered and first or copts)
    local twice = filtered and (spool or batches:rereadable())
    local coding = { next_batch }
    if filtered and not twice then      -- a FIFO among the paths: one batch
        batches:close()
        copts.batch_kb = 2^31 - 1
        coding = table.pack(coda.corpus_batches(input, copts))
    end
    local path = o.out or "/dev/stdout"
    io.stdout:flush()
    local out <close> = coda.segment_writer(path, o.format, {
        context = tonumber(o.context), page_kb = tonumber(o.page_kb),
        codebook = cb })
    local opts = code_options()
    local said = false          -- the speaker filters' warnings
    if twice then
        opts.speakers_of = tally(next_batch)
        if spool then
            spool:flush()
            spool:seek("set")
        end
        coding = table.pack(coda.corpus_batches(spool or input, copts))
    end
    local part = o.partial and require("lib.partial").collector(cb, o)
    for corpus, read_warnings, docs in table.unpack(coding, 1, 4) do
        if not twice then
            warnings(read_warnings, read_lines)
            if o.verbose then describe(docs, o.unit, doc_lines) end
        end
        local seg, speaker_warnings = cb:code(corpus, opts)
        if not said then warnings(speaker_warnings, code_lines) end
        said = twice
        out:write(seg, corpus)
        if part then part:add(seg, corpus, docs) end
        seg:close()             -- the batch's memory, now
        corpus:close()
        docs:close()
    end
    say_lines()
    if part then part:write() end
    out:commit()
end)
-- cb:code's own messages start "code: ", which the command's name says
if not ok then
    say_lines()
    local msg = command.message(err):gsub("^code: ", "")
    data_error((msg:gsub("the most one record may take$", "%0 (--max-record "
                         .. "raises it)")))
end
