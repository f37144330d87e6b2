-- partial.lua - what `coda code --shard K/N --partial FILE` adds: checking
-- those options, and a run's aggregates written as a partial result that
-- `coda merge` adds up exactly (lib/merge.lua).  A partial is JSON:
--   format       "coda-partial/1"
--   fingerprint  what must agree for partials to merge: the codebook
--                file's SHA-1, the options that change results, coda's
--                version
--   shard        { k, n } (0 of 1 for a run without --shard)
--   documents    the sorted ids of the documents read, and their count;
--                documents_sha1 the SHA-1 of the ids joined by "\n"
--   units        the units read (all speakers)
--   codes        the codes counted, in codebook order
--   per_code     code -> { segments, units, documents } it appears in
--   matrix       doc -> segments per code (in codes order), for the
--                documents with a segment
--   cooccurrence { code_a, code_b, units } of the pairs seen together
local coda = require("coda")
local provenance = require("lib.provenance")

local M = {}

M.FORMAT = "coda-partial/1"

--- the options of `coda code` that change what a run counts, in the
--- order a refusal names them
M.OPTIONS = { "unit", "speakers", "exclude_speakers", "codes",
              "input_format", "ids", "encoding", "invalid" }

-- what an option left out means, so that "--ids name" and no --ids agree
local DEFAULTS = { unit = "turn", input_format = "auto", ids = "name",
                   encoding = "utf-8", invalid = "error" }

--- usage_error(msg) unless --shard is K/N with 0 <= K < N <= 1000000
function M.check(o, usage_error)
    if not o.shard then return end
    local k, n = o.shard:match("^(%d+)/(%d+)$")
    if not k or #n > 7 or tonumber(n) > 1000000 or tonumber(k) >= tonumber(n) then
        usage_error("--shard takes K/N, whole numbers with 0 <= K < N " ..
                    "(K is $SLURM_ARRAY_TASK_ID of --array=0-(N-1)), not " ..
                    o.shard)
    end
end

--- the codes a run counts: --codes, else the codebook's, in its order
local function code_list(cb, o)
    if not o.codes then return cb:names() end
    local list = {}
    for c in o.codes:gmatch("[^,]+") do list[#list + 1] = c end
    return list
end

--- value -> count of ds:frequency(col)
local function tally(ds, col)
    local t = {}
    for _, r in ds:frequency(col):rows() do t[r.value] = r.count end
    return t
end

--- code -> { segments, units, documents }: distinct (doc, unit) and doc
--- per code, counted in C by group_by and frequency
local function per_code(seg, codes)
    local segs = tally(seg, "code")
    local units = tally(seg:group_by("code", "doc", "unit")
                            :summarise({ n = { "count" } }), "code")
    local docs = tally(seg:group_by("code", "doc")
                           :summarise({ n = { "count" } }), "code")
    local t = {}
    for _, c in ipairs(codes) do
        t[c] = { segments = segs[c] or 0, units = units[c] or 0,
                 documents = docs[c] or 0 }
    end
    return t
end

local function matrix(seg, codes)
    local t = {}
    for _, r in seg:matrix("doc", { codes = codes }):rows() do
        local row = {}
        for i, c in ipairs(codes) do row[i] = r[c] end
        t[r.doc] = row
    end
    return t
end

local function cooccurrence(seg, codes)
    local t = {}
    for _, r in seg:cooccurrence({ codes = codes }):rows() do
        t[#t + 1] = { r.code_a, r.code_b, r.units }
    end
    return t
end

--- the sorted ids of the documents Dataset's doc column
local function doc_ids(docs)
    local ids = {}
    for _, r in docs:rows() do ids[#ids + 1] = r.doc end
    table.sort(ids)
    return ids
end

--- what a run's partial says of itself: format, fingerprint, shard and
--- codes (o the command's options)
local function head(cb, o)
    local fp = { codebook_sha1 = (provenance.file_hash(o.codebook)),
                 coda = coda.version, options = {} }
    for _, k in ipairs(M.OPTIONS) do fp.options[k] = o[k] or DEFAULTS[k] or "" end
    local k, n = (o.shard or "0/1"):match("^(%d+)/(%d+)$")
    return { format = M.FORMAT, fingerprint = fp, codes = code_list(cb, o),
             shard = { k = tonumber(k), n = tonumber(n) } }
end

--- the counts of a batch of whole documents: seg its segments, corpus its
--- units, docs its documents Dataset
local function counts_of(seg, corpus, docs, codes)
    return { documents = doc_ids(docs), units = corpus:nrow(),
             per_code = per_code(seg, codes), matrix = matrix(seg, codes),
             cooccurrence = cooccurrence(seg, codes) }
end

--- an empty sum of partials like first (its fingerprint, shard, codes)
function M.sum(first)
    local s = { format = M.FORMAT, fingerprint = first.fingerprint,
                shard = first.shard, codes = first.codes, documents = {},
                units = 0, per_code = {}, matrix = {}, pairs = {}, index = {} }
    for i, c in ipairs(first.codes) do
        s.per_code[c] = { segments = 0, units = 0, documents = 0 }
        s.index[c] = i
    end
    return s
end

--- add the partial p (of other documents than s holds) into the sum s
function M.add(s, p)
    for _, d in ipairs(p.documents) do s.documents[#s.documents + 1] = d end
    s.units = s.units + p.units
    for d, row in pairs(p.matrix) do s.matrix[d] = row end
    for _, c in ipairs(s.codes) do
        local to, from = s.per_code[c], p.per_code[c]
        for k, v in pairs(to) do to[k] = v + from[k] end
    end
    for _, r in ipairs(p.cooccurrence) do      -- a pair in codebook order
        local a, b = r[1], r[2]
        if s.index[a] > s.index[b] then a, b = b, a end
        local key = a .. "\0" .. b
        s.pairs[key] = (s.pairs[key] or 0) + r[3]
    end
end

--- the partial a sum adds up to: documents sorted, pairs in codebook order
function M.total(s)
    table.sort(s.documents)
    local t = { format = s.format, fingerprint = s.fingerprint, shard = s.shard,
                codes = s.codes, documents = s.documents,
                ndocuments = #s.documents,
                documents_sha1 = coda.sha1(table.concat(s.documents, "\n")),
                units = s.units, per_code = s.per_code, matrix = s.matrix,
                cooccurrence = {} }
    for i, a in ipairs(s.codes) do
        for j = i + 1, #s.codes do
            local n = s.pairs[a .. "\0" .. s.codes[j]]
            if n then t.cooccurrence[#t.cooccurrence + 1] = { a, s.codes[j], n } end
        end
    end
    return t
end

--- a run's partial made batch by batch: :add(seg, corpus, docs) for each
--- batch of whole documents, then :write() to o.partial (atomically)
function M.collector(cb, o)
    local s = M.sum(head(cb, o))
    local c = {}
    function c:add(seg, corpus, docs)
        M.add(s, counts_of(seg, corpus, docs, s.codes))
    end
    function c:write()
        coda.write_file(o.partial, coda.json_encode(M.total(s)) .. "\n")
    end
    return c
end

return M
