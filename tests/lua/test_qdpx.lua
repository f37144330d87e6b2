-- test_qdpx.lua - REFI-QDA project exchange: p:write_qdpx and p:read_qdpx
-- (round trip, byte-identical re-export, what other tools write, the
-- agreement workflow, errors).  Hostile archives are in
-- tests/unit/check_qdpx.c, where libzip can build them.

local coda = require("coda")
local h = require("helper")

local T = {}

local FIXTURE = "tests/fixtures/qdpx/other_tool.qdpx"

local function read(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("a")
    f:close()
    return s
end

-- The rows of a Dataset as tables of the columns named.
local function rows(ds, cols)
    local out = {}
    for r = 1, ds:nrow() do
        local row = {}
        for _, c in ipairs(cols) do
            row[c] = ds:get(r, c)
        end
        out[#out + 1] = row
    end
    return out
end

-- A project with Devanagari, Bengali and emoji documents, a code tree,
-- manual codings by two coders, memos on everything and an attribute.
local function sample(path)
    local p = coda.project(path or h.path("p.coda"))
    p:add(coda.dataset({
        { doc = "hindi", text = "नमस्ते दुनिया, FIR दर्ज हुई", state = "Bihar" },
        { doc = "bangla", text = "বাংলা ভাষা\nপুলিশ এসেছিল", state = "West Bengal" },
        { doc = "emoji", text = "ok 👨‍👩‍👧 family 😀 police" },
    }, { "doc", "text", "state" }))
    p:add_code{ name = "institutions", description = "Any institution",
                color = "#3366cc" }
    p:add_code{ name = "police", parent = "institutions" }
    p:add_code{ name = "fir", parent = "police", color = "#cc0000" }
    p:add_code{ name = "family" }
    local s1 = p:add_coding{ doc = "hindi", code = "fir", coder = "ana",
                             char_start = 16, char_stop = 18 }
    p:add_coding{ doc = "hindi", code = "institutions", coder = "ravi",
                  char_start = 1, char_stop = 6 }
    p:add_coding{ doc = "bangla", code = "police", coder = "ravi",
                  char_start = 12, char_stop = 16 }
    p:add_coding{ doc = "emoji", code = "family", coder = "ana",
                  char_start = 4, char_stop = 8 }
    p:add_coding{ doc = "emoji", code = "police", coder = "ana",
                  char_start = 19, char_stop = 24 }
    p:memo{ on = "project", text = "first pass done", coder = "ana" }
    p:memo{ on = "document", target = "bangla", text = "ভালো", coder = "ravi" }
    p:memo{ on = "code", target = "fir", text = "only formal complaints",
            coder = "ana" }
    p:memo{ on = "segment", target = tostring(s1), text = "ये सही है",
            coder = "ana" }
    return p
end

local SEG = { "doc", "code", "start", "stop", "char_start", "char_stop",
              "text", "coder", "origin", "status" }

T.export_then_import_gives_the_same_project = function()
    local p = sample()
    local out = h.path("a.qdpx")
    p:write_qdpx(out)
    local q = coda.project(h.path("q.coda"))
    local r = q:read_qdpx(out)
    h.assert_eq(r, { sources = 3, documents = 3, codes = 4, segments = 5,
                     memos = 4, skipped = 0 })
    local dcols = { "doc", "hash", "bytes", "chars", "state" }
    h.assert_eq(rows(q:documents(), dcols), rows(p:documents(), dcols))
    local ccols = { "code", "parent", "path", "description", "color",
                    "segments" }
    h.assert_eq(rows(q:codes(), ccols), rows(p:codes(), ccols))
    h.assert_eq(rows(q:segments(), SEG), rows(p:segments(), SEG))
    local function coders(x)
        local t = rows(x:coders(), { "coder", "segments", "memos" })
        table.sort(t, function(a, b) return a.coder < b.coder end)
        return t
    end
    h.assert_eq(coders(q), coders(p))
    -- memos: the same, the segment's id is the new project's own
    local mcols = { "on", "coder", "text" }
    h.assert_eq(rows(q:memos(), mcols), rows(p:memos(), mcols))
    h.assert_eq(q:memos({ on = "document" }):get(1, "target"), "bangla")
    h.assert_eq(q:memos({ on = "code" }):get(1, "target"), "fir")
    local seg = q:memos({ on = "segment" }):get(1, "target")
    h.assert_eq(q:segments({ id = tonumber(seg) }):get(1, "text"), "FIR")
end

T.known_character_offsets_survive = function()
    -- counted by hand: "नमस्ते" is न म स ् त े, 6 code points of 3 bytes;
    -- the family emoji is 5 code points (man ZWJ woman ZWJ girl), 18 bytes
    local p = sample()
    local s = p:segments()
    local got = {}
    for r = 1, s:nrow() do
        got[s:get(r, "text")] = { s:get(r, "char_start"), s:get(r, "char_stop"),
                                  s:get(r, "start"), s:get(r, "stop") }
    end
    h.assert_eq(got["नमस्ते"], { 1, 6, 1, 18 })
    h.assert_eq(got["👨‍👩‍👧"], { 4, 8, 4, 21 })
    h.assert_eq(got["পুলিশ"], { 12, 16, 30, 44 })
    local out = h.path("o.qdpx")
    p:write_qdpx(out)
    local qde = io.popen("unzip -p " .. h.quote(out) .. " project.qde"):read("a")
    h.assert_match(qde, 'startPosition="3" endPosition="8"', true)
    h.assert_match(qde, 'startPosition="0" endPosition="6"', true)
    h.assert_match(qde, 'startPosition="11" endPosition="16"', true)
end

T.re_export_is_byte_identical_and_valid = function()
    local p = sample()
    local a, b = h.path("a.qdpx"), h.path("b.qdpx")
    p:write_qdpx(a)
    p:write_qdpx(b)
    h.assert_true(read(a) == read(b), "two exports give the same bytes")
    local dir = h.path("x")
    assert(os.execute("mkdir " .. h.quote(dir) .. " && cd " .. h.quote(dir)
                      .. " && unzip -q " .. h.quote(a)))
    local ok = os.execute("xmllint --noout --schema "
        .. "tests/fixtures/refi/Project.xsd " .. h.quote(dir .. "/project.qde")
        .. " 2>/dev/null")
    h.assert_true(ok, "project.qde validates against Project.xsd")
    -- the exported project, imported and exported again: the same XML but
    -- for the selections' GUIDs (made from the new project's segment ids)
    local q = coda.project(h.path("q.coda"))
    q:read_qdpx(a)
    local c = h.path("c.qdpx")
    q:write_qdpx(c)
    local function qde(f)
        return (io.popen("unzip -p " .. h.quote(f) .. " project.qde"):read("a")
            :gsub('name="[^"]*%.coda"', ""):gsub('creationDateTime="[^"]*"', "")
            :gsub('<PlainTextSelection guid="[^"]*"', "")
            :gsub('<Coding guid="[^"]*"', ""))
    end
    h.assert_eq(qde(c), qde(a))
end

T.auto_segments_by_status = function()
    local p = coda.project(h.path("p.coda"))
    p:add(coda.dataset({ { doc = "d", text = "The police did harm. No police." } },
                       { "doc", "text" }))
    local cb = h.write("cb.csv", "code,pattern\npolice,\\bpolice\\b\n")
    p:code(coda.read_codebook(cb), { unit = "document" })
    local first = p:segments():get(1, "id")
    p:decide(first, "accept", { coder = "ana" })
    local dflt, all = h.path("d.qdpx"), h.path("all.qdpx")
    p:write_qdpx(dflt)
    p:write_qdpx(all, { all = true })
    local function count(f)
        local s = io.popen("unzip -p " .. h.quote(f) .. " project.qde"):read("a")
        local n = 0
        for _ in s:gmatch("<PlainTextSelection ") do n = n + 1 end
        return n, s
    end
    local n, s = count(dflt)
    h.assert_eq(n, 1)
    h.assert_match(s, '<User guid="[^"]+" name="auto"/>')
    h.assert_eq((count(all)), 2)
    -- the auto-coder's codings come back as its own: auto segments,
    -- pending, of no codebook version (a coding run then keeps those it
    -- produces)
    local q = coda.project(h.path("q.coda"))
    local r = q:read_qdpx(all)
    h.assert_eq({ r.skipped, r.segments }, { 0, 2 })
    h.assert_eq(rows(q:segments(), { "origin", "coder", "status" }),
                { { origin = "auto", coder = "auto", status = "pending" },
                  { origin = "auto", coder = "auto", status = "pending" } })
    h.assert_eq(q:segments():get(1, "codebook_version"), nil)
    q:code(coda.read_codebook(cb), { unit = "document" })
    h.assert_eq({ q:count(), q:count({ status = "gone" }) }, { 2, 0 })
    -- a memo on a segment not written goes with the segment's document
    p:memo{ on = "segment", target = tostring(p:segments():get(2, "id")),
            text = "why pending?", coder = "ana" }
    local d2 = h.path("d2.qdpx")
    p:write_qdpx(d2)
    local w = coda.project(h.path("w.coda"))
    w:read_qdpx(d2)
    h.assert_eq(rows(w:memos(), { "on", "target", "text" }),
                { { on = "document", target = "d", text = "why pending?" } })
    -- also when every coding is to be someone's: the auto-coder's stay
    -- its own, and importing again adds nothing
    r = q:read_qdpx(all, { coder = "meera" })
    h.assert_eq({ r.skipped, q:count({ origin = "auto" }), q:count({ coder = "meera" }) },
                { 0, 2, 0 })
end

T.what_other_tools_write = function()
    local p = coda.project(h.path("p.coda"))
    local r = p:read_qdpx(FIXTURE)
    h.assert_eq(r, { sources = 2, documents = 2, codes = 4, segments = 4,
                     memos = 2, skipped = 0 })
    local s = p:segments()
    local got = {}
    for i = 1, s:nrow() do
        got[#got + 1] = table.concat({ s:get(i, "doc"), s:get(i, "code"),
            s:get(i, "coder"), s:get(i, "char_start"), s:get(i, "char_stop"),
            s:get(i, "text") }, " ")
    end
    table.sort(got)
    -- positions counted by hand in other_tool.qde: FIR is characters
    -- 15-18 of "मैंने थाने में FIR ..." (मैंने 5, space, थाने 4, space,
    -- में 3, space); "police" in interview 2 is 47-53 before its CRLF
    -- line end is made LF, 46-52 after
    h.assert_eq(got, {
        "interview 2 police ravi 47 52 police",
        "interview 2 refusal ravi 47 52 police",
        "थाना fir ravi 16 18 FIR",
        "थाना police meera 7 10 थाने",
    })
    h.assert_eq(rows(p:codes(), { "code", "path", "color" }), {
        { code = "institutions", path = "institutions", color = "#3366CC" },
        { code = "police", path = "institutions/police" },
        { code = "fir", path = "institutions/police/fir", color = "#CC0000" },
        { code = "refusal", path = "refusal" },
    })
    h.assert_eq(p:documents():filter("doc", "==", "थाना"):get(1, "district"),
                "Gaya")
    local fir = p:segments({ code = "fir" })
    h.assert_eq(fir:get(1, "created"), "2024-03-01T04:45:00Z")
    h.assert_eq(rows(p:memos(), { "on", "coder", "text" }), {
        { on = "segment", coder = "ravi", text = "She filed it herself." },
        { on = "project", coder = "meera", text = "Two districts so far." },
    })
