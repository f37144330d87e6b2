-- services.lua - the services survivors received, from coding the focus
-- group transcripts, and how the auto-coding agrees with the human coding.
local A = require("lib.analysis")
local qual = require("lib.qual")
local coda = require("coda")

local M = {
  inputs = { "fgd_groups.csv", "transcripts/fgd", "codebooks/fgd.csv" },
  id = "services",
  title = "Survivors' services (focus groups)",
  question = "What % of survivor focus groups report each socio-economic and social service?",
}

M.CODES = {
  "socio_economic.skill_training", "socio_economic.resumed_school",
  "socio_economic.enterprise_employment", "socio_economic.bank_account",
  "social.entitlements", "social.leadership_groups", "social.engage_officials",
  "social.legal_action",
}

--- Base: the focus groups of data.fgd_groups (their transcripts coded with
--- codebooks/fgd.csv, interviewer and facilitator turns left out).  With
--- data.project (coda suite --project FILE), the coding is the accepted
--- segments of that reviewed project instead of the raw regex hits.
function M.run(data)
  local res = A.result()
  local ids = data.fgd_groups:column("fgd_id")
  local cb, units = qual.corpus(data, "fgd", "fgd.csv", ids)
  local seg, cases, note
  if data.project then
    seg, cases, note = qual.project_code(data.project, units, M.CODES)
  else
    seg, cases = qual.code(cb, units, M.CODES)
    note = qual.regex_note("fgd.csv")
  end
  res.notes[#res.notes + 1] = note
  local n = cases:nrow()
  local f = cases:frequency("codes", { base = n, order = M.CODES, all_labels = M.CODES })
  A.figures_from(res, f, "surv.")
  A.table(res, "services", f)
  local human = data.fgd_groups:select("fgd_id", "services_received")
                                :rename("services_received", "codes")
  A.table(res, "services_agreement",
          coda.stats.agreement(cases, human, { codes = "codes", labels = M.CODES })
            :select("code", "n", "both", "a_only", "b_only", "neither", "agreement",
                    "kappa", "precision", "recall", "f1"))
  res.quote_list = {}
  for _, code in ipairs(M.CODES) do
    for _, q in ipairs(qual.quotes(seg, units, code, 2, data.project ~= nil)) do
      res.quote_list[#res.quote_list + 1] = q
    end
  end
  return res
end

return M
