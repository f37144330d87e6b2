-- coding_review.lua - the outputs of `coda code` (CSV, JSON lines, a
-- keyword-in-context listing, an HTML review page) and its input from
-- standard input (id,text CSV or JSON lines).
local coda = require("coda")

local M = {}

-- --- input ---------------------------------------------------------------

-- A tiny JSON reader: enough for one object per line.
local function json_decode(s, line)
    local pos = 1
    local function fail(what)
        error(string.format("<stdin>:%d: bad JSON at column %d: %s", line,
            pos, what), 0)
    end
    local function ws() pos = s:find("[^ \t\r\n]", pos) or #s + 1 end
    local value
    local function str()
        local out, i = {}, pos + 1
        while true do
            local c = s:sub(i, i)
            if c == "" then fail("unterminated string") end
            if c == '"' then pos = i + 1 return table.concat(out) end
            if c == "\\" then
                local e = s:sub(i + 1, i + 1)
                local map = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t",
                              ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
                if map[e] then
                    out[#out + 1] = map[e]
                    i = i + 2
                elseif e == "u" then
                    local cp = tonumber(s:sub(i + 2, i + 5), 16)
                    if not cp then fail("bad \\u escape") end
                    i = i + 6
                    if cp >= 0xD800 and cp <= 0xDBFF and s:sub(i, i + 1) == "\\u" then
                        local lo = tonumber(s:sub(i + 2, i + 5), 16)
                        if lo and lo >= 0xDC00 and lo <= 0xDFFF then
                            cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
                            i = i + 6
                        end
                    end
                    out[#out + 1] = utf8.char(cp)
                else
                    fail("bad escape")
                end
            else
                local j = s:find('[\\"]', i) or #s + 1
                out[#out + 1] = s:sub(i, j - 1)
                i = j
            end
        end
    end
    function value()
        ws()
        local c = s:sub(pos, pos)
        if c == "{" then
            local t = {}
            pos = pos + 1
            ws()
            if s:sub(pos, pos) == "}" then pos = pos + 1 return t end
            while true do
                ws()
                if s:sub(pos, pos) ~= '"' then fail("expected a key") end
                local k = str()
                ws()
                if s:sub(pos, pos) ~= ":" then fail("expected ':'") end
                pos = pos + 1
                t[k] = value()
                ws()
                local d = s:sub(pos, pos)
                pos = pos + 1
                if d == "}" then return t end
                if d ~= "," then fail("expected ',' or '}'") end
            end
        elseif c == "[" then
            local t = {}
            pos = pos + 1
            ws()
            if s:sub(pos, pos) == "]" then pos = pos + 1 return t end
            while true do
                t[#t + 1] = value()
                ws()
                local d = s:sub(pos, pos)
                pos = pos + 1
                if d == "]" then return t end
                if d ~= "," then fail("expected ',' or ']'") end
            end
        elseif c == '"' then
            return str()
        end
        local lit = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
        if lit and #lit > 0 then pos = pos + #lit return tonumber(lit) end
        for word, v in pairs({ ["true"] = true, ["false"] = false, null = "" }) do
            if s:sub(pos, pos + #word - 1) == word then
                pos = pos + #word
                return v
            end
        end
        fail("unexpected " .. (c == "" and "end of line" or "'" .. c .. "'"))
    end
    local v = value()
    ws()
    if pos <= #s then fail("trailing characters") end
    return v
end
M.json_decode = json_decode

local function csv_field(s)
    return '"' .. tostring(s):gsub('"', '""') .. '"'
end

-- The documents on standard input as a Dataset with columns id and text.
function M.read_stdin_documents()
    local data = io.stdin:read("a") or ""
    local tmp = os.tmpname()
    local ok, err = pcall(function()
        if data:match("^%s*{") then
            local f = assert(io.open(tmp, "wb"))
            f:write("id,text\n")
            local n = 0
            for line in data:gmatch("([^\n]*)\n?") do
                n = n + 1
                if line:match("%S") then
                    local rec = json_decode(line, n)
                    if type(rec) ~= "table" or rec.id == nil or type(rec.text) ~= "string" then
                        error(string.format("<stdin>:%d: expected an object with id and text", n), 0)
                    end
                    if type(rec.id) ~= "string" and type(rec.id) ~= "number" then
                        error(string.format("<stdin>:%d: id must be a string or a number, not %s",
                                            n, type(rec.id) == "table" and "an array or object"
                                            or type(rec.id)), 0)
                    end
                    f:write(csv_field(rec.id), ",", csv_field(rec.text), "\n")
                end
            end
            f:close()
        else
            local f = assert(io.open(tmp, "wb"))
            f:write(data)
            f:close()
        end
    end)
    if not ok then
        os.remove(tmp)
        error(err, 0)
    end
    local ok2, ds = pcall(coda.read_csv, tmp, { infer = false })
    os.remove(tmp)
    if not ok2 then
        error((tostring(ds):gsub(tmp:gsub("%p", "%%%0"), "<stdin>")), 0)
    end
    return ds
end

-- --- output ----------------------------------------------------------------

-- Write text to path through coda's one writer: whole or not at all, never
-- over a file the run read, through to a device or FIFO.
local function write_atomic(path, text)
    local ok, err = pcall(coda.write_file, path, text)
    if not ok then error((tostring(err):gsub("^[^\n]-%.lua:%d+: ", "")), 0) end
end

local function emit(text, out)
    if out then
        write_atomic(out, text)
    else
        io.stdout:write(text)
    end
end

local function json_string(s)
    return '"' .. s:gsub('[%c"\\]', function(c)
        local map = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n",
                      ["\r"] = "\\r", ["\t"] = "\\t" }
        return map[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
end

local function jsonl(seg)
    local out = {}
    for _, r in seg:rows() do
        out[#out + 1] = string.format(
            '{"doc":%s,"unit":%d,"speaker":%s,"code":%s,"start":%d,"stop":%d,"match":%s}\n',
            json_string(r.doc), r.unit, r.speaker and json_string(r.speaker) or "null",
            json_string(r.code), r.start, r.stop, json_string(r.match))
    end
    return table.concat(out)
end

-- The unit texts of a corpus by doc and unit.
local function unit_texts(corpus)
    local docs, units, texts = corpus:column("doc"), corpus:column("unit"),
        corpus:column("text")
    local map = {}
    for i = 1, corpus:nrow() do
        map[docs[i] .. "\0" .. units[i]] = texts[i]
    end
    return map
end

local function flat(s)
    return (s:gsub("%s", " "))
end

-- The last (or first) characters of s that fit in width columns.
local function fit(s, width, from_end)
    local chars = {}
    for _, cp in utf8.codes(s) do chars[#chars + 1] = utf8.char(cp) end
    local out, w = {}, 0
    local a, b, step = 1, #chars, 1
    if from_end then a, b, step = #chars, 1, -1 end
    local pending = {}
    for i = a, b, step do
        local cw = coda.text_width(chars[i])
        if w + cw > width then break end
        w = w + cw
        if from_end then table.insert(pending, 1, chars[i]) else pending[#pending + 1] = chars[i] end
    end
    out = table.concat(pending)
    return out, w
end

local CONTEXT = 30

local function kwic(seg, corpus)
    local texts = unit_texts(corpus)
    local rows, wl, wc = {}, 0, 0
    for _, r in seg:rows() do
        local where = r.doc .. ":" .. r.unit
        local text = texts[r.doc .. "\0" .. r.unit] or r.match
        local left, lw = fit(flat(text:sub(1, r.start - 1)), CONTEXT, true)
        local right = fit(flat(text:sub(r.stop + 1)), CONTEXT, false)
        rows[#rows + 1] = { where, r.code, left, lw, flat(r.match), right }
        wl = math.max(wl, coda.text_width(where))
        wc = math.max(wc, coda.text_width(r.code))
    end
    local out = {}
    for _, x in ipairs(rows) do
        out[#out + 1] = x[1] .. string.rep(" ", wl - coda.text_width(x[1]) + 2)
            .. x[2] .. string.rep(" ", wc - coda.text_width(x[2]) + 2)
            .. string.rep(" ", CONTEXT - x[4]) .. x[3] .. "[" .. x[5] .. "]"
            .. x[6] .. "\n"
    end
    return table.concat(out)
end

local function html_escape(s)
    return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;",
                                [">"] = "&gt;", ['"'] = "&quot;" }))
end

local palette = { "#fde68a", "#a7f3d0", "#bfdbfe", "#fbcfe8", "#ddd6fe",
                  "#fecaca", "#bbf7d0", "#fed7aa", "#c7d2fe", "#99f6e4" }

-- One unit's text with its segments as <mark> spans (overlaps split).
local function marked(text, segs, class)
    local cuts = { [1] = true, [#text + 1] = true }
    for _, s in ipairs(segs) do
        cuts[s.start] = true
        cuts[s.stop + 1] = true
    end
    local pts = {}
    for p in pairs(cuts) do pts[#pts + 1] = p end
    table.sort(pts)
    local out = {}
    for i = 1, #pts - 1 do
        local a, b = pts[i], pts[i + 1] - 1
        local piece = html_escape(text:sub(a, b))
        local codes, seen = {}, {}
        for _, s in ipairs(segs) do
            if s.start <= a and s.stop >= b and not seen[s.code] then
                seen[s.code] = true
                codes[#codes + 1] = s.code
            end
        end
        if #codes > 0 then
            local cls = {}
            for _, c in ipairs(codes) do cls[#cls + 1] = class[c] end
            out[#out + 1] = string.format('<mark class="%s" title="%s">%s</mark>',
                table.concat(cls, " "), html_escape(table.concat(codes, ", ")), piece)
        else
            out[#out + 1] = piece
        end
    end
    return table.concat(out)
end

local function html(seg, corpus, cb)
    local names = cb:names()
    local class, css, legend = {}, {}, {}
    local info = {}
    local codes = cb:codes()
    for i = 1, codes:nrow() do info[codes:get(i, "code")] = codes:get(i, "description") end
    for i, name in ipairs(names) do
        class[name] = "c" .. i
        local color = palette[(i - 1) % #palette + 1]
        css[#css + 1] = string.format(".c%d{background:%s}", i, color)
        legend[#legend + 1] = string.format('<li><mark class="c%d">%s</mark> %s</li>',
            i, html_escape(name), html_escape(info[name] or ""))
    end
    local by_unit = {}
    for _, r in seg:rows() do
        local k = r.doc .. "\0" .. r.unit
        by_unit[k] = by_unit[k] or {}
        table.insert(by_unit[k], r)
    end
    local body, last_doc = {}, nil
    for _, u in corpus:rows() do
        if u.doc ~= last_doc then
            if last_doc then body[#body + 1] = "</section>" end
            body[#body + 1] = string.format('<section><h2>%s</h2>', html_escape(u.doc))
            last_doc = u.doc
        end
        local segs = by_unit[u.doc .. "\0" .. u.unit] or {}
        body[#body + 1] = string.format('<p><span class="who">%s</span>%s</p>',
            html_escape(u.speaker and u.speaker .. ":" or "#" .. u.unit),
            marked(u.text, segs, class))
    end
    if last_doc then body[#body + 1] = "</section>" end
    return table.concat({
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<title>coda: coded transcripts</title>\n<style>\n',
        'body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}\n',
        'mark{padding:0 .1em;border-radius:.2em}\n',
        'mark[class*=" "]{outline:2px dashed #555}\n',
        '.who{font-weight:bold;margin-right:.5em;color:#444}\n',
        'section{border-top:1px solid #ccc;margin-top:1.5em}\n',
        table.concat(css, "\n"), '\n</style>\n</head>\n<body>\n',
        '<h1>Coded transcripts</h1>\n',
        string.format('<p>%d segments in %d units.</p>\n', seg:nrow(), corpus:nrow()),
        '<ul class="legend">', table.concat(legend), '</ul>\n',
        table.concat(body, "\n"), '\n</body>\n</html>\n' })
end

local function csv_out(seg, out)
    if out then
        seg:write_csv(out)
        return
    end
    local tmp = os.tmpname()
    local ok, err = pcall(seg.write_csv, seg, tmp)
    if ok then
        local f = assert(io.open(tmp, "rb"))
        io.stdout:write(f:read("a"))
        f:close()
    end
    os.remove(tmp)
    if not ok then error(err, 0) end
end

-- Write the segments in format (csv, jsonl, kwic, html) to out or stdout.
function M.write(format, seg, corpus, cb, out)
    if format == "csv" then
        csv_out(seg, out)
    elseif format == "jsonl" then
        emit(jsonl(seg), out)
    elseif format == "kwic" then
        emit(kwic(seg, corpus), out)
    else
        emit(html(seg, corpus, cb), out)
    end
end

return M