end

T.importing_twice_adds_nothing = function()
    local p = coda.project(h.path("p.coda"))
    p:read_qdpx(FIXTURE)
    local r = p:read_qdpx(FIXTURE)
    h.assert_eq(r.documents, 0)
    h.assert_eq(r.codes, 0)
    h.assert_eq(r.memos, 0)
    h.assert_eq(p:segments():nrow(), 4)
    h.assert_eq(p:memos():nrow(), 2)
end

T.coder_option_overrides_users = function()
    local p = coda.project(h.path("p.coda"))
    p:read_qdpx(FIXTURE, { coder = "sita" })
    h.assert_eq(rows(p:coders(), { "coder" }), { { coder = "sita" } })
    h.assert_error(function() p:read_qdpx(FIXTURE, { coder = "auto" }) end,
                   "cannot be a coder's name", true)
    h.assert_error(function() p:read_qdpx(FIXTURE, { coder = "a\0b" }) end,
                   "coder must be a name", true)
end

T.a_document_with_the_same_text_keeps_its_name = function()
    local p = coda.project(h.path("p.coda"))
    p:add(coda.dataset({ { doc = "station", text = "मैंने थाने में FIR दर्ज की।" },
                         { doc = "interview 2", text = "something else" } },
                       { "doc", "text" }))
    local r = p:read_qdpx(FIXTURE)
    h.assert_eq(r.documents, 1)
    h.assert_eq(rows(p:documents(), { "doc" }), {
        { doc = "interview 2" }, { doc = "interview 2 (2)" },
        { doc = "station" } })
    h.assert_eq(p:segments({ doc = "station" }):nrow(), 2)
    h.assert_eq(p:text("interview 2"), "something else")
