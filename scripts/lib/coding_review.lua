-- coding_review.lua - the input of `coda code` from standard input
-- (id,text CSV or JSON lines).  The work is coda's, in C.
local coda = require("coda")

local M = {}

-- The documents on standard input as a Dataset with columns id and text.
function M.read_stdin_documents()
    return coda.read_documents(io.stdin:read("a") or "", { name = "<stdin>" })
end

return M
