-- prompt.lua - what the interactive prompt does in Lua: top-level `local`
-- declarations that last from one line to the next, and tab completion of
-- names, methods and column names.  bindings/repl.c reads the lines and
-- calls a session's load and complete.
--
-- A line is compiled with its own environment (_ENV), a table that reads a
-- prompt local first and the global of that name when the local holds nil,
-- and writes to a prompt local when the name was declared one, to the
-- globals otherwise.  `local x = 1` at the top level of a line is run as
-- `x = 1` with x declared a prompt local; `local function f` likewise.  A
-- `local` inside a function, loop or block is left as Lua has it.

local M = {}

local keywords = {}
for w in ([[and break do else elseif end false for function goto if in local
nil not or repeat return then true until while]]):gmatch("%a+") do
    keywords[w] = true
end

-- The end of a long bracket opened at i ("[[", "[==["), or nil when s has
-- none there; the second result is false when it never closes.
local function long_bracket(s, i)
    local eq = s:match("^%[(=*)%[", i)
    if not eq then
        return nil
    end
    local _, e = s:find("]" .. eq .. "]", i + #eq + 2, true)
    return e or #s, e ~= nil
end

-- The end of the quoted string opened at i, and whether it closes.
local function quoted(s, i)
    local q, j = s:sub(i, i), i + 1
    while j <= #s do
        local c = s:sub(j, j)
        if c == "\\" then
            j = j + 2
        elseif c == q then
            return j, true
        elseif c == "\n" then
            return j - 1, false
        else
            j = j + 1
        end
    end
    return #s, false
end

-- The tokens of Lua source s: { kind, text, first, last }, kind one of
-- "name", "string", "number", "op"; comments and spaces left out.  An
-- unfinished string ends the list with open = true on its token.
function M.tokens(s)
    local out, i = {}, 1
    while i <= #s do
        local c = s:sub(i, i)
        local e, kind, closed = nil, nil, true
        if c:match("%s") then
            e = s:find("[^%s]", i) or #s + 1
            e = e - 1
        elseif s:sub(i, i + 1) == "--" then
            e = long_bracket(s, i + 2) or (s:find("\n", i, true) or #s + 1) - 1
        elseif c == '"' or c == "'" then
            e, closed = quoted(s, i)
            kind = "string"
        elseif c == "[" and long_bracket(s, i) then
            e, closed = long_bracket(s, i)
            kind = "string"
        elseif c:match("[%a_]") then
            e, kind = select(2, s:find("^[%w_]+", i)), "name"
        elseif c:match("%d") or (c == "." and s:match("^%.%d", i)) then
            e, kind = select(2, s:find("^[%w_%.]+", i)), "number"
        else
            e = select(2, s:find("^[=~<>]=", i)) or select(2, s:find("^%.%.%.?", i))
                or select(2, s:find("^::", i)) or select(2, s:find("^<<", i))
                or select(2, s:find("^>>", i)) or select(2, s:find("^//", i)) or i
            kind = "op"
        end
        if kind then
            out[#out + 1] = { kind = kind, text = s:sub(i, e), first = i,
                              last = e, open = not closed or nil }
        end
        i = e + 1
    end
    return out
end

local opens = { ["function"] = 1, ["do"] = 1, ["if"] = 1, ["repeat"] = 1 }
local closes = { ["end"] = 1, ["until"] = 1 }

-- The names a top-level `local` at token k declares, the edits that turn
-- it into an assignment ({ first, last, text } replacements of s) and the
-- token after the declaration.
local function local_edits(toks, k, names, edits)
    local t = toks[k]
    local blank = { t.first, t.last, string.rep(" ", #t.text) }
    if toks[k + 1] and toks[k + 1].text == "function" then
        if toks[k + 2] and toks[k + 2].kind == "name" then
            names[#names + 1] = toks[k + 2].text
            edits[#edits + 1] = blank
        end
        return k + 1
    end
    local j, last, before = k + 1, t, #names
    edits[#edits + 1] = blank
    while toks[j] and toks[j].kind == "name" and not keywords[toks[j].text] do
        names[#names + 1], last = toks[j].text, toks[j]
        j = j + 1
        if toks[j] and toks[j].text == "<" and toks[j + 2] and toks[j + 2].text == ">" then
            edits[#edits + 1] = { toks[j].first, toks[j + 2].last,
                                  string.rep(" ", toks[j + 2].last - toks[j].first + 1) }
            j = j + 3
        end
        if not (toks[j] and toks[j].text == ",") then
            break
        end
        j = j + 1
    end
    if #names == before then
        edits[#edits] = nil  -- "local" alone: left for Lua to call unfinished
    elseif not (toks[j] and toks[j].text == "=") then
        edits[#edits + 1] = { last.last + 1, last.last, " = nil" }
    end
    return j
end

-- Source s with its top-level `local` declarations made assignments, and
-- the names they declare.  Lines and columns of the rest are unchanged.
function M.rewrite(s)
    local toks, names, edits, depth, k = M.tokens(s), {}, {}, 0, 1
    while toks[k] do
        local t = toks[k]
        if t.kind == "name" and opens[t.text] then
            depth = depth + 1
        elseif t.kind == "name" and closes[t.text] then
            depth = depth - 1
        end
        if t.kind == "name" and t.text == "local" and depth == 0 then
            k = local_edits(toks, k, names, edits)
        else
            k = k + 1
        end
    end
    for e = #edits, 1, -1 do
        local ed = edits[e]
        s = s:sub(1, ed[1] - 1) .. ed[3] .. s:sub(ed[2] + 1)
    end
    return s, names
end

local Session = {}
Session.__index = Session

-- A new prompt session: its locals and the environment lines run in.
function M.new()
    local declared, values = {}, {}
    local env = setmetatable({}, {
        __index = function(_, k)
            local v = values[k]
            if v == nil then
                return _G[k]
            end
            return v
        end,
        __newindex = function(_, k, v)
            if declared[k] then
                values[k] = v
            else
                _G[k] = v
            end
        end,
    })
    return setmetatable({ declared = declared, values = values, env = env },
                        Session)
end

-- Compile a line (or lines): as "return LINE" when that is an expression,
-- else as statements with top-level locals kept.  Returns the function, or
-- nil and Lua's message (ending in "<eof>" when the input is unfinished).
function Session:load(code)
    local f = load("return " .. code, "=stdin", "t", self.env)
    if f then
        return f
    end
    local src, names = M.rewrite(code)
    local g, err = load(src, "=stdin", "t", self.env)
    if not g then
        return nil, err
    end
    for _, n in ipairs(names) do
        self.declared[n] = true
    end
    return g
end

-- The value a dotted path ("a.b.c") names, or nil; plain tables only are
-- indexed, so no metamethod runs while the user presses Tab.
function Session:resolve(path)
    local v
    for part in path:gmatch("[^%.]+") do
        if v == nil then
            v = self.values[part]
            if v == nil then
                v = rawget(_G, part)
            end
        elseif type(v) == "table" then
            v = rawget(v, part)
        else
            return nil
        end
    end
    return v
end

local function is_dataset(v)
    local mt = type(v) == "userdata" and getmetatable(v)
    return type(mt) == "table" and rawget(mt, "__name") == "coda.Dataset"
end

local function add_keys(out, t, prefix, word, pred)
    if type(t) ~= "table" then
        return
    end
    for k, v in next, t do
        if type(k) == "string" and k:match("^[%a_][%w_]*$") and
           k:sub(1, #word) == word and (not pred or pred(v)) then
            out[prefix .. k] = true
        end
    end
end

-- The method names of v (its metatable's __index table, or its own
-- functions for a table).
local function methods(out, v, prefix, word)
    local mt = getmetatable(v)
    if type(mt) == "table" then
        add_keys(out, rawget(mt, "__index"), prefix, word)
    end
    if type(v) == "table" then
        add_keys(out, v, prefix, word, function(x) return type(x) == "function" end)
    end
end

-- Inside an open string argument of a method call on a Dataset
-- (ds:select("ag, ds:pivot_wider{ names_from = "ag): that Dataset; the
-- second result says whether line ends inside a string at all.
function Session:string_dataset(line)
    local toks = M.tokens(line)
    local last = toks[#toks]
    if not (last and last.kind == "string" and last.open) then
        return nil, false
    end
    local depth = 0
    for k = #toks - 1, 1, -1 do
        local t = toks[k].text
        if t == ")" or t == "}" then
            depth = depth + 1
        elseif (t == "(" or t == "{") and depth > 0 then
            depth = depth - 1
        elseif t == "(" or t == "{" then
            local m, colon = toks[k - 1], toks[k - 2]
            if not (m and m.kind == "name" and colon and colon.text == ":") then
                return nil, true
            end
            local path, j = {}, k - 3
            while toks[j] and toks[j].kind == "name" do
                table.insert(path, 1, toks[j].text)
                if not (toks[j - 1] and toks[j - 1].text == ".") then
                    break
                end
                j = j - 2
            end
            local v = #path > 0 and self:resolve(table.concat(path, "."))
            return is_dataset(v) and v or nil, true
        end
    end
    return nil, true
end

-- Completions of word, the text before the cursor that Tab replaces; line
-- is the whole input up to the cursor.  A sorted array of strings.
function Session:complete(line, word)
    local out = {}
    local ds, in_string = self:string_dataset(line)
    if in_string then
        for _, n in ipairs(ds and ds:names() or {}) do
            if n:sub(1, #word) == word then
                out[n] = true
            end
        end
    elseif word:match("^[%a_][%w_%.]*[:%.][%w_]*$") then
        local path, sep, part = word:match("^(.-)([:%.])([%w_]*)$")
        local v = self:resolve(path)
        if sep == ":" then
            methods(out, v, path .. ":", part)
        else
            add_keys(out, v, path .. ".", part)
        end
    elseif word:match("^[%a_][%w_]*$") or word == "" then
        add_keys(out, keywords, "", word)
        add_keys(out, self.declared, "", word)
        add_keys(out, _G, "", word)
    end
    local list = {}
    for k in pairs(out) do
        list[#list + 1] = k
    end
    table.sort(list)
    return list
end

return M
