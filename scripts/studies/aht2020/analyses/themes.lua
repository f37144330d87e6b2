-- themes.lua - the qualitative findings: code frequencies by group of
-- codes, with representative quotes.  One analysis serves the survivors'
-- challenges (focus groups), the effective and ineffective strategies and
-- the leadership observations (leader interviews).
local A = require("lib.analysis")
local qual = require("lib.qual")
local coda = require("coda")

local M = {
  id = "themes",
  question = "Which themes do respondents raise, in how many sources, and in their words?",
}

M.THEMES = {
  challenges = { folder = "fgd", codebook = "fgd.csv", prefix = "challenge.",
                 title = "Challenges survivors face, by stakeholder group",
                 question = "Which challenges do survivors face from family and community, local administration and police, and organisations?" },
  strategies = { folder = "org", codebook = "org.csv", prefix = { "effective.", "ineffective." },
                 title = "Effective and ineffective strategies",
                 question = "Which strategies do organisation leaders find effective, and which ineffective?" },
  leadership = { folder = "org", codebook = "org.csv", prefix = "leadership.",
                 title = "Leadership observations",
                 question = "What do leaders' interviews show about dilemmas, energy and ideology, engagement with systems and satisfaction?" },
}

--- the data a theme reads: its transcripts, codebook and the list of
--- sources (focus groups or organisations) it keeps
function M.inputs(params)
  local spec = M.THEMES[params.theme]
  return { spec.folder == "fgd" and "fgd_groups.csv" or "organisations.csv",
           "transcripts/" .. spec.folder, "codebooks/" .. spec.codebook }
end

local function theme_codes(cb, prefix)
  local list = {}
  for _, p in ipairs(type(prefix) == "table" and prefix or { prefix }) do
    for _, c in ipairs(qual.codes(cb, p)) do list[#list + 1] = c end
  end
  return list
end

-- The group of a code: its name without the last part.
local function group_of(code)
  return code:match("^(.*)%.[^.]+$") or code
end

--- params: theme ("challenges", "strategies" or "leadership"), quotes (3).
--- Base: the documents of the theme's corpus (focus groups or leaders).
function M.run(data, params)
  local spec = M.THEMES[params.theme] or error("no theme " .. tostring(params.theme))
  local res = A.result()
  local keep = spec.folder == "fgd" and data.fgd_groups:column("fgd_id")
               or data.organisations:column("org_id")
  local cb, units = qual.corpus(data, spec.folder, spec.codebook, keep)
  local codes = theme_codes(cb, spec.prefix)
  local seg, cases = qual.code(cb, units, codes)
  local f = cases:frequency("codes", { base = cases:nrow(), order = codes, all_labels = codes })
    :mutate("group", function(r) return group_of(r.value) end)
    :select("group", "value", "count", "base", "pct", "ci_low", "ci_high")
  A.table(res, params.theme, f)
  res.quote_list = {}
  for _, code in ipairs(codes) do
    for _, q in ipairs(qual.quotes(seg, units, code, params.quotes or 2)) do
      res.quote_list[#res.quote_list + 1] = q
    end
  end
  return res
end

--- the title and question of a theme, for the report
function M.describe(theme)
  local s = M.THEMES[theme]
  return s.title, s.question
end

return M
