-- qual.lua - coding the study's transcripts and picking quotes: what the
-- qualitative analyses share.
local coda = require("coda")

local M = {}

-- Interviewers and facilitators ask; coders code what respondents say.
M.EXCLUDE_SPEAKERS = { "Interviewer", "Facilitator" }

local cache = setmetatable({}, { __mode = "k" })

--- the codebook and the turns of one transcript folder of the study,
--- restricted to the documents whose ids are in keep (or all); cached per
--- data table
function M.corpus(data, folder, codebook, keep)
  local key = folder .. "|" .. codebook
  cache[data] = cache[data] or {}
  local c = cache[data][key]
  if not c then
    c = { cb = coda.read_codebook(data.dir .. "/codebooks/" .. codebook),
          units = coda.read_corpus(data.dir .. "/transcripts/" .. folder, { unit = "turn" }) }
    cache[data][key] = c
  end
  local units = keep and c.units:filter("doc", "in", keep) or c.units
  return c.cb, units
end

--- the codes of cb whose name starts with prefix, in codebook order
function M.codes(cb, prefix)
  local list = {}
  for _, name in ipairs(cb:names()) do
    if name:sub(1, #prefix) == prefix then list[#list + 1] = name end
  end
  return list
end

--- code units with cb (only codes, leaving out interviewers/facilitators);
--- returns the segments and the cases (one row per document, all
--- documents of units, multi column codes)
function M.code(cb, units, codes)
  local seg = cb:code(units, { codes = codes, exclude_speakers = M.EXCLUDE_SPEAKERS })
  return seg, seg:cases("doc", { corpus = units, codes = codes })
end

local function excerpt(text, s, e, width)
  if #text <= width then return text end
  local a = math.max(1, s - width // 2)
  local b = math.min(#text, a + width)
  -- keep whole UTF-8 characters: move off continuation bytes
  while a > 1 and text:byte(a) >= 0x80 and text:byte(a) < 0xC0 do a = a - 1 end
  while b < #text and text:byte(b + 1) and text:byte(b + 1) >= 0x80 and text:byte(b + 1) < 0xC0 do b = b + 1 end
  return (a > 1 and "…" or "") .. text:sub(a, b) .. (b < #text and "…" or "")
end

--- up to n quotes for code: the coded turns of n different documents, in
--- document order, as { text, source }
function M.quotes(seg, units, code, n)
  local hits = seg:filter("code", "==", code)
  local out, seen = {}, {}
  for _, h in hits:rows() do
    if #out >= n then break end
    if not seen[h.doc] then
      seen[h.doc] = true
      local turn = units:filter("doc", "==", h.doc):filter("unit", "==", h.unit)
      local text = turn:get(1, "text")
      out[#out + 1] = { code = code, text = excerpt(text, h.start, h.stop, 220),
                        source = ("%s, %s (turn %d)"):format(h.doc, h.speaker or "?", h.unit) }
    end
  end
  return out
end

return M
