-- test_outputs.lua - where outputs go: paths with a NUL byte refused,
-- links followed to their file, devices written through and never
-- replaced, a file's mode kept, every writer (CSV, JSON, Markdown, text,
-- the coding command's formats) refusing to replace a file the run read.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

local function small()
    return coda.dataset({ { a = 1 }, { a = 2 } }, { "a" })
end

local function mode(path)
    local p = assert(io.popen("stat -c %a " .. h.quote(path)))
    local m = p:read("l")
    p:close()
    return m
end

function T.paths_with_a_nul_byte_are_refused()
    local dir = h.mkdir("nul")
    err(function() coda.mkdir(dir .. "/a\0b") end, "a path with a NUL byte", true)
    err(function() small():write_csv(dir .. "/out.csv\0.bak") end, "a path with a NUL byte", true)
    err(function() coda.write_file(dir .. "/t\0x", "x") end, "a path with a NUL byte", true)
    err(function() coda.read_csv(dir .. "/x.csv\0y") end, "a path with a NUL byte", true)
    err(function() coda.read_corpus({ dir .. "/a\0b" }) end, "a path with a NUL byte", true)
    err(function() coda.project(dir .. "/p\0q") end, "a path with a NUL byte", true)
    eq(h.listdir(dir), {})                        -- nothing made under a cut name
end

function T.a_link_is_followed_and_kept()
    local dir = h.mkdir("link")
    local real = dir .. "/real.csv"
    coda.write_file(real, "old\n")
    assert(os.execute("ln -s real.csv " .. h.quote(dir .. "/link.csv")))
    small():write_csv(dir .. "/link.csv")
    eq(h.read(real), "a\n1\n2\n")
    local p = assert(io.popen("find " .. h.quote(dir) .. " -type l"))
    eq(p:read("l"), dir .. "/link.csv")           -- still a link
    p:close()
end

function T.dev_null_is_written_through()
    small():write_csv("/dev/null")
    coda.write_file("/dev/null", "x")
    local p = assert(io.popen("stat -c %F /dev/null"))
    eq(p:read("l"), "character special file")
    p:close()
end

function T.a_files_mode_is_kept()
    local path = h.write("secret.csv", "old\n")
    assert(os.execute("chmod 600 " .. h.quote(path)))
    small():write_csv(path)
    eq(mode(path), "600")
    eq(h.read(path), "a\n1\n2\n")
end

function T.a_folder_in_the_way()
    local dir = h.mkdir("folder")
    err(function() small():write_csv(dir) end, "a folder is in the way", true)
end

function T.write_csv_checks_its_options()
    local d = coda.dataset({ { m = { "a;b", "c" } } }, { "m" })
    local path = h.path("multi.csv")
    err(function() d:write_csv(path) end,
        'label "a;b" of column "m" holds the multi separator ";"', true)
    err(function() d:write_csv(path, { sep = "" }) end, "non-empty text", true)
    err(function() d:write_csv(path, { sep = "\n" }) end, "without a line end", true)
    err(function() d:write_csv(path, { sepp = "|" }) end, 'unknown option "sepp"', true)
    err(function() d:write_csv(path, { sep = 1 }) end, "option sep must be a string", true)
    -- labels that reading would drop or trim
    err(function() coda.dataset({ { m = { "", "c" } } }, { "m" }):write_csv(path) end,
        'label "" of column "m" is empty and would not read back', true)
    err(function() coda.dataset({ { m = { " c" } } }, { "m" }):write_csv(path) end,
        'label " c" of column "m" starts or ends with a space or tab', true)
    err(function() coda.dataset({ { m = { "c\t" } } }, { "m" }):write_csv(path) end,
        'starts or ends with a space or tab, which reading trims', true)
    -- joined, "x /" and " / " make "x / / y": the split comes too early
    err(function()
        coda.dataset({ { m = { "x /", "y" } } }, { "m" }):write_csv(path, { sep = " / " })
    end, 'column "m", row 1: the labels joined with the multi separator " / " would split elsewhere', true)
    -- "a;" before "; " makes "a;; b", which splits in the right place
    local ok = coda.dataset({ { m = { "a;", "b" } } }, { "m" })
    ok:write_csv(path, { sep = "; " })
    eq(coda.read_csv(path, { multi = { m = "; " } }):get(1, "m"), { "a;", "b" })
    os.remove(path)
    -- text, labels and names that read_csv would refuse
    local bin = coda.dataset({ { x = 1, s = "a\255" } }, { "x", "s" })
    err(function() bin:write_csv(path) end,
        'column "s", row 1 holds bytes that are not UTF-8 (byte 0xFF at offset 1)', true)
    err(function() coda.dataset({ { m = { "\255" } } }, { "m" }):write_csv(path) end,
        'of column "m" is not UTF-8, which read_csv refuses', true)
    err(function() bin:select({ "x", "x" }):write_csv(path) end,
        'columns 1 and 2 are both named "x", which would not read back', true)
    err(function() bin:rename("x", ""):write_csv(path) end,
        "column 1 has an empty name", true)
    eq(h.exists(path), false)                     -- nothing written on an error
    d:write_csv(path, { sep = "|" })
    local back = coda.read_csv(path, { multi = { m = "|" } })
    eq(back:get(1, "m"), { "a;b", "c" })
end

-- The segment writers go through the same writer: a file the run read is
-- left as it was, a page of a review included.
function T.segment_writers_never_replace_an_input()
    local dir = h.mkdir("segin")
    local txt = dir .. "/d.txt"
    local text = "R1: a debt " .. string.rep("x", 1100) .. "\n"   -- a page of its own
    coda.write_file(txt, text)
    coda.write_file(dir .. "/r-2.html", "R1: old page\n")
    local cb = coda.read_codebook(h.write("segcb.csv", "code,pattern\ndebt,debt\n"))
    local corpus = coda.read_corpus({ txt, dir .. "/r-2.html" })
    local seg = cb:code(corpus)
    err(function() seg:write_jsonl(txt) end, "this run read the file as input", true)
    err(function() seg:write_kwic(txt, corpus) end, "this run read the file as input", true)
    err(function() seg:write_html(txt, corpus, cb) end, "this run read the file as input", true)
    err(function() seg:write_html(dir .. "/r.html", corpus, cb, { page_kb = 1 }) end,
        "r-2.html: this run read the file as input", true)
    eq(h.read(txt), text)
    eq(h.read(dir .. "/r-2.html"), "R1: old page\n")
    eq(h.exists(dir .. "/r.html"), false)       -- checked before any page
    eq(h.exists(dir .. "/r-1.html"), false)
end

return T
