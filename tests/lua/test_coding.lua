-- test_coding.lua - the coding bindings: read_codebook (CSV and .qdc),
-- read_corpus, cb:code and its options, the segment summaries, write_qdc
-- validated against the REFI schema, and the errors they raise.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local FIX = "tests/fixtures/coding/"
local T = {}

local function book(text)
    return coda.read_codebook(h.write("cb.csv", text))
end

local function fgd(unit)
    return coda.read_corpus(FIX .. "fgd", { unit = unit or "turn" })
end

function T.codebook_reads_codes_in_order()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    eq(#cb, 6)
    eq(cb:size(), 6)
    eq(cb:names(), { "violence", "forced_marriage", "beating", "fir", "debt",
                     "trafficking_bn" })
    local codes = cb:codes()
    eq(codes:names(), { "code", "parent", "path", "description", "patterns", "memo" })
    eq(codes:get(2, "path"), "violence/forced_marriage")
    eq(codes:get(2, "patterns"), 2)
    eq(codes:get(1, "parent"), nil)
    eq(tostring(cb), "Codebook (6 codes)")
end

function T.codebook_compile_error_names_code_pattern_offset()
    local p = h.write("bad.csv", "code,pattern\nok,x\nbroken,\"a(b\"\n")
    local e = err(function() coda.read_codebook(p) end)
    h.assert_match(e, p .. ":3: code \"broken\": pattern \"a(b\" does not "
        .. "compile at offset 3: missing closing parenthesis", true)
    h.assert_match(e, "^.-test_coding%.lua:%d+: ")
end

function T.codebook_warns_of_columns_it_ignores()
    local cb = book("Code,Pattern,Exclud,memo\nfir,\\bFIR\\b,\\bno FIR\\b,m\n")
    eq(cb:names(), { "fir" })
    eq(cb:warnings(), {
        'column "Exclud" is not one coda reads and is ignored (did you mean "exclude"?)',
    })
    eq(cb:codes():get(1, "memo"), "m", "the memo column is kept")
    eq(cb:test("fir", "no FIR"), 4, "the misspelt exclude vetoes nothing")
    eq(book("code,pattern\na,x\n"):warnings(), {})
end

function T.codebook_other_errors()
    err(function() book("code,regex\na,b\n") end, "columns code and pattern",
        true)
    err(function() book("code,pattern,flags\na,b,cz\n") end,
        ":2: code \"a\": unknown flag 'z'", true)
    local cat = book("code,pattern,parent\na,b,group\n")
    eq(cat:names(), { "group", "a" })
    eq(cat:codes():get(2, "path"), "group/a")
    err(function() book("code,pattern,parent\na,b,a\n") end,
        "parent \"a\" is itself", true)
    err(function() coda.read_codebook("/nonexistent.csv") end,
        "/nonexistent.csv: cannot open", true)
    err(function() coda.read_codebook(FIX .. "codebook.csv", { bogus = 1 }) end,
        "unknown option \"bogus\"", true)
end

function T.codebook_test_applies_boundaries_flags_exclude()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    eq({ cb:test("forced_marriage", "जबरन शादी की गई") }, { 14, 25 })
    eq(cb:test("forced_marriage", "शादीशुदा"), nil)
    eq({ cb:test("fir", "an FIR was filed") }, { 4, 6 })
    eq(cb:test("fir", "an fir was filed"), nil)          -- flag c
    eq(cb:test("fir", "no FIR was filed"), nil)          -- exclude
    eq({ cb:test("trafficking_bn", "সে পাচার হয়েছিল") }, { 8, 22 })
    err(function() cb:test("nope", "x") end, "no code \"nope\"", true)
end

function T.corpus_units_and_columns()
    local c = fgd("turn")
    eq(c:names(), { "doc", "unit", "speaker", "text" })
    eq(c:nrow(), 10)
    eq(h.values(c, "doc")[6], "fgd02")
    eq(c:get(2, "speaker"), "R1")
    eq(c:get(2, "text"), "My sister was married off at 14. They took an "
        .. "advance from my father.\nThe debt was never repaid.")
    eq(c:get(2, "unit"), 2)
    eq(fgd("document"):nrow(), 3)
    eq(fgd("document"):get(1, "speaker"), nil)
    eq(fgd("paragraph"):nrow(), 4)
    local s = fgd("sentence")
    eq(s:get(s:nrow(), "text"), "তারপর কেউ সাহায্য করেনি।")
    local hindi = s:filter("doc", "==", "fgd02")
    eq(h.values(hindi, "text"), { "आप अपने अनुभव के बारे में बताइए।",
        "मेरी जबरन शादी की गई।", "वे हमें मारते थे॥", "फिर मैं भाग गई।",
        "मेरी बहन को भी ले गए।", "कोई FIR नहीं हुई।", n = 6 })
    err(function() coda.read_corpus(FIX .. "fgd", { unit = "line" }) end,
        "unknown unit \"line\"", true)
end

function T.corpus_meta_and_arrays_and_datasets()
    local c = coda.read_corpus(FIX .. "fgd", { meta = FIX .. "meta.csv" })
    eq(c:names(), { "doc", "unit", "speaker", "text", "state", "group" })
    eq(c:get(10, "group"), "families")
    local two = coda.read_corpus({ FIX .. "fgd/fgd03.txt", FIX .. "fgd/fgd01.txt" })
    eq(two:get(1, "doc"), "fgd03")
    eq(two:get(3, "doc"), "fgd01")
    local docs = coda.read_csv(h.write("docs.csv",
        "id,text\n7,\"R1: hello\nR2: a loan\"\n8,nothing\n"), { infer = false })
    local d = coda.read_corpus(docs)
    eq(h.values(d, "doc"), { "7", "7", "8", n = 3 })
    eq(d:get(2, "text"), "a loan")
end

function T.corpus_invalid_utf8()
    local dir = h.mkdir("bad")
    local f = assert(io.open(dir .. "/x.txt", "wb"))
    f:write("R1: fine\nR2: bro\xffken")
    f:close()
    err(function() coda.read_corpus(dir) end,
        dir .. "/x.txt:2: invalid UTF-8 in document \"x\" at line 2, byte 8 "
        .. "of the line (byte 17 of the file): 0xFF; name the file's encoding "
        .. "with --encoding NAME (encoding = \"NAME\"), or use --invalid "
        .. "replace (invalid = \"replace\")", true)
    local c = coda.read_corpus(dir, { invalid = "replace" })
    eq(c:get(2, "text"), "bro\u{FFFD}ken")
    local cb = book("code,pattern\nk,ken\n")
    eq(cb:code(c):get(1, "start"), 7)
end

-- The rows of ds as arrays of the values of cols.
local function rows(ds, cols)
    local t = {}
    for i = 1, ds:nrow() do
        t[i] = {}
        for j, c in ipairs(cols) do t[i][j] = ds:get(i, c) end
    end
    return t
end

-- cb:code with each: batches of whole documents, in order, the same rows
-- as one call, each batch closed once its function returns.
function T.code_in_batches()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local docs_csv = { "id,text" }
    for i = 1, 6 do -- documents of 1.2 to 2.7 KB: several to a batch of 4 KB
        local f = assert(io.open(FIX .. "fgd/fgd0" .. (i % 3 + 1) .. ".txt"))
        local text = f:read("a"):rep(i % 3 + 6):gsub('"', '""')
        f:close()
        docs_csv[#docs_csv + 1] = ("d%d,\"%s\""):format(i, text)
    end
    local c = coda.read_corpus(coda.read_documents(table.concat(docs_csv, "\n")),
                               { unit = "sentence" })
    local cols = { "doc", "unit", "speaker", "code", "start", "stop", "match" }
    local whole = rows(cb:code(c), cols)
    for _, kb in ipairs({ 1, 4, 65536 }) do
        local got, docs, batches, kept = {}, {}, 0, nil
        local n, warnings = cb:code(c, { batch_kb = kb, each = function(seg)
            batches = batches + 1
            local seen = {}
            for _, r in ipairs(rows(seg, cols)) do
                got[#got + 1] = r
                assert(not docs[r[1]] or seen[r[1]], "a document in two batches")
                docs[r[1]], seen[r[1]] = true, true
            end
            kept = seg
        end })
        eq(n, #whole)
        eq(warnings, {})
        eq(got, whole, "batch_kb " .. kb)
        if kb == 1 then eq(batches, 6) end
        if kb == 4 then assert(batches > 1 and batches < 6, "batches of 4 KB: " .. batches) end
        if kb == 65536 then eq(batches, 1) end
        err(function() kept:nrow() end, "closed Dataset", true)
    end
    local total = 0
    cb:code(c, { codes = { "debt" }, speakers = "R1", each = function(seg)
        total = total + seg:nrow()
    end })
    eq(total, cb:code(c, { codes = { "debt" }, speakers = "R1" }):nrow())
    assert(total > 0)
    err(function() cb:code(c, { each = 1 }) end, "option each must be a function", true)
    err(function() cb:code(c, { each = print, batch_kb = 0 }) end, "batch_kb", true)
    err(function() cb:code(c, { each = function() error("stop here") end }) end,
        "stop here", true)
end

-- The fixtures of tests/fixtures/encodings, their turns known by hand.
function T.corpus_encodings()
    local enc = "tests/fixtures/encodings/"
    local c, w = coda.read_corpus(enc .. "cp1252.txt", { encoding = "cp1252" })
    eq(c:get(2, "text"), "At the café. They said “we took an advance” – and "
        .. "they beat us.")
    eq(w, {})
    local seg = coda.read_codebook(FIX .. "codebook.csv"):code(c)
    eq(rows(seg, { "code", "start", "stop", "match" }),
       { { "debt", 39, 45, "advance" }, { "beating", 63, 66, "beat" } })
    eq(coda.read_corpus(enc .. "latin1.txt", { encoding = "latin1" })
       :get(2, "text"), "Señor Peña took an advance; £200 was the debt.")
    eq(h.values(coda.read_corpus(enc .. "utf16le_bom.txt",
                                 { encoding = "utf-16" }), "text"),
       { "मेरी जबरन शादी की गई।", "They beat us.", n = 2 })
    err(function() coda.read_corpus(enc .. "cp1252.txt") end,
        enc .. "cp1252.txt:2: invalid UTF-8 in document \"cp1252\" at line 2, "
        .. "byte 15 of the line (byte 49 of the file): 0xE9; it looks like "
        .. "Windows-1252 text: try --encoding cp1252 (encoding = \"cp1252\")",
        true)
    err(function() coda.read_corpus(enc .. "utf16le_bom.txt") end,
        "read it with --encoding utf-16 (encoding = \"utf-16\")", true)
    err(function() coda.read_corpus(enc, { encoding = "nope" }) end,
        "unknown encoding \"nope\"", true)
    err(function() coda.read_corpus(enc, { encoding = {} }) end,
        "string expected", true)
    local docs = coda.read_csv(h.write("d.csv", "id,text\n1,x\n"))
    err(function() coda.read_corpus(docs, { encoding = "latin1" }) end,
        "an encoding is for files; documents in memory are UTF-8", true)
    eq(coda.read_corpus(docs, { encoding = "UTF-8" }):nrow(), 1)
    local _, warned = coda.read_corpus(FIX .. "fgd/fgd02.txt",
                                       { encoding = "latin1" })
    eq(warned, { FIX .. "fgd/fgd02.txt: the file is UTF-8 text, read as "
        .. "latin1; if its characters come out wrong, leave out --encoding "
        .. "(encoding =)" })
end

-- tests/fixtures/docx/interview as a .docx: its turns (listed in the
-- fixture) and what the codebook finds in them (the deleted "loan" and
-- "beat" are not there to find).
function T.corpus_docx()
    local dir = h.mkdir("docx")
    assert(os.execute("bash tests/fixtures/docx/make.sh " .. h.quote(dir)))
    local c, w = coda.read_corpus(dir .. "/interview.docx")
    eq(w, {})
    eq(h.values(c, "speaker"), { nil, "Interviewer", "R1", "Interviewer",
                                 "R1", n = 5 })
    eq(c:get(4, "text"), "Did they hit you?")
    local seg = coda.read_codebook(FIX .. "codebook.csv"):code(c)
    eq(rows(seg, seg:names()), {
        { "interview", 3, "R1", "debt", 14, 20, "advance" },
        { "interview", 5, "R1", "beating", 11, 14, "beat" } })
    local both = coda.read_corpus({ dir, FIX .. "fgd/fgd01.txt" })
    eq(h.values(both, "doc")[1], "interview")
    eq(both:nrow(), 5 + 5)
    local bad = h.write("x.docx", "not a zip")
    err(function() coda.read_corpus(bad) end,
        bad .. ": not a zip archive (a .docx is one)", true)
end

function T.code_segments_match_string_find()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local c = fgd()
    local seg = cb:code(c)
    eq(seg:names(), { "doc", "unit", "speaker", "code", "start", "stop", "match" })
    eq(seg:nrow(), 9)
    local texts = {}
    for _, u in c:rows() do texts[u.doc .. "/" .. u.unit] = u.text end
    for _, s in seg:rows() do
        local text = texts[s.doc .. "/" .. s.unit]
        eq(text:sub(s.start, s.stop), s.match)
        eq({ text:find(s.match, s.start, true) }, { s.start, s.stop })
    end
    eq(seg:get(1, "code"), "forced_marriage")
    eq({ seg:get(1, "start"), seg:get(1, "stop") }, { 15, 25 })
    eq(seg:get(7, "match"), "शादी")
end

function T.code_options()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local c = fgd()
    local all = cb:code(c)
    local no_mod = cb:code(c, { exclude_speakers = { "Moderator" } })
    eq(no_mod:nrow(), all:nrow() - 1)
    eq(h.contents(cb:code(c, { exclude_speakers = "Mod.*" })), h.contents(no_mod))
    eq(h.contents(cb:code(c, { speakers = "^R%d$" })), h.contents(no_mod))
    eq(h.contents(cb:code(c, { speakers_regex = "^R\\d$" })), h.contents(no_mod))
    eq(cb:code(c, { speakers = { "R2" } }):nrow(), 2)
    local only = cb:code(c, { codes = { "debt", "fir" } })
    eq(h.values(only, "code"), { "debt", "debt", "fir", n = 3 })
    for _, t in ipairs({ 1, 2, 3 }) do
        for _, pf in ipairs({ true, false }) do
            eq(h.contents(cb:code(c, { threads = t, prefilter = pf, ascii = pf })),
               h.contents(all))
        end
    end
    err(function() cb:code(c, { codes = { "nope" } }) end, "no code \"nope\"", true)
    err(function() cb:code(c, { speaker = "x" }) end, "unknown option \"speaker\"",
        true)
    err(function() cb:code(c, { speakers_regex = "(" }) end,
        "pattern \"(\" does not compile at offset 1", true)
    err(function() cb:code(coda.read_csv(FIX .. "meta.csv")) end,
        "the corpus needs a string column \"doc\"", true)
    err(function() cb:code(nil) end, "Dataset expected", true)
end

-- The fixture's turns: Moderator 4, R1 3, R2 3; of the 9 segments one is
-- the Moderator's (fgd01 unit 4) and 2 are R2's.
function T.speaker_filters_match_whole_names_in_any_case()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local c = fgd()
    local function code(o)
        local seg, w = cb:code(c, o)
        return seg:nrow(), w
    end
    eq({ code({ exclude_speakers = { "moderator" } }) }, { 8, {} })
    eq({ code({ exclude_speakers = "MODERATOR" }) }, { 8, {} })
    eq({ code({ speakers = "r%d" }) }, { 8, {} })
    eq({ code({ speakers = "%u%d" }) }, { 8, {} })
    eq({ code({ speakers = "R.*" }) }, { 8, {} })
    eq({ code({ speakers_regex = "r2" }) }, { 2, {} })
    eq({ code({ exclude_speakers_regex = "R\\d" }) }, { 1, {} })
    eq({ code({ exclude_speakers = ".*" }) }, { 0, {} })  -- asked for
    eq({ code({ exclude_speakers = "R" }) }, { 9, {
        'no speaker "R" in the corpus: a filter matches whole names ("R.*" matches R1 and R2)' } })
    err(function() cb:code(c, { speakers = "R" }) end,
        'code: the speaker filters leave no unit to code: no speaker "R" in the '
        .. 'corpus: a filter matches whole names ("R.*" matches R1 and R2)', true)
    err(function() cb:code(c, { speakers_regex = "(?-i)moderator" }) end,
        'no unit to code: no speaker "(?-i)moderator" in the corpus (its '
        .. 'speakers: Moderator, R1 and R2)', true)
    err(function() cb:code(c, { speakers = { "R1" }, exclude_speakers = "R1" }) end,
        "code: the speaker filters leave no unit to code", true)
end

function T.speaker_filters_that_name_nobody_are_warned_of()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local c = fgd()
    local seg, w = cb:code(c, { exclude_speakers = { "Moderatr" } })
    eq(seg:nrow(), 9, "the misspelt name leaves nobody out")
    eq(w, { 'no speaker "Moderatr" in the corpus; did you mean "Moderator"?' })
    seg, w = cb:code(c, { exclude_speakers_regex = "Moderator|Facilitator" })
    eq(seg:nrow(), 8)
    eq(w, { 'no speaker "Facilitator" in the corpus (its speakers: Moderator, R1 and R2)' })
    seg, w = cb:code(c, { speakers = { "R1", "R3", "r2" } })
    eq(seg:nrow(), 8)
    eq(w, { 'no speaker "R3" in the corpus (its speakers: Moderator, R1 and R2)' })
    err(function() cb:code(c, { speakers = "Respondent" }) end,
        'no speaker "Respondent" in the corpus (its speakers: Moderator, R1 and R2)', true)
    seg, w = cb:code(c:filter("doc", "==", "nobody"), { speakers = "Respondent" })
    eq({ seg:nrow(), w }, { 0, {} }, "no units: nothing to choose among")
end

function T.speaker_filters_need_units_with_speakers()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    for _, unit in ipairs({ "document", "paragraph" }) do
        err(function() cb:code(fgd(unit), { exclude_speakers = { "Moderator" } }) end,
            "code: a speaker filter, but no unit of the corpus has a speaker", true)
    end
    err(function() cb:code(fgd(), { speakers = { "R1", 3 } }) end,
        "option speakers must be a Lua pattern or an array of names", true)
    err(function() cb:code(fgd(), { speakers = { "R1\0x" } }) end,
        "without a NUL byte", true)
    err(function() cb:code(fgd(), { speakers_regex = { "R1" } }) end,
        "option speakers_regex must be a PCRE2 pattern (a string)", true)
    err(function() cb:code(fgd(), { exclude_speakers = true }) end,
        "option exclude_speakers must be a Lua pattern or an array of names", true)
    err(function() cb:code(fgd(), { speakers = "R%" }) end,
        "code: option speakers: malformed pattern (ends with '%')", true)
    err(function() cb:code(fgd(), { exclude_speakers_regex = "R1\0|Moderator" }) end,
        "code: option exclude_speakers_regex holds a NUL byte", true)
end

function T.match_limit_is_an_error()
    local cb = book("code,pattern\nbomb,(a+)+$\n")
    local docs = coda.read_csv(h.write("long.csv", "id,text\nlong," ..
        string.rep("a", 3000) .. "b\n"), { infer = false })
    local c = coda.read_corpus(docs, { unit = "document" })
    err(function() cb:code(c) end,
        "code \"bomb\" hit the PCRE2 match limit in document \"long\", unit 1",
        true)
end

function T.segment_summaries()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local c = fgd()
    local seg = cb:code(c)
    local cases = seg:cases("doc", { corpus = c })
    eq(cases:names(), { "doc", "codes" })
    eq(cases:type("codes"), "multi")
    eq(cases:get(3, "codes"), { "trafficking_bn" })
    eq(cases:get(1, "codes"), { "forced_marriage", "debt", "beating", "fir" })
    local sub = seg:filter("doc", "==", "fgd03")
    eq(sub:cases("doc"):nrow(), 1)
    eq(sub:cases("doc", { corpus = c }):nrow(), 3)
    eq(sub:cases("doc", { corpus = c }):get(1, "codes"), {})
    local m = seg:matrix("doc", { codes = cb })
    eq(m:names(), { "doc", "violence", "forced_marriage", "beating", "fir",
                    "debt", "trafficking_bn" })
    eq(m:get(1, "debt"), 2)
    eq(seg:matrix("doc", { presence = true }):get(1, "debt"), 1)
    local co = seg:cooccurrence()
    eq(co:names(), { "code_a", "code_b", "units" })
    eq(co:nrow(), 3)
    eq({ co:get(1, "code_a"), co:get(1, "code_b"), co:get(1, "units") },
       { "forced_marriage", "debt", 1 })
    err(function() c:cases("doc") end,
        "cases: the segments need a string column \"code\"", true)
    err(function() c:cooccurrence() end, "the segments need", true)
    err(function() seg:matrix("nope") end, "column \"nope\"", true)
end

local function xmllint_ok(path)
    local cmd = "xmllint --noout --schema " .. h.quote(FIX .. "Codebook.xsd")
        .. " " .. h.quote(path) .. " 2>&1"
    local p = assert(io.popen(cmd))
    local out = p:read("a")
    local ok = p:close()
    return ok, out
end

function T.qdc_round_trip_validates()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local a, b = h.path("a.qdc"), h.path("b.qdc")
    eq(cb:write_qdc(a), cb)
    local ok, out = xmllint_ok(a)
    h.assert_true(ok, "xmllint: " .. out)
    local back = coda.read_codebook(a)
    back:write_qdc(b)
    eq(h.read(a), h.read(b))
    local c = fgd()
    eq(h.contents(back:code(c)), h.contents(cb:code(c)))
    eq(h.contents(back:codes()), h.contents(cb:codes()))
    h.assert_match(h.read(a), '<CodeBook origin="coda" xmlns="urn:QDA-XML:codebook:1.0">',
        true)
    h.assert_match(h.read(a), 'isCodable="false"', true)
end

function T.qdc_from_another_tool()
    local cb = coda.read_codebook(FIX .. "other_tool.qdc")
    eq(cb:names(), { "Challenges", "Police", "Stigma" })
    eq(cb:codes():get(2, "path"), "Challenges/Police")
    eq({ cb:test("Police", "The police refused.") }, { 5, 10 })
    local out = h.path("o.qdc")
    cb:write_qdc(out)
    h.assert_true(xmllint_ok(out))
end

function T.check_reports()
    local cb = coda.read_codebook(FIX .. "bad_codebook.csv", { lenient = true })
    local res = cb:check()
    eq(res:names(), { "code", "check", "status", "detail" })
    local fails = res:filter("status", "==", "fail")
    local got = {}
    for _, r in fails:rows() do got[#got + 1] = r.code .. ":" .. r.check end
    eq(got, { "broken:compile", "beating:counterexample", "orphan:never",
              "vetoed:example" })
    eq(res:filter("status", "==", "warn"):nrow(), 1)
    err(function() cb:code(fgd()) end, "the codebook has errors", true)
end

-- The fixture's 10 turns: beating matches 3 of them, forced_marriage 2,
-- debt 1 (twice in one), fir 1, trafficking_bn 1.
function T.check_measures_shares_of_a_corpus()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local function shares(o)
        local got = {}
        for _, r in cb:check(o):filter("check", "==", "share"):rows() do
            got[#got + 1] = r.code .. " " .. r.status .. " " .. r.detail
        end
        return got
    end
    eq(shares(), {}, "no corpus, no shares")
    eq(shares({ corpus = fgd(), max_share = 0.25 }), {
        "forced_marriage ok matches 2 of 10 units (20.0%)",
        "beating fail matches 3 of 10 units (30.0%), more than the 25% a code "
            .. "may take: it does not tell units apart",
        "fir ok matches 1 of 10 units (10.0%)",
        "debt ok matches 1 of 10 units (10.0%)",
        "trafficking_bn ok matches 1 of 10 units (10.0%)",
    })
    eq(cb:check({ corpus = fgd() }):filter("status", "~=", "ok"):nrow(), 0,
       "at most half by default")
    local all = book("code,pattern\nword,\\w+\nhalf,\\bR1\\b|\\bR2\\b\n")
    local units = coda.read_corpus(h.write("u.txt", "R1: a\nR2: b\nR3: c\nR4: d\n"))
    eq(all:check({ corpus = units }):filter("check", "==", "share"):column("status"),
       { "fail", "ok", n = 2 }, "4 of 4 fails, 2 of 4 (just half) passes")
    err(function() cb:check({ max_share = 0.5 }) end,
        "check: option max_share needs a corpus", true)
    for _, bad in ipairs({ 0, -1, 1.5, "half" }) do
        err(function() cb:check({ corpus = fgd(), max_share = bad }) end,
            "option max_share must be a number above 0 and at most 1", true)
    end
    err(function() cb:check({ corpus = "tests/fixtures/coding/fgd" }) end,
        "option corpus must be a Dataset of units", true)
    err(function() cb:check({ corpus = fgd():filter("doc", "==", "none") }) end,
        "the corpus has no units", true)
    err(function() cb:check({ corpuss = fgd() }) end, 'unknown option "corpuss"', true)
end

function T.reading_warns_of_what_is_probably_a_mistake()
    local cb = book("code,pattern,parent,flags\nwork,,,\nwage_theft,\\bunpaid\\b,wrok,\n"
        .. "vague,police|,,\nshelter,tin shed,,x\n")
    eq(cb:warnings(), {
        'code "wage_theft" (line 3): parent "wrok" is not a code of the codebook; did you mean "work"?',
        'code "vague" (line 4): pattern "police|" can match the empty string (as "a|", "x*" or a '
            .. 'lone lookaround can), and coding takes no empty match: write what the code must find',
        'code "shelter" (line 5): flag x ignores the space in "tin shed" (it matches "tinshed"); '
            .. 'write "tin\\ shed" or "tin\\s+shed"',
    })
    eq(cb:test("shelter", "a tin shed"), nil, "what the warning is about")
    eq(cb:test("shelter", "a tinshed"), 3)
    local res = cb:check()
    -- work fails never: its would-be child names wrok
    eq(res:filter("status", "==", "fail"):column("check"), { "never", "parent", "empty", n = 3 })
    eq(res:filter("status", "==", "warn"):column("check"), { "spaces", n = 1 })
    eq(res:filter("check", "==", "column"):nrow(), 0, "not repeated as columns")
end

function T.closed_codebook()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    cb:close()
    cb:close()
    eq(tostring(cb), "Codebook (closed)")
    err(function() cb:size() end, "closed Codebook", true)
end

function T.text_width()
    eq(coda.text_width("abc"), 3)
    eq(coda.text_width("शादी"), 2)
end

function T.code_limits_are_options_and_validated()
    local cb = book("code,pattern\nall_three,(?=.*a.*b.*c)\n")
    local units = coda.read_corpus(h.write("ab.txt", "R1: " .. ("ab "):rep(300) .. "\n"))
    err(function() cb:code(units) end, "hit the PCRE2 match limit", true)
    err(function() cb:code(units, { step_limit = 1000 }) end, "hit the step limit", true)
    for _, o in ipairs({ { match_limit = -1 }, { match_limit = 0 }, { step_limit = 0 },
                         { time_limit_ms = 1.5 }, { threads = 999 },
                         { match_limit = 2 ^ 32 } }) do
        local key = next(o)
        err(function() cb:code(units, o) end, "option " .. key .. " must be a whole number", true)
    end
end

function T.code_hierarchies_are_as_deep_as_qdc_reads_back()
    local function chain(n)
        local rows = { "code,pattern,parent", "c0,x," }
        for i = 1, n do rows[#rows + 1] = ("c%d,x,c%d"):format(i, i - 1) end
        return book(table.concat(rows, "\n") .. "\n")
    end
    local cb = chain(100)                   -- 100 ancestors: the deepest allowed
    local qdc = h.path("deep.qdc")
    cb:write_qdc(qdc)
    local back = coda.read_codebook(qdc)
    eq(#back, 101)
    eq(select(2, back:codes():get(101, "path"):gsub("/", "/")), 100)
    err(function() chain(101) end, 'code "c101": its parents go more than 100 levels deep', true)
    err(function() chain(4000) end, "levels deep", true)   -- no stack overflow
end

-- --- outputs beside the corpus --------------------------------------------

function T.write_jsonl_is_one_object_a_segment()
    local seg = coda.read_codebook(FIX .. "codebook.csv"):code(fgd())
    local path = h.path("seg.jsonl")
    eq(seg:write_jsonl(path), seg)
    local lines = {}
    for l in h.read(path):gmatch("[^\n]+") do lines[#lines + 1] = l end
    eq(#lines, 9)
    eq(lines[4], '{"doc":"fgd01","unit":4,"speaker":"Moderator","code":"beating",'
        .. '"start":12,"stop":15,"match":"beat"}')
    coda.dataset({ { a = 1 } }, { "a", "b" }):write_jsonl(path)
    eq(h.read(path), '{"a":1,"b":null}\n')
end

function T.write_kwic_context_and_speaker()
    local corpus = fgd()
    local seg = coda.read_codebook(FIX .. "codebook.csv"):code(corpus,
        { codes = { "fir" } })
    local path = h.path("seg.kwic")
    eq(seg:write_kwic(path, corpus, { context = 4 }), seg)
    eq(h.read(path), "fgd01:5  R2  fir   an [FIR] was\n")   -- " an ": 4 characters
    err(function() seg:write_kwic(path, corpus, { context = -1 }) end,
        "write_kwic: option context must be at least 0", true)
    err(function() seg:write_kwic(path, corpus, { contxt = 4 }) end,
        'unknown option "contxt"', true)
    err(function() seg:write_kwic(path, fgd("sentence")) end,
        "segment 1 (fgd01, unit 5): start and stop are not a span of the "
        .. "unit's text", true)          -- unit 5 is a short sentence
    err(function() seg:write_kwic(path, seg) end,
        'the corpus\'s units need a string column "text"', true)
end

function T.write_html_pages_and_colours()
    local cb = book("code,pattern,color\ndebt,\\bdebt\\b,#FFEE00\nfir,FIR,\n")
    local docs = {}
    for i = 1, 3 do
        docs[i] = { id = "d" .. i, text = "R1: a debt " .. string.rep("x", 1100) }
    end
    local corpus = coda.read_corpus(coda.dataset(docs, { "id", "text" }))
    local seg = cb:code(corpus)
    local dir = h.mkdir("html")
    eq(seg:write_html(dir .. "/one.html", corpus, cb), { dir .. "/one.html" })
    h.assert_match(h.read(dir .. "/one.html"), ".c1{background:#FFEE00;color:#000}", true)
    eq(seg:write_html(dir .. "/r.html", corpus, cb, { page_kb = 1, title = "T" }),
       { dir .. "/r.html", dir .. "/r-1.html", dir .. "/r-2.html", dir .. "/r-3.html" })
    h.assert_match(h.read(dir .. "/r-3.html"), "<title>coda: T (page 3 of 3)</title>", true)
    err(function() seg:write_html(dir .. "/x.html", corpus, cb, { page_kb = 0 }) end,
        "option page_kb must be at least 1", true)
    err(function() seg:write_html(dir .. "/x.html", corpus, corpus) end,
        "Codebook expected", true)
    err(function() seg:write_html(dir .. "/x.html", corpus, book("code,pattern\nfir,FIR\n")) end,
        'segment 1: code "debt" is not in the codebook', true)
    eq(h.exists(dir .. "/x.html"), false)
end

function T.html_escape()
    eq(coda.html_escape([[<a title="x">Tom's & co</a>]]),
       "&lt;a title=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;")
    eq(coda.html_escape("\1\t\127शादी"), "&#xFFFD;\t&#xFFFD;शादी")
    err(function() coda.html_escape() end, "bad argument #1", true)
    eq(coda.html_escape([[<a title="x">Tom's & co</a>]], "attribute"),
       "&lt;a title=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;")
    eq(coda.html_escape([[<a title="x">Tom's & co</a>]], "text"),
       [[&lt;a title="x"&gt;Tom's &amp; co&lt;/a&gt;]])
    eq(coda.html_escape("\1\t\127शादी", "text"), "&#xFFFD;\t&#xFFFD;शादी")
    err(function() coda.html_escape("x", "attr") end,
        "bad argument #2 to 'html_escape' (invalid option 'attr')", true)
end

function T.read_documents_json_lines_and_csv()
    local d = coda.read_documents('{"id": 7, "text": "R1: debt"}\n\n{"id": "b", "text": ""}\n')
    eq(d:names(), { "id", "text" })
    eq(h.values(d, "id"), { "7", "b", n = 2 })
    eq(h.values(d, "text"), { "R1: debt", "", n = 2 })
    d = coda.read_documents('id,text\n1,"a,b"\n')
    eq(h.values(d, "text"), { "a,b", n = 1 })
    err(function() coda.read_documents('{"id": 1, "text": null}', { name = "<stdin>" }) end,
        "<stdin>:1: text is null; every document needs an id and a text", true)
    err(function() coda.read_documents('{"id": 1}\n{"id": 2, "text": [', { name = "in" }) end,
        "in:1: expected an object with id and text", true)
    err(function() coda.read_documents("x", { nam = 1 }) end, 'unknown option "nam"', true)
end


-- The rows of a corpus read whole, and of the same read in batches.
local UNIT_COLS = { "doc", "unit", "speaker", "text" }

local function batched(source, opts)
    local got, warnings, docs, n = {}, {}, {}, 0
    for batch, w, d in coda.corpus_batches(source, opts) do
        n = n + 1
        for _, r in ipairs(rows(batch, UNIT_COLS)) do got[#got + 1] = r end
        for _, x in ipairs(w) do warnings[#warnings + 1] = x end
        for _, r in ipairs(rows(d, { "doc", "path", "format", "units", "speakers" })) do
            docs[#docs + 1] = r
        end
    end
    return got, warnings, docs, n
end

-- coda.corpus_batches: batches of whole documents that together are the
-- corpus read whole (units, warnings, documents), in every unit, for
-- files, folders and a Dataset of documents.
function T.corpus_batches_are_the_corpus_read_whole()
    local paths = { "tests/fixtures/transcripts", FIX .. "fgd" }
    for _, unit in ipairs({ "document", "paragraph", "turn", "sentence" }) do
        local c, w, d = coda.read_corpus(paths, { unit = unit })
        local ndocs = d:nrow()
        for _, kb in ipairs({ 1, 2, 65536 }) do
            local got, gw, gd, n = batched(paths, { unit = unit, batch_kb = kb })
            eq(got, rows(c, UNIT_COLS), unit .. " " .. kb)
            eq(gw, w)
            eq(gd, rows(d, { "doc", "path", "format", "units", "speakers" }))
            if kb == 65536 then eq(n, 1) else assert(n > 1 and n <= ndocs, n) end
        end
    end
    local long = ("R1: a debt. "):rep(100)      -- 1.2 KB: a batch each
    local docs = coda.read_documents('{"id":1,"text":"' .. long .. '"}\n'
        .. '{"id":"b","text":""}\n{"id":"c","text":"Mod: FIR\\nR2: beat"}\n')
    local c, w = coda.read_corpus(docs)
    local got, gw, _, n = batched(docs, { batch_kb = 1 })
    eq(got, rows(c, UNIT_COLS))
    eq(gw, w)
    eq(n, 2)            -- 1, then b and c
    eq(#w, 1)           -- the empty document
end

-- An open file of documents (as coda code - reads standard input) reads
-- in batches as the same documents read whole, in CSV and JSON lines.
function T.corpus_batches_of_an_open_file()
    local long = ("R1: a debt. "):rep(100)
    local inputs = {
        '{"id":1,"text":"' .. long .. '"}\n\n{"id":"b","text":""}\n'
            .. '{"id":"c","text":"Mod: FIR\\nR2: beat"}\n',
        'id,text\n1,' .. long .. '\nb,""\nc,"Mod: FIR\nR2: beat"\n',
    }
    local path = h.path("docs.in")
    for _, text in ipairs(inputs) do
        local f = assert(io.open(path, "wb"))
        f:write(text)
        f:close()
        local c, w = coda.read_corpus(coda.read_documents(text))
        for _, kb in ipairs({ 1, 65536 }) do
            f = assert(io.open(path, "rb"))
            local got, gw, _, n = batched(f, { batch_kb = kb })
            f:close()
            eq(got, rows(c, UNIT_COLS))
            eq(gw, w)
            eq(n, kb == 1 and 2 or 1)
        end
    end
    local f = assert(io.open(path, "rb"))
    f:close()
    err(function() coda.corpus_batches(f) end, "the file is closed", true)
end

-- Each batch codes as its documents do in the whole corpus.
function T.corpus_batches_code_as_the_whole()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local paths = { FIX .. "fgd", "tests/fixtures/transcripts" }
    local cols = { "doc", "unit", "speaker", "code", "start", "stop", "match" }
    local whole = rows(cb:code(coda.read_corpus(paths, { unit = "sentence" })), cols)
    local got = {}
    for batch in coda.corpus_batches(paths, { unit = "sentence", batch_kb = 1 }) do
        for _, r in ipairs(rows(cb:code(batch), cols)) do got[#got + 1] = r end
    end
    eq(got, whole)
    assert(#whole > 5, #whole)
end

-- coda.tally_speakers over the batches: each speaker once, in order of
-- first appearance, with its units counted by hand from the fixtures
-- (fgd01: Moderator 2, R1 1, R2 2; fgd02: Moderator 1, R1 1, R2 1; fgd03:
-- Moderator 1, R1 1); the units without a speaker as a missing name.
function T.tally_speakers_over_batches()
    local who
    for batch in coda.corpus_batches(FIX .. "fgd", { batch_kb = 1 }) do
        local t = coda.tally_speakers(batch, who)
        who = t
    end
    eq(rows(who, { "speaker", "units" }),
       { { "Moderator", 4 }, { "R1", 3 }, { "R2", 3 } })
    local c = coda.read_corpus(coda.read_documents(
        '{"id":"a","text":"no label here"}\n{"id":"b","text":"Q: x\\nA: y\\nQ: z"}\n'))
    eq(rows(coda.tally_speakers(c), { "speaker", "units" }),
       { { nil, 1 }, { "Q", 2 }, { "A", 1 } })
    err(function() coda.tally_speakers(c, c) end, "a tally of speakers", true)
end

-- cb:code with speakers_of (the tally of the whole corpus) decides on
-- each batch what the whole corpus coded at once decides: the same
-- segments, the same warnings (each batch), the same error when the
-- filters leave nothing; a batch without the speakers asked for is no
-- error.
function T.speakers_of_decides_as_the_whole_corpus()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local cols = { "doc", "unit", "speaker", "code", "start", "stop", "match" }
    local paths = { FIX .. "fgd", "tests/fixtures/transcripts" }
    local whole = coda.read_corpus(paths)
    local who
    for batch in coda.corpus_batches(paths, { batch_kb = 1 }) do
        who = coda.tally_speakers(batch, who)
    end
    local filters = {
        { speakers_regex = "R2" }, { speakers_regex = "R3|R1" },
        { exclude_speakers_regex = "Moderatr" }, { speakers = "r%d" },
        { speakers = { "R1", "Interviwer" } }, { speakers_regex = "Moderatr" },
        { speakers_regex = "Nobody" }, { exclude_speakers = "Mod.*" },
        { speakers_regex = "R", exclude_speakers_regex = "R1" },
    }
    for _, f in ipairs(filters) do
        local ok, seg, w = pcall(cb.code, cb, whole, f)
        local got, gw, ok2, e2, n = {}, nil, true, nil, 0
        f.speakers_of = who
        for batch in coda.corpus_batches(paths, { batch_kb = 1 }) do
            local bok, bseg, bw = pcall(cb.code, cb, batch, f)
            n = n + 1
            if not bok then ok2, e2 = false, bseg break end
            for _, r in ipairs(rows(bseg, cols)) do got[#got + 1] = r end
            if gw then eq(bw, gw) end
            gw = bw
        end
        eq(ok2, ok)
        if ok then
            eq(got, rows(seg, cols))
            eq(gw, w)
            assert(n > 2, n)
        else
            eq(e2:gsub("^.-: code:", "code:"), seg:gsub("^.-: code:", "code:"))
            eq(n, 1)                    -- at the first batch
        end
    end
    err(function() cb:code(whole, { speakers = "R1", speakers_of = {} }) end,
        "option speakers_of must be a Dataset", true)
end

-- batches:rereadable(): files and Datasets can be read a second time, an
-- open file (standard input) and a FIFO cannot.
function T.corpus_batches_rereadable()
    local _, _, _, b = coda.corpus_batches(FIX .. "fgd")
    eq(b:rereadable(), true)
    b:close()
    eq(b:rereadable(), false)
    _, _, _, b = coda.corpus_batches(coda.read_documents('{"id":1,"text":"R1: x"}\n'))
    eq(b:rereadable(), true)
    local f = assert(io.open(h.write("docs.jsonl", '{"id":1,"text":"R1: x"}\n'), "rb"))
    _, _, _, b = coda.corpus_batches(f)
    eq(b:rereadable(), false)
    b:close()
    f:close()
    local fifo = h.path("fifo.txt")
    os.execute("rm -f " .. fifo .. " && mkfifo " .. fifo)
    _, _, _, b = coda.corpus_batches({ FIX .. "fgd", fifo })
    eq(b:rereadable(), false)
    b:close()
    os.remove(fifo)
end

-- What is wrong is said when the read opens (a duplicate id, a missing
-- file) or when its batch is read (bad bytes), and the loop ends there.
function T.corpus_batches_errors()
    local dir = h.path("batches")
    os.execute("mkdir -p " .. dir)
    for name, text in pairs({ ["a.txt"] = ("R1: fine\n"):rep(200), ["b.txt"] = "R1: bro\255ken\n" }) do
        local f = assert(io.open(dir .. "/" .. name, "wb"))
        f:write(text)
        f:close()
    end
    err(function() coda.corpus_batches({ FIX .. "fgd", FIX .. "fgd" }) end,
        "is also the id of", true)
    err(function() coda.corpus_batches(dir .. "/none.txt") end, "cannot open", true)
    err(function() coda.corpus_batches(dir, { batch_kb = 0 }) end,
        "option batch_kb must be a whole number from 1", true)
    err(function() coda.corpus_batches(dir, { bogus = 1 }) end,
        'corpus_batches: unknown option "bogus"', true)
    local seen = {}
    err(function()
        for batch in coda.corpus_batches(dir, { batch_kb = 1 }) do
            seen[#seen + 1] = batch:get(1, "doc")
        end
    end, "invalid UTF-8 in document \"b\"", true)
    eq(seen, { "a" })
    local docs = coda.read_documents("id,text\na,x\nb,y\n")
    err(function()
        for _ in coda.corpus_batches(docs, { batch_kb = 1 }) do docs:close() end
    end, "the Dataset of documents was closed", true)
    err(function() coda.corpus_batches(coda.read_documents("id,text\na,x\na,y\n")) end,
        "is given twice", true)
    local next_batch = coda.corpus_batches(FIX .. "fgd")
    assert(next_batch())
    eq(next_batch(), nil)
    eq(next_batch(), nil)
end

-- coda.segment_writer: segments written batch by batch are the bytes
-- write_csv and write_jsonl give the whole; nothing is written without a
-- commit.
function T.segment_writer_appends_batches()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local paths = { FIX .. "fgd", "tests/fixtures/transcripts" }
    local seg = cb:code(coda.read_corpus(paths))
    local corpus = coda.read_corpus(paths)
    for _, f in ipairs({ "csv", "jsonl", "kwic" }) do
        local whole, parts = h.path("whole." .. f), h.path("parts." .. f)
        if f == "kwic" then
            seg:write_kwic(whole, corpus, { context = 12 })
        else
            seg["write_" .. f](seg, whole)
        end
        local w = coda.segment_writer(parts, f, { context = 12 })
        for batch in coda.corpus_batches(paths, { batch_kb = 1 }) do
            w:write((cb:code(batch)), batch)
        end
        w:commit()
        eq(h.read(parts), h.read(whole), f)
        err(function() w:write(seg) end, "closed SegmentWriter", true)
    end
    -- review pages: the same files, the pages cut across batches
    local dir1, dir2 = h.path("pages1"), h.path("pages2")
    os.execute("mkdir -p " .. dir1 .. " " .. dir2)
    local files = seg:write_html(dir1 .. "/r.html", corpus, cb, { page_kb = 1 })
    assert(#files >= 3, #files)      -- the index and its pages
    local w = coda.segment_writer(dir2 .. "/r.html", "html", { codebook = cb, page_kb = 1 })
    for batch in coda.corpus_batches(paths, { batch_kb = 1 }) do
        w:write((cb:code(batch)), batch)
    end
    w:commit()
    for _, f in ipairs(files) do
        eq(h.read(dir2 .. f:sub(#dir1 + 1)), h.read(f), f)
    end
    local c2 = coda.read_codebook(FIX .. "codebook.csv")
    w = coda.segment_writer(h.path("r.html"), "html", { codebook = c2 })
    c2:close()
    err(function() w:write(seg, corpus) end, "its codebook was closed", true)
    w:close()
    local kept = h.write("kept.csv", "old\n")
    do
        local w <close> = coda.segment_writer(kept, "csv")
        w:write(seg)
    end
    eq(h.read(kept), "old\n")
    err(function() coda.segment_writer(kept, "xml") end, "invalid option 'xml'", true)
    err(function() coda.segment_writer(kept, "kwic", { context = -1 }) end,
        "option context must be at least 0", true)
    local w <close> = coda.segment_writer(kept, "kwic")
    err(function() w:write(seg) end, "need the segments' corpus", true)
    err(function() coda.segment_writer(kept, "html") end,
        "review pages need the codebook", true)
    err(function() coda.segment_writer(h.path("no/dir.csv"), "csv") end, "no/dir.csv", true)
end


-- A generated corpus (synthetic): documents of 0.3 to 4 KB whose turns
-- mix the fixtures' coded phrases, several to a batch of a few KB.
local function generated_corpus(unit)
    local phrases = { "they took an advance", "the debt grew", "he would beat us",
                      "we filed an FIR", "married off at 14", "शादी कर दी", "পাচার হয়েছে",
                      "nothing happened", "the weather was hot" }
    local docs, seed = {}, 7
    local function rand(n)
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed % n + 1
    end
    for d = 1, 40 do
        local turns = {}
        for t = 1, rand(30) do
            local words = {}
            for k = 1, rand(6) do words[k] = phrases[rand(#phrases)] end
            turns[t] = ("S%d: %s."):format(rand(4), table.concat(words, ", "))
        end
        docs[d] = { id = ("g%02d"):format(d), text = table.concat(turns, "\n") }
    end
    return (coda.read_corpus(coda.dataset(docs, { "id", "text" }), { unit = unit }))
end

-- Two Datasets with the same columns (names, in order) and values.
local function same(a, b, what)
    eq(a:names(), b:names(), what)
    eq(rows(a, a:names()), rows(b, b:names()), what)
end

-- cb:code with into: the summaries of every segment, counted batch by
-- batch, equal the summaries of the segments kept whole.
function T.code_into_equals_the_summaries_of_the_segments()
    local eq = same
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local picked = { "debt", "beating", "violence" }
    for _, c in ipairs({ coda.read_corpus(FIX .. "fgd"), generated_corpus("turn"),
                         generated_corpus("sentence") }) do
        local seg = cb:code(c)
        local picked_seg = cb:code(c, { codes = picked })
        for _, kb in ipairs({ 1, 4, 65536 }) do
            for _, by in ipairs({ "doc", "speaker", "unit" }) do
                eq(cb:code(c, { into = "matrix", by = by, batch_kb = kb }), seg:matrix(by))
                eq(cb:code(c, { into = "cases", by = by, batch_kb = kb }), seg:cases(by))
            end
            eq(cb:code(c, { into = "matrix", codes = picked, presence = true, batch_kb = kb }),
               picked_seg:matrix("doc", { codes = picked, presence = true }))
            eq(cb:code(c, { into = "cases", codes = picked, batch_kb = kb }),
               picked_seg:cases("doc", { codes = picked }))
            eq(cb:code(c, { into = "cooccurrence", batch_kb = kb }), seg:cooccurrence())
            eq(cb:code(c, { into = "cooccurrence", codes = picked, batch_kb = kb }),
               picked_seg:cooccurrence({ codes = picked }))
        end
        local who = c:get(1, "speaker")
        local m, w = cb:code(c, { into = "matrix", speakers = who, batch_kb = 1 })
        eq(m, cb:code(c, { speakers = who }):matrix("doc"))
        h.assert_eq(w, select(2, cb:code(c, { speakers = who })))
    end
    local c = generated_corpus("turn")
    assert(c:nrow() > 100, c:nrow())
    h.assert_eq(cb:code(c, { into = "matrix" }):nrow(), 40)
    err(function() cb:code(c, { into = "table" }) end, "invalid option 'table'", true)
    err(function() cb:code(c, { into = "matrix", each = print }) end,
        "options each and into go one at a time", true)
    err(function() cb:code(c, { into = "cooccurrence", by = "speaker" }) end,
        "option by is for", true)
    err(function() cb:code(c, { into = "matrix", by = "nope" }) end,
        'a string or integer column "nope"', true)
end

-- Across the batches of a streamed corpus, the matrices by document of
-- each batch, one after the other, are the matrix of the whole.
function T.code_into_across_corpus_batches()
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    local paths = { FIX .. "fgd", "tests/fixtures/transcripts" }
    local codes = cb:names()
    local whole = cb:code(coda.read_corpus(paths)):matrix("doc", { codes = codes })
    local rows_seen, batches = {}, 0
    for batch in coda.corpus_batches(paths, { batch_kb = 1 }) do
        batches = batches + 1
        local m = cb:code(batch, { into = "matrix", codes = codes })
        for i = 1, m:nrow() do
            local r = {}
            for _, name in ipairs(m:names()) do r[#r + 1] = m:get(i, name) end
            rows_seen[#rows_seen + 1] = r
        end
    end
    local expect = {}
    for i = 1, whole:nrow() do
        local r = {}
        for _, name in ipairs(whole:names()) do r[#r + 1] = whole:get(i, name) end
        expect[i] = r
    end
    assert(batches > 2, batches)
    eq(rows_seen, expect)
end

return T