end

T.agreement_after_a_colleagues_coding = function()
    local docs = coda.dataset({ { doc = "d1", text = "The police came. No FIR." },
                                { doc = "d2", text = "Police refused the FIR." } },
                              { "doc", "text" })
    local p = coda.project(h.path("p.coda"))
    p:add(docs)
    local cb = h.write("cb.csv", "code,pattern\npolice,(?i)\\bpolice\\b\n"
                       .. "fir,\\bFIR\\b\n")
    p:code(coda.read_codebook(cb), { unit = "document" })
    p:write_qdpx(h.path("for-meera.qdpx"))
    -- meera codes by hand in her own tool; here, another project
    local m = coda.project(h.path("meera.coda"))
    m:add(docs)
    m:add_code{ name = "police" }
    m:add_code{ name = "fir" }
    m:add_coding{ doc = "d1", code = "police", coder = "meera",
                  char_start = 5, char_stop = 10 }
    m:add_coding{ doc = "d2", code = "fir", coder = "meera",
                  char_start = 20, char_stop = 22 }
    local back = h.path("from-meera.qdpx")
    m:write_qdpx(back)
    p:read_qdpx(back)
    local a = p:agreement{ coders = { "auto", "meera" } }
    local all = a:filter("code", "==", "(all)")
    h.assert_eq(all:nrow(), 1)
    h.assert_true(all:get(1, "n") > 0, "units compared")
