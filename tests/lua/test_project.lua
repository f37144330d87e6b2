-- test_project.lua - coding projects (coda.project): documents, coding runs
-- that keep segment identity, decisions, manual codings, memos, changed
-- texts, agreement; every expected answer counted by hand or found with
-- Lua's own string functions.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

-- A column as a plain array.
local function vals(ds, name)
    local t = {}
    for i = 1, ds:nrow() do t[i] = ds:get(i, name) end
    return t
end

local A = "Interviewer: Were you paid?\n"
    .. "Respondent: The owner paid nothing for months.\n"
    .. "Respondent: At the hospital we paid nothing.\n"
local B = "सहायक: मालिक ने पैसे नहीं दिए।\n"
    .. "Respondent: One munshi touched me.\n"

local V1 = "code,pattern\nwage_theft,paid nothing\nwage_theft,पैसे नहीं\n"
    .. "harassment,touched\n"
local V2 = "code,pattern\nwage_theft,paid nothing\nharassment,touched\n"
    .. "owner,owner\n"

local n = 0

local function put(path, text)
    local f = assert(io.open(path, "wb"))
    f:write(text)
    f:close()
end

-- A new project over documents a and b; its path and the documents' folder.
local function fresh()
    local dir = h.mkdir("pj")
    coda.mkdir(dir .. "/docs")
    put(dir .. "/docs/a.txt", A)
    put(dir .. "/docs/b.txt", B)
    return dir .. "/study.coda", dir .. "/docs"
end

local function book(text)
    n = n + 1
    return coda.read_codebook(h.write("cb" .. n .. ".csv", text))
end

-- The segment of doc whose text is text (and code), as a row table.
local function seg(p, doc, text, code, opts)
    local f = opts or {}
    f.doc = doc
    for _, r in p:segments(f):rows() do
        if r.text == text and (not code or r.code == code) then return r end
    end
    error("no segment " .. doc .. " " .. text)
end

local function coded()
    local path, docs = fresh()
    local p = coda.project(path)
    p:add(docs)
    return p, p:code(book(V1)), docs
end

