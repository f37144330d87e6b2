-- coding_review.lua - the outputs of `coda code` (CSV, JSON lines, a
-- keyword-in-context listing, HTML review pages) and its input from
-- standard input (id,text CSV or JSON lines).  The work is coda's, in C:
-- this module picks the writer and the file.
local coda = require("coda")

local M = {}

-- The documents on standard input as a Dataset with columns id and text.
function M.read_stdin_documents()
    return coda.read_documents(io.stdin:read("a") or "", { name = "<stdin>" })
end

-- Write the segments as HTML review pages to path (csv, jsonl and kwic
-- are written batch by batch through coda.segment_writer).  opts: page_kb.
function M.write(format, seg, corpus, cb, path, opts)
    assert(format == "html")
    seg:write_html(path, corpus, cb, { page_kb = (opts or {}).page_kb })
end

return M
