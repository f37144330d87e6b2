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

--- the coding of a reviewed project instead of the raw regex hits: the
--- accepted segments (auto segments a coder accepted, and manual codings)
--- of the documents of units, of the codes given, interviewers and
--- facilitators left out; returns the segments, the cases (as M.code) and
--- a sentence saying what was used
function M.project_code(path, units, codes)
  local p <close> = coda.project(path, { create = false })
  local docs = {}
  for _, d in ipairs(units:column("doc")) do docs[d] = true end
  local rows, names = {}, { "doc", "unit", "speaker", "code", "start", "stop", "text", "origin" }
  local counts = { auto = 0, manual = 0 }
  local wanted = {}
  for _, c in ipairs(codes) do wanted[c] = true end
  local excluded = {}
  for _, s in ipairs(M.EXCLUDE_SPEAKERS) do excluded[s] = true end
  for _, r in p:segments({ status = "accepted" }):rows() do
    if docs[r.doc] and wanted[r.code] and not excluded[r.speaker or ""] then
      rows[#rows + 1] = { doc = r.doc, unit = r.unit, speaker = r.speaker, code = r.code,
                          start = r.start, stop = r.stop, text = r.text, origin = r.origin }
      counts[r.origin] = counts[r.origin] + 1
    end
  end
  local pending = p:count({ status = "pending" })
  local seg = coda.dataset(rows, names)
  local note = ("Coding: the reviewed project %s — %d accepted auto-coded segments and "
    .. "%d manual codings of these codes; %d segments of the project still pending "
    .. "review are left out."):format(path, counts.auto, counts.manual, pending)
  return seg, seg:cases("doc", { corpus = units, codes = codes }), note
end

--- what M.code uses, as a sentence for the report
function M.regex_note(codebook)
  return ("Coding: the regex hits of codebooks/%s, not reviewed (coda suite "
    .. "--project FILE uses a reviewed coding project instead)."):format(codebook)
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
--- document order, as { text, source }; with doc_offsets, the segments'
--- start and stop are offsets into the document (a project's), not the turn
function M.quotes(seg, units, code, n, doc_offsets)
  local hits = seg:filter("code", "==", code)
  local out, seen = {}, {}
  for _, h in hits:rows() do
    if #out >= n then break end
    if not seen[h.doc] then
      seen[h.doc] = true
      local turn = units:filter("doc", "==", h.doc):filter("unit", "==", h.unit)
      local text = turn:get(1, "text")
      local s, e = h.start, h.stop
      if doc_offsets then        -- the coded text's place in the turn
        s = text:find(h.text, 1, true) or 1
        e = s + #h.text - 1
      end
      out[#out + 1] = { code = code, text = excerpt(text, s, e, 220),
                        source = ("%s, %s (turn %d)"):format(h.doc, h.speaker or "?", h.unit) }
    end
  end
  return out
end

return M