function T.add_counts_and_is_a_no_op_the_second_time()
    local path, docs = fresh()
    local p = coda.project(path)
    eq(p:add(docs), { added = 2, unchanged = 0, changed = 0, reanchored = 0,
                      lost = 0, warnings = {} })
    eq(p:add(docs), { added = 0, unchanged = 2, changed = 0, reanchored = 0,
                      lost = 0, warnings = {} })
    local d = p:documents()
    eq(vals(d, "doc"), { "a", "b" })
    eq(d:get(2, "bytes"), #B)
    eq(d:get(2, "chars"), utf8.len(B))
    eq(p:text("b"), B)
    eq(tostring(p), "Project (" .. path .. ")")
end

-- Files read by p:add say what a read would: an empty one is added, and
-- named in the warnings.
function T.add_of_paths_warns_of_empty_documents()
    local full, blank = h.write("full.txt", "R1: words\n"),
                        h.write("blank.txt", " \n\t\n")
    local p = coda.project(h.path("w.coda"))
    local r = p:add({ full, blank })
    eq(r.added, 2)
    eq(#r.warnings, 1)
    h.assert_match(r.warnings[1], "blank.txt: empty or only white space")
end

-- Transcripts in another encoding and in Word go in as UTF-8 text.
function T.add_reads_encodings_and_word()
    local path = h.mkdir("pjenc") .. "/e.coda"
    local p = coda.project(path)
    local enc = "tests/fixtures/encodings/"
    err(function() p:add(enc .. "latin1.txt") end, "try --encoding latin1",
        true)
    eq(p:add(enc .. "latin1.txt", { encoding = "latin1" }).added, 1)
    eq(p:text("latin1"), "R1: Où?\nR2: Señor Peña took an advance; £200 "
        .. "was the debt.\n")
    err(function() p:add(enc .. "cp1252.txt", { encoding = "nope" }) end,
        "unknown encoding \"nope\"", true)
    local dir = h.mkdir("pjdocx")
    assert(os.execute("bash tests/fixtures/docx/make.sh " .. h.quote(dir)))
    eq(p:add(dir).added, 1)
    h.assert_match(p:text("interview"), "^Interview 7\n\nPlace\n")
end

function T.coding_finds_spans_with_byte_and_char_offsets()
    local p, r = coded()
    eq({ r.version, r.new_version, r.documents, r.units, r.found, r.added },
       { 1, true, 2, 5, 4, 4 })
    local s = p:segments()
    eq(s:nrow(), 4)
    for _, row in s:rows() do
        local text = p:text(row.doc)
        eq(text:sub(row.start, row.stop), row.text, "bytes")
        eq(row.char_start, utf8.len(text:sub(1, row.start - 1)) + 1, "char start")
        eq(row.char_stop - row.char_start + 1, utf8.len(row.text), "char length")
        eq(row.status, "pending")
        eq(row.origin, "auto")
        eq(row.coder, "auto")
        eq(row.codebook_version, 1)
    end
    local hosp = seg(p, "a", "paid nothing")   -- the first, unit 2
    eq(hosp.start, (A:find("paid nothing", 1, true)))
    eq({ hosp.unit, hosp.speaker }, { 2, "Respondent" })
    local dev = seg(p, "b", "पैसे नहीं")
    eq({ dev.unit, dev.speaker, dev.pattern_row }, { 1, "सहायक", 2 })
    eq(seg(p, "b", "touched").pattern_row, 1)
end

function T.decisions_accept_reject_and_undo()
    local p = coded()
    local s = p:segments({ doc = "a" })
    local hosp = s:get(2, "id")                 -- "At the hospital we paid nothing"
    eq(s:get(2, "unit"), 3)
    p:decide(hosp, "reject", { coder = "asha" })
    local row = p:segments({ id = hosp }):get(1, "status")
    eq(row, "rejected")
    eq(p:segments({ id = hosp }):get(1, "decided_by"), "asha")
    eq(p:count({ status = "rejected" }), 1)
    eq(p:count({ status = "pending" }), 3)
    p:decide(hosp, "pending", { coder = "asha" })          -- undo
    eq(p:segments({ id = hosp }):get(1, "status"), "pending")
    eq(p:segments({ id = hosp }):get(1, "decided_by"), nil)
    p:decide(hosp, "accept", { coder = "ravi" })
    p:decide(hosp, "reject", { coder = "asha" })
    eq(p:segments({ id = hosp }):get(1, "status"), "rejected")   -- the latest
    eq(p:segments({ id = hosp, reviewer = "ravi" }):get(1, "status"), "accepted")
    err(function() p:decide(hosp, "maybe", { coder = "asha" }) end,
        'a decision is "accept", "reject" or "pending"', true)
    err(function() p:decide(99999, "accept", { coder = "asha" }) end,
        "no segment 99999", true)
    err(function() p:decide(hosp, "accept", { coder = "auto" }) end,
        '"auto" is the auto-coder', true)
    err(function() p:decide(hosp, "accept", {}) end, "needs its coder", true)
    err(function() p:decide(hosp, "accept", { coder = "a\tb" }) end,
        "without control characters", true)
end

function T.recoding_keeps_decisions_marks_gone_and_revives()
    local p = coded()
    local hosp = seg(p, "a", "paid nothing", nil, {}).id
    local kept = p:segments({ doc = "a" }):get(2, "id")
    p:decide(kept, "reject", { coder = "asha" })
    local r = p:code(book(V2))
    eq({ r.version, r.new_version, r.found, r.kept, r.added, r.gone, r.revived },
       { 2, true, 4, 3, 1, 1, 0 })
    eq(p:segments({ id = kept }):get(1, "status"), "rejected")
    eq(p:segments({ id = hosp }):get(1, "codebook_version"), 2)
    local gone = p:segments({ status = "gone" })
    eq(gone:nrow(), 1)
    eq(gone:get(1, "text"), "पैसे नहीं")
    eq(gone:get(1, "note"), "not produced by codebook version 2")
    eq(p:count(), 4)                               -- gone left out
    eq(p:count({ with_gone = true }), 5)
    local back = p:code(book(V1))
    eq({ back.version, back.new_version, back.found, back.kept, back.revived,
         back.gone, back.added }, { 1, false, 4, 3, 1, 1, 0 })
    eq(seg(p, "b", "पैसे नहीं").status, "pending")
    eq(p:codebooks():nrow(), 2)
    eq(p:codes():get(3, "current"), false)         -- owner: version 2 only
end

function T.coding_some_codes_leaves_the_others_alone()
    local p = coded()
    local r = p:code(book(V2), { codes = { "owner" } })
    eq({ r.found, r.added, r.gone }, { 1, 1, 0 })
    eq(p:count(), 5)
end

function T.manual_coding_by_characters_in_devanagari()
    local p = coded()
    local b = p:text("b")
    local at = b:find("One munshi touched me", 1, true)
    local cs = utf8.len(b:sub(1, at - 1)) + 1
    local id = p:add_coding({ doc = "b", char_start = cs,
                              char_stop = cs + utf8.len("One munshi touched me") - 1,
                              code = "harassment", coder = "asha" })
    local row = p:segments({ id = id }):get(1, "text")
    eq(row, "One munshi touched me")
    local s = p:segments({ id = id })
    eq({ s:get(1, "origin"), s:get(1, "coder"), s:get(1, "status"),
         s:get(1, "start"), s:get(1, "unit") }, { "manual", "asha", "accepted", at, 2 })
    -- "मालिक ने" by characters: 8 code points, 22 bytes
    local m = b:find("मालिक", 1, true)
    local mc = utf8.len(b:sub(1, m - 1)) + 1
    local id2 = p:add_coding({ doc = "b", char_start = mc, char_stop = mc + 7,
                               code = "employer", coder = "asha", new_code = true })
    eq(p:segments({ id = id2 }):get(1, "text"), "मालिक ने")
    eq(p:segments({ id = id2 }):get(1, "stop") - p:segments({ id = id2 }):get(1, "start") + 1, 22)
    eq(p:codes():filter("code", "==", "employer"):get(1, "origin"), "manual")
    -- the same coding again: the same segment
    eq(p:add_coding({ doc = "b", char_start = mc, char_stop = mc + 7,
                      code = "employer", coder = "asha" }), id2)
end

function T.manual_coding_errors()
    local p = coded()
    err(function() p:add_coding({ doc = "b", start = 1, stop = 2, code = "harassment",
                                  coder = "asha" }) end, "cuts a character", true)
    err(function() p:add_coding({ doc = "a", start = 1, stop = 999, code = "harassment",
                                  coder = "asha" }) end, "is not within document", true)
    err(function() p:add_coding({ doc = "a", start = 1, stop = 5, code = "nope",
                                  coder = "asha" }) end, 'no code "nope"', true)
    err(function() p:add_coding({ doc = "zz", start = 1, stop = 5, code = "harassment",
                                  coder = "asha" }) end, 'no document "zz"', true)
    err(function() p:add_coding({ doc = "a", start = 1, stop = 5, code = "harassment",
                                  coder = "auto" }) end, "auto-coder", true)
    err(function() p:add_coding({ doc = "a", start = 1, stop = 5, char_start = 1,
                                  char_stop = 2, code = "harassment", coder = "asha" }) end,
        "give start and stop", true)
    err(function() p:add_coding({ doc = "a", start = 1, stop = 5, code = "x/y",
                                  coder = "asha", new_code = true }) end,
        'without control characters or "/"', true)
    err(function() p:add_coding({ doc = "a", start = 1, stop = 5, code = "harassment",
                                  coder = "asha", time = "yesterday" }) end,
        "a time is YYYY-MM-DDTHH:MM:SSZ", true)
    eq(p:count({ origin = "manual" }), 0)         -- nothing half done
end

function T.memos_on_each_kind_of_target()
    local p = coded()
    local id = p:segments():get(1, "id")
    eq(p:memo({ on = "segment", target = id, text = "about hospital costs",
                coder = "asha" }), 1)
    p:memo({ on = "code", target = "wage_theft", text = "wages only", coder = "asha" })
    p:memo({ on = "document", target = "b", text = "translated", coder = "ravi",
             time = "2026-01-02T03:04:05Z" })
    p:memo({ on = "project", text = "pilot round", coder = "ravi" })
    local m = p:memos()
    eq(vals(m, "on"), { "segment", "code", "document", "project" })
    eq(m:get(1, "target"), tostring(id))
    eq(m:get(3, "time"), "2026-01-02T03:04:05Z")
    eq(m:get(4, "target"), nil)
    eq(p:memos({ on = "code" }):get(1, "text"), "wages only")
    err(function() p:memo({ on = "code", target = "nope", text = "x", coder = "asha" }) end,
        'no code "nope"', true)
    err(function() p:memo({ on = "segment", target = 999, text = "x", coder = "asha" }) end,
        'no segment "999"', true)
    err(function() p:memo({ on = "thing", target = "a", text = "x", coder = "asha" }) end,
        'a memo is on "project"', true)
    err(function() p:memo({ on = "document", target = "a", text = "", coder = "asha" }) end,
        "a memo needs text", true)
    err(function() p:memos({ on = "bogus" }) end, 'a memo is on "project"', true)
    local c = p:coders()
    eq(vals(c, "coder"), { "auto", "asha", "ravi" })
    eq(vals(c, "memos"), { 0, 2, 2 })
end

function T.a_changed_text_reanchors_manual_codings()
    local p, _, docs = coded()
    local b = p:text("b")
    local at = b:find("One munshi", 1, true)
    local keep = p:add_coding({ doc = "b", start = at, stop = at + 9,
                                code = "harassment", coder = "asha" })
    local lose = p:add_coding({ doc = "b", start = 1, stop = #"सहायक",
                                code = "harassment", coder = "asha" })
    local auto = seg(p, "b", "touched").id
    local prefix = "Note: recorded later.\n"
    put(docs .. "/b.txt", prefix .. (B:gsub("सहायक", "Helper")))
    eq(p:add(docs), { added = 0, unchanged = 1, changed = 1, reanchored = 1,
                      lost = 1, warnings = {} })
    local s = p:segments({ id = keep })
    eq(s:get(1, "start"), at + #prefix - #"सहायक" + #"Helper")
    eq(s:get(1, "text"), "One munshi")
    eq(p:text("b"):sub(s:get(1, "start"), s:get(1, "stop")), "One munshi")
    eq(s:get(1, "note"), "re-anchored after the document changed")
    local g = p:segments({ id = lose, status = "gone" })
    eq(g:get(1, "note"), "its text is not in the document's new text")
    eq(p:segments({ id = auto, status = "gone" }):get(1, "note"),
       "the document's text changed")
    local r = p:code(book(V1))                     -- the new text coded
    eq({ r.found, r.added }, { 4, 2 })
    eq(seg(p, "b", "touched").status, "pending")
end

function T.agreement_per_unit_against_hand_counts()
    local p = coded()
    local a = p:segments({ doc = "a" })
    p:decide(a:get(1, "id"), "accept", { coder = "asha" })   -- a2 wage_theft
    p:decide(a:get(2, "id"), "reject", { coder = "asha" })   -- a3 wage_theft
    local b = p:text("b")
    local at = b:find("One munshi touched me", 1, true)
    p:add_coding({ doc = "b", start = at, stop = at + #"One munshi touched me" - 1,
                   code = "harassment", coder = "asha" })
    local ag = p:agreement({ coders = { "auto", "asha" } })
    eq(vals(ag, "code"), { "harassment", "wage_theft", "(all)" })
    -- wage_theft over 5 turns: auto {a2, a3, b1}, asha {a2}
    eq({ ag:get(2, "n"), ag:get(2, "both"), ag:get(2, "a_only"),
         ag:get(2, "b_only"), ag:get(2, "neither") }, { 5, 1, 2, 0, 2 })
    eq(ag:get(2, "agreement"), 60.0)
    h.assert_true(math.abs(ag:get(2, "kappa") - 0.16 / 0.56) < 1e-12, "kappa")
    h.assert_true(math.abs(ag:get(2, "precision") - 1 / 3) < 1e-12, "precision")
    eq(ag:get(2, "recall"), 1.0)
    eq({ ag:get(1, "both"), ag:get(1, "neither"), ag:get(1, "kappa") }, { 1, 4, 1.0 })
    -- pooled: both 2, a_only 2, b_only 0, neither 6
    eq({ ag:get(3, "n"), ag:get(3, "both"), ag:get(3, "a_only"), ag:get(3, "neither") },
       { 10, 2, 2, 6 })
    h.assert_true(math.abs(ag:get(3, "kappa") - 0.24 / 0.44) < 1e-12, "pooled kappa")
    local d = p:disagreements({ coders = { "auto", "asha" } })
    eq(d:names(), { "doc", "unit", "speaker", "code", "auto", "asha", "text" })
    eq(vals(d, "doc"), { "a", "b" })
    eq(vals(d, "unit"), { 3, 1 })
    eq(vals(d, "auto"), { true, true })
    eq(d:get(1, "text"), "At the hospital we paid nothing.")
    local only = p:agreement({ coders = { "auto", "asha" }, codes = { "wage_theft" } })
    eq(vals(only, "code"), { "wage_theft", "(all)" })
    err(function() p:agreement({ coders = { "auto", "auto" } }) end,
        "two different coders", true)
    err(function() p:agreement({ coders = { "auto", "zed" } }) end,
        'no coder "zed"', true)
    err(function() p:agreement({ coders = { "auto" } }) end, "names two coders", true)
end

function T.reviewed_segments_feed_the_aggregation_verbs()
    local p = coded()
    local s = p:segments({ doc = "a" })
    p:decide(s:get(1, "id"), "accept", { coder = "asha" })
    local cases = p:segments({ status = "accepted" }):cases("doc")
    eq(cases:nrow(), 1)
    eq(cases:get(1, "doc"), "a")
    eq(cases:get(1, "codes"), { "wage_theft" })
end

function T.paging_and_filters()
    local p = coded()
    eq(vals(p:segments({ limit = 2 }), "doc"), { "a", "a" })
    eq(vals(p:segments({ limit = 2, offset = 2 }), "doc"), { "b", "b" })
    eq(p:segments({ code = "harassment" }):get(1, "text"), "touched")
    eq(p:count({ speaker = "Respondent" }), 3)
    err(function() p:segments({ status = "done" }) end, 'unknown status "done"', true)
    err(function() p:segments({ bogus = 1 }) end, 'unknown option "bogus"', true)
    err(function() p:segments({ limit = -1 }) end, "must not be negative", true)
end

function T.bad_files_and_closed_projects()
    local notdb = h.write("notdb.coda", "hello, I am text\n")
    err(function() coda.project(notdb) end, "not a coda project", true)
    err(function() coda.project(h.tmpdir()) end, "not a regular file", true)
    err(function() coda.project(h.path("missing.coda"), { create = false }) end,
        "no such project file", true)
    err(function() coda.project("a\0b") end, "NUL", true)
    local p = coded()
    p:close()
    p:close()
    eq(tostring(p), "Project (closed)")
    err(function() p:segments() end, "closed Project", true)
end

function T.a_dataset_of_documents_with_attributes()
    local path = fresh()
    local p = coda.project(path)
    local docs = coda.dataset({ { doc = "x", text = "one\r\ntwo", state = "Assam", n = 3 },
                                { doc = "y", text = "\u{FEFF}three", n = 4 } },
                              { "doc", "text", "state", "n" })
    eq(p:add(docs).added, 2)
    eq(p:text("x"), "one\ntwo")                    -- CRLF made LF
    eq(p:text("y"), "three")                       -- byte-order mark dropped
    local d = p:documents()
    eq(d:names(), { "doc", "hash", "bytes", "chars", "added", "state", "n" })
    eq({ d:get(1, "state"), d:get(2, "state"), d:get(2, "n") }, { "Assam", nil, "4" })
    err(function() p:add(coda.dataset({ { doc = "z", text = "a" }, { doc = "z", text = "b" } },
                                      { "doc", "text" })) end, 'document "z" is given twice', true)
    err(function() p:add(coda.dataset({ { doc = "q", text = "\xff" } }, { "doc", "text" })) end,
        "invalid UTF-8", true)
    eq(p:documents():nrow(), 2)
end

function T.names_nuls_and_corpora()
    local path = fresh()
    local p = coda.project(path)
    err(function() p:add(coda.dataset({ { doc = "a\nb", text = "x" } }, { "doc", "text" })) end,
        "a name is 1-255 bytes of UTF-8 without control characters", true)
    err(function() p:add(coda.dataset({ { doc = ("n"):rep(256), text = "x" } }, { "doc", "text" })) end,
        "a name is 1-255 bytes", true)
    err(function() p:text("a\0b") end, "a name with a NUL byte", true)
    err(function() p:add_coding({ doc = "a\0b", start = 1, stop = 1, code = "c",
                                  coder = "asha" }) end, "option doc holds a NUL byte", true)
    -- a corpus read by turns has a row per turn: one row per document is asked for
    local turns = coda.read_corpus("tests/fixtures/coding/fgd", { unit = "turn" })
    err(function() p:add(turns) end, 'read a corpus with unit = "document"', true)
    -- read by documents: its unit and speaker columns are not attributes
    eq(p:add(coda.read_corpus("tests/fixtures/coding/fgd", { unit = "document" })).added, 3)
    eq(p:documents():names(), { "doc", "hash", "bytes", "chars", "added" })
    -- an empty document is a document with no units
    eq(p:add(coda.dataset({ { doc = "empty", text = "" } }, { "doc", "text" })).added, 1)
    eq(p:code(book(V1)).units, 10)   -- the turns of the three, none of "empty"
    err(function() p:add_coding({ doc = "empty", start = 1, stop = 1, code = "wage_theft",
                                  coder = "asha" }) end, '(1-0 bytes)', true)
    err(function() p:add_coding({ doc = "fgd01", start = math.maxinteger,
                                  stop = math.maxinteger, code = "wage_theft",
                                  coder = "asha" }) end, "is not within document", true)
    eq(p:segments({ limit = math.maxinteger, offset = math.maxinteger }):nrow(), 0)
    err(function() p:decide(math.mininteger, "accept", { coder = "asha" }) end,
        "no segment", true)
end

function T.hundreds_of_segments_keep_exact_offsets()
    -- more segments than one insert batch, over 52 documents with Devanagari
    local p = coda.project(h.path("aht.coda"))
    p:add("datasets/aht2020/transcripts/fgd")
    local r = p:code(coda.read_codebook("datasets/aht2020/codebooks/fgd.csv"))
    local direct = coda.read_codebook("datasets/aht2020/codebooks/fgd.csv")
                       :code(coda.read_corpus("datasets/aht2020/transcripts/fgd"))
    eq(r.found, direct:nrow())                    -- what cb:code finds
    local texts = {}
    for _, row in p:segments():rows() do
        texts[row.doc] = texts[row.doc] or p:text(row.doc)
        local t = texts[row.doc]
        eq(t:sub(row.start, row.stop), row.text)
        eq(row.char_start, utf8.len(t:sub(1, row.start - 1)) + 1)
        eq(row.char_stop, utf8.len(t:sub(1, row.stop)))
        h.assert_true(row.pattern_row and row.pattern_row >= 1, "pattern row of " .. row.id)
    end
    eq(p:code(coda.read_codebook("datasets/aht2020/codebooks/fgd.csv")).kept, r.found)
end

-- Counts by status, code and coder come from kept tallies; after every
-- kind of change they must equal counting the listed segments.
function T.kept_counts_equal_the_segments_counted()
    local p, _, docs = coded()
    local function check(what)
        for _, st in ipairs({ "pending", "accepted", "rejected", "gone" }) do
            eq(p:count({ status = st }), p:segments({ status = st }):nrow(), what .. " " .. st)
            for _, code in ipairs({ "wage_theft", "harassment", "owner", "employer" }) do
                eq(p:count({ status = st, code = code }),
                   p:segments({ status = st, code = code }):nrow(), what .. " " .. st .. " " .. code)
            end
            for _, coder in ipairs({ "auto", "asha" }) do
                eq(p:count({ status = st, coder = coder }),
                   p:segments({ status = st, coder = coder }):nrow(), what .. " " .. coder)
            end
        end
        eq(p:count(), p:segments():nrow(), what .. " all")
        eq(p:count({ with_gone = true }), p:segments({ with_gone = true }):nrow(), what)
        local codes = p:codes()
        for i = 1, codes:nrow() do
            eq(codes:get(i, "segments"), p:segments({ code = codes:get(i, "code") }):nrow(),
               what .. " codes " .. codes:get(i, "code"))
        end
    end
    check("coded")
    local s = p:segments()
    p:decide(s:get(1, "id"), "accept", { coder = "asha" })
    p:decide(s:get(2, "id"), "reject", { coder = "asha" })
    p:decide(s:get(2, "id"), "pending", { coder = "asha" })
    p:decide(s:get(3, "id"), "reject", { coder = "ravi" })
    check("decided")
    local b = p:text("b")
    local at = b:find("One munshi", 1, true)
    local id = p:add_coding({ doc = "b", start = at, stop = at + 9, code = "employer",
                              coder = "asha", new_code = true })
    p:add_coding({ doc = "b", start = at, stop = at + 9, code = "employer", coder = "asha" })
    p:decide(id, "reject", { coder = "ravi" })
    check("manual")
    p:code(book(V2))
    check("recoded")
    put(docs .. "/b.txt", "Note: later.\n" .. B)
    p:add(docs)
    check("changed")
    put(docs .. "/b.txt", "Other: nothing of it.\n")
    p:add(docs)
    check("lost")
    p:code(book(V1))
    check("recoded again")
end

function T.manual_codes_nest_at_most_100_deep()
    local p = coda.project(h.path("deep.coda"))
    p:add_code({ name = "c0" })
    for i = 1, 100 do p:add_code({ name = "c" .. i, parent = "c" .. (i - 1) }) end
    err(function() p:add_code({ name = "c101", parent = "c100" }) end,
        'code "c101" would have more than 100 ancestors', true)
    eq(p:codes():nrow(), 101)
end

return T
