-- test_transcripts.lua - transcripts as they arrive: each shape of
-- tests/fixtures/transcripts/ against its units written out by hand (the
-- .units file beside it), formats forced, the format and time columns,
-- the documents result, ids, and the warnings that keep failures loud.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local FIX = "tests/fixtures/transcripts/"
local T = {}

-- A .units file: "format NAME", "warning TEXT" lines, then
-- "unit|speaker|start|end|text" rows ("-" missing, "\n" a line break).
local function expected(path)
    local e = { rows = {}, warnings = {} }
    for line in io.lines(path) do
        local key, rest = line:match("^(%a+) (.*)$")
        if key == "format" then
            e.format = rest
        elseif key == "warning" then
            e.warnings[#e.warnings + 1] = rest
        else
            local u, spk, t0, t1, text = line:match("^(%d+)|([^|]*)|([^|]*)|([^|]*)|(.*)$")
            assert(u, path .. ": a row is unit|speaker|start|end|text: " .. line)
            e.rows[#e.rows + 1] = { unit = tonumber(u), speaker = spk ~= "-" and spk or nil,
                                    t0 = tonumber(t0), t1 = tonumber(t1),
                                    text = text:gsub("\\n", "\n") }
        end
    end
    return e
end

local function near(got, want, what)
    if want == nil then
        eq(got, nil, what)
    else
        h.assert_true(got and math.abs(got - want) < 1e-9,
                      what .. ": " .. tostring(got) .. ", expected " .. want)
    end
end

local function check_rows(c, e, name)
    eq(c:nrow(), #e.rows, name .. " rows")
    local timed = c:names()[5] == "format"
    eq(timed, e.format ~= "plain", name .. " has the time columns")
    for r, want in ipairs(e.rows) do
        local what = name .. " unit " .. r
        eq(c:get(r, "unit"), want.unit, what)
        eq(c:get(r, "speaker"), want.speaker, what .. " speaker")
        eq(c:get(r, "text"), want.text, what .. " text")
        near(timed and c:get(r, "start_time") or nil, want.t0, what .. " start_time")
        near(timed and c:get(r, "end_time") or nil, want.t1, what .. " end_time")
        if timed then eq(c:get(r, "format"), e.format, what .. " format") end
    end
end

function T.each_shape_gives_the_units_written_by_hand()
    local n = 0
    for _, name in ipairs(h.listdir(FIX)) do
        if name:match("%.units$") then
            local file = name:gsub("%.units$", "")
            local e = expected(FIX .. name)
            local c, warnings, docs = coda.read_corpus(FIX .. file)
            check_rows(c, e, file)
            eq(docs:get(1, "format"), e.format, file .. " format")
            eq(docs:get(1, "units"), #e.rows, file .. " units")
            eq(#warnings, #e.warnings, file .. " warnings: " .. table.concat(warnings, "; "))
            for i, w in ipairs(e.warnings) do h.assert_match(warnings[i], w, true) end
            n = n + 1
        end
    end
    eq(n, 18)
end

function T.formats_can_be_forced()
    -- read as plain, a timestamped transcript is the silent failure of before
    local c, w = coda.read_corpus(FIX .. "trint.txt", { format = "plain" })
    eq(c:names(), { "doc", "unit", "speaker", "text" })
    eq(h.values(c, "speaker"), { nil, "Note", n = 2 })
    eq(#w, 0)
    -- and read as what it is, a Q/A transcript's other labels are text
    c = coda.read_corpus(h.write("mixed.txt", "Q: Where?\nNote: aside\nA: Here.\n"),
                         { format = "qa" })
    eq(h.values(c, "speaker"), { "Q", "A", n = 2 })
    eq(c:get(1, "text"), "Where?\nNote: aside")
    -- subtitles named .txt
    c = coda.read_corpus(h.write("cues.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v R1>hi\n"))
    eq(c:get(1, "format"), "vtt")
    eq(c:get(1, "end_time"), 2.0)
    err(function() coda.read_corpus(FIX .. "plain.txt", { format = "vtt" }) end,
        "plain.txt:1: a WebVTT file starts with the line WEBVTT", true)
    err(function() coda.read_corpus(FIX .. "plain.txt", { format = "sbv" }) end,
        'unknown format "sbv" (auto, plain, timestamped, rev, otter, qa, vtt, srt)', true)
    err(function() coda.read_corpus(FIX .. "plain.txt", { ids = "number" }) end,
        'option ids must be "name" or "path"', true)
end

function T.a_folder_of_several_shapes()
    local c, w, docs = coda.read_corpus(FIX, { unit = "sentence" })
    eq(docs:nrow(), 18)
    eq(docs:names(), { "doc", "path", "format", "units", "speakers" })
    eq(c:names(), { "doc", "unit", "speaker", "text", "format", "start_time", "end_time" })
    local plain = c:filter("doc", "==", "plain")
    eq(h.values(plain, "format")[1], "plain")
    eq(h.values(plain, "start_time"), { n = plain:nrow() })
    -- sentences carry their turn's times
    local otter = c:filter("doc", "==", "otter")
    eq(h.values(otter, "text"), { "Thanks for joining.", "Shall we begin?", "Yes.",
                                  "We came from the border district.",
                                  "That is all for today.", n = 5 })
    eq(h.values(otter, "start_time"), { 0.0, 0.0, 6.0, 6.0, 3723.0, n = 5 })
    -- the empty one is a document with no units, and says so
    local empty = docs:filter("doc", "==", "empty")
    eq(empty:get(1, "units"), 0)
    eq(#w, 2)
    -- paragraphs and the document take the times of the turns their ends lie in
    local p = coda.read_corpus(FIX .. "trint.txt", { unit = "paragraph" })
    eq(h.values(p, "start_time"), { 0.0, 72.0, n = 2 })
    eq(h.values(p, "end_time"), { 72.0, nil, n = 2 })
    local d = coda.read_corpus(FIX .. "zoom.vtt", { unit = "document" })
    eq(d:get(1, "text"), "Interviewer: Good morning, everyone.\nLet us begin.\n\n"
       .. "R1: We were sold for 30,000 rupees.\n\nInterviewer: I see.")
    eq({ d:get(1, "start_time"), d:get(1, "end_time") }, { 1.0, 12.0 })
end

function T.two_documents_with_one_id_is_an_error()
    local a, b = h.mkdir("site1"), h.mkdir("site2")
    h.assert_true(io.open(a .. "/g.txt", "w"):write("R1: one\n"):close())
    h.assert_true(io.open(b .. "/g.txt", "w"):write("R1: two\n"):close())
    err(function() coda.read_corpus({ a, b }) end,
        b .. '/g.txt: document id "g" is also the id of ' .. a .. '/g.txt; rename one '
        .. 'of the files, or read with ids = "path" (coda code --ids path)', true)
    err(function() coda.read_corpus({ a .. "/g.txt", a .. "/" }) end,
        'document id "g" is also the id of', true)
    local c = coda.read_corpus({ a, b .. "/" }, { ids = "path" })
    eq(h.values(c, "doc"), { a .. "/g", b .. "/g", n = 2 })
    local docs = coda.read_csv(h.write("docs.csv", "id,text\nx,R1: a\ny,R1: b\nx,R1: c\n"))
    err(function() coda.read_corpus(docs) end,
        'the Dataset: document id "x" is given twice (documents 1 and 3)', true)
end

function T.warnings_name_what_is_wrong()
    local dir = h.mkdir("warn")
    for name, text in pairs({ ["a.txt"] = "", ["b.txt"] = " \n\t\n", ["c.txt"] = "x",
                              ["d.txt"] = "No labels here.\nNone at all.\n" }) do
        h.assert_true(io.open(dir .. "/" .. name, "w"):write(text):close())
    end
    local c, w, docs = coda.read_corpus(dir)
    eq(w, { dir .. "/a.txt: empty or only white space: the document has no units",
            dir .. "/b.txt: empty or only white space: the document has no units",
            dir .. "/c.txt: no speaker label found (format plain): its text is 1 turn "
            .. "without a speaker; a label starts a line, as in \"Name: text\"",
            dir .. "/d.txt: no speaker label found (format plain): its text is 1 turn "
            .. "without a speaker; a label starts a line, as in \"Name: text\"" })
    eq(h.values(docs, "units"), { 0, 0, 1, 1, n = 4 })
    eq(c:nrow(), 2)
    -- paragraphs have no speakers: nothing to say
    local _, w2 = coda.read_corpus(dir .. "/d.txt", { unit = "paragraph" })
    eq(w2, {})
    -- documents in memory are named by id
    local _, w3 = coda.read_corpus(coda.read_csv(h.write("m.csv", "id,text\nm1,\"[00:00:01] R1: a\n[0:61] R2: b\"\n")))
    eq(w3, { 'document "m1", line 2: "0:61" is not a time (minutes and seconds run '
             .. 'from 00 to 59); the turn has no start_time' })
end

function T.hostile_subtitles()
    -- a huge cue number, a cue with no text, a timing that is none, tags left open
    local c, w = coda.read_corpus(h.write("h.srt", "99999999999999999999999\n"
        .. "00:00:01,000 --> 00:00:02,000\n<i>R1: open tag\n\n2\n"
        .. "99:99:99,000 --> 00:00:04,000\n\n3\n00:00:05,000 --> 00:00:06,000\n"
        .. "a < b &amp;c\n"))
    eq(h.values(c, "text"), { "open tag\na < b &c", n = 1 })
    eq(c:get(1, "speaker"), "R1")
    eq({ c:get(1, "start_time"), c:get(1, "end_time") }, { 1.0, 6.0 })
    eq(#w, 1)
    h.assert_match(w[1], 'h.srt:6: "99:99:99,000 --> 00:00:04,000" is not a cue timing', true)
    -- a WebVTT file whose text has no timing line before it
    local _, w2 = coda.read_corpus(h.write("n.vtt", "WEBVTT\n\nlost text\n\n00:01.000 --> 00:02.000\nkept\n"))
    h.assert_match(w2[1], "n.vtt:3: text without a cue timing line", true)
    err(function() coda.read_corpus(h.write("x.srt", "just text\n")) end,
        "x.srt:1: no cue timing line (00:00:01,000 --> 00:00:04,000) in this SubRip file", true)
end

-- shards of a Dataset of documents: each document once, by its id's
-- FNV-1a 64 hash (ids "a", "foobar": 0xaf63dc4c8601ec8c, 0x85944171f73967e8
-- in the FNV reference vectors, so 1 and 0 modulo 3)
function T.shards_of_documents()
    local docs = coda.dataset({ { id = "a", text = "R1: x" },
                                { id = "foobar", text = "R1: y" } }, { "id", "text" })
    local seen = {}
    for k = 0, 2 do
        local c = coda.read_corpus(docs, { shard = k .. "/3" })
        for _, r in c:rows() do seen[#seen + 1] = k .. ":" .. r.doc end
    end
    table.sort(seen)
    eq(table.concat(seen, " "), "0:foobar 1:a")
    for _, bad in ipairs({ "4/4", "0/0", "-1/4", "1/x", "1", 3 }) do
        err(function() coda.read_corpus(docs, { shard = bad }) end,
            'read_corpus: shard "' .. bad .. '" is not K/N', true)
    end
    err(function() coda.read_corpus(docs, { shard = {} }) end, "string expected", true)
end

return T
