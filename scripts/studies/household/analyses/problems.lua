-- problems.lua - the biggest water problem households name in their own
-- words, coded with the study's codebook: the share of the households that
-- answered naming each problem (an answer may name several).
local A = require("lib.analysis")
local coda = require("coda")

local M = {
  id = "problems",
  title = "The biggest water problem, in households' words",
  question = "What % of the households that answered name each problem?",
  inputs = { "households.csv", "codebook.csv" },
}

function M.run(data)
  local res = A.result()
  local answered = data.households:filter("biggest_problem", "present")
  local docs = answered:select({ "household", "biggest_problem" })
                       :rename({ household = "id", biggest_problem = "text" })
  local corpus = coda.read_corpus(docs, { unit = "document" })
  local cases = data.codebook:code(corpus):cases("doc", { corpus = corpus })
  local freq = cases:frequency("codes")
  A.figures_from(res, freq, "problem.")
  A.table(res, "problems", freq)
  return res
end

return M