end

T.errors_name_the_file = function()
    local p = coda.project(h.path("p.coda"))
    local txt = h.write("x.qdpx", "not a zip at all\n")
    h.assert_error(function() p:read_qdpx(txt) end, "not a zip archive", true)
    h.assert_error(function() p:read_qdpx(h.path("none.qdpx")) end,
                   "cannot open", true)
    h.assert_error(function() p:write_qdpx("a\0b") end, "NUL", true)
    h.assert_error(function() p:read_qdpx(FIXTURE, { nope = 1 }) end,
                   "unknown option", true)
    h.assert_error(function() p:write_qdpx(h.path("nodir") .. "/x.qdpx") end,
                   "x.qdpx", true)
    h.assert_eq(p:documents():nrow(), 0)
end

T.export_refuses_to_overwrite_an_input = function()
    local p = coda.project(h.path("p.coda"))
    p:read_qdpx(FIXTURE)
    h.assert_error(function() p:write_qdpx(FIXTURE) end, "other_tool.qdpx",
                   true)
    h.assert_eq(#read(FIXTURE) > 0, true)
end

T.max_bytes_limits_an_import = function()
    local p = coda.project(h.path("p.coda"))
    h.assert_error(function() p:read_qdpx(FIXTURE, { max_bytes = 100 }) end,
                   "limit of 100 bytes", true)
    h.assert_eq(p:documents():nrow(), 0)
end

T.a_deep_code_tree = function()
    -- codes nest at most 100 deep (101 levels): such a tree is written
    -- without recursion and reads back whole; a level more is refused
    local p = coda.project(h.path("p.coda"))
    p:add_code{ name = "c1" }
    for i = 2, 101 do
        p:add_code{ name = "c" .. i, parent = "c" .. (i - 1) }
    end
    h.assert_error(function() p:add_code{ name = "c102", parent = "c101" } end,
                   "more than 100 ancestors", true)
    local out = h.path("deep.qdpx")
    p:write_qdpx(out)
    local q = coda.project(h.path("q.coda"))
    q:read_qdpx(out)
    local codes = q:codes()
    h.assert_eq(codes:nrow(), 101)
    local deepest = codes:filter("code", "==", "c101"):get(1, "path")
    h.assert_eq(select(2, deepest:gsub("/", "")), 100)
end

return T
