-- report.lua - writing a study's report: figures.csv, one CSV per table,
-- report.md and a self-contained index.html.
local coda = require("coda")
local chart = require("lib.chart")
local provenance = require("lib.provenance")

local M = {}

local FIG_COLUMNS = { "figure_id", "section", "label", "count", "base", "pct",
                      "pct_rounded", "ci_low", "ci_high", "published_pct",
                      "published_base", "status", "note" }

local write_file = coda.write_file -- atomic: temporary file, then rename

local function rows_by_id(rows)
  local t = {}
  for _, r in ipairs(rows) do t[r.figure_id] = r end
  return t
end

-- The figures a section produced, in the publication's order.
local function section_rows(run, sec)
  local list = {}
  for _, r in ipairs(run.rows) do
    if sec.result.figures[r.figure_id] then list[#list + 1] = r end
  end
  return list
end

local function ci_text(r)
  return ("%s–%s"):format(coda.round(r.ci_low), coda.round(r.ci_high))
end

-- Text from the data made safe in Markdown: no raw HTML (&, <, >) and no
-- inline syntax (\ ` * _ [ ] |) of its own.
local function md_text(s)
  s = coda.html_escape(tostring(s), "text")
  return (s:gsub("[\\`*_%[%]|]", "\\%0"))
end

-- What computed a section and from which data: { file, inputs } (run.json
-- holds their hashes).
local function source(sec)
  return sec.file, provenance.inputs(sec.module, sec.params)
end

-- A table of a result: a Dataset, or one a worker process has written
-- and rendered already ({ md, html }).
local function rendered(t) return type(t) == "table" and t.md ~= nil end

local function table_md(t)
  return rendered(t) and t.md or t:to_markdown{ digits = 0 }
end

local function md_section(out, run, sec)
  out[#out + 1] = "## " .. sec.title .. "\n"
  out[#out + 1] = "*" .. sec.question .. "*\n"
  local file, inputs = source(sec)
  if file then
    local from = {}
    for _, p in ipairs(inputs) do from[#from + 1] = "`" .. p .. "`" end
    out[#out + 1] = ("Computed by `%s`%s.\n"):format(file,
      #from > 0 and (" from " .. table.concat(from, ", ")) or "")
  end
  local rows = section_rows(run, sec)
  if #rows > 0 then
    out[#out + 1] = "| figure | label | count / base | computed | 95% CI | published | status |"
    out[#out + 1] = "| --- | --- | ---: | ---: | ---: | ---: | --- |"
    for _, r in ipairs(rows) do
      out[#out + 1] = ("| `%s` | %s | %d / %d | %d%% | %s | %d%% | %s%s |"):format(
        r.figure_id, r.label:gsub("|", "\\|"), r.count, r.base, r.pct_rounded,
        ci_text(r), r.published_pct, r.status, r.note ~= "" and (": " .. r.note) or "")
    end
    out[#out + 1] = ""
  end
  for _, name in ipairs(sec.result.order) do
    out[#out + 1] = ("Table `%s.csv`:\n"):format(name)
    out[#out + 1] = table_md(sec.result.tables[name])
  end
  for _, n in ipairs(sec.result.notes or {}) do
    out[#out + 1] = "*" .. md_text(n) .. "*\n"
  end
  for _, q in ipairs(sec.result.quote_list or {}) do
    out[#out + 1] = ("> %s — %s\n"):format(md_text(q.text), md_text(q.source))
  end
end

-- What a report says first when its study gives no words of its own.
local INTRO = {
  markdown = "Each percentage is a count over its base, rounded half up, with a 95% " ..
    "Wilson interval, beside the published one.\n",
  html = "<p>Bars show the computed percentage; the red tick the published one.</p>",
}

--- report.md as text (intro: { markdown = ..., html = ... }, the study's
--- opening words)
function M.markdown(run, checks, title, intro, extra)
  local out = {
    "# " .. title .. "\n",
    (intro or INTRO).markdown,
    "**" .. run.summary .. "**\n",
  }
  for _, sec in ipairs(run.sections) do md_section(out, run, sec) end
  if checks then       -- nil: the study checks no consistency
    out[#out + 1] = "## Consistency of the publication\n"
    if #checks == 0 then out[#out + 1] = "No contradiction found.\n" end
    for _, c in ipairs(checks) do
      out[#out + 1] = ("- **%s**: %s"):format(c.kind, c.text)
    end
  end
  if extra then
    out[#out + 1] = ("\n## Changes since %s\n"):format(md_text(extra.since))
    if extra.changes:nrow() == 0 then out[#out + 1] = "Nothing changed.\n"
    else out[#out + 1] = extra.changes:to_markdown{ digits = 4 } end
  end
  return table.concat(out, "\n") .. "\n"
end

local CSS = [[
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}td.n{text-align:right}
.exact{color:#1a7f37}.truncated{color:#9a6700}.not-representable{color:#8250df}.mismatch{color:#cf222e;font-weight:bold}
.prov{color:#666;font-size:.8em}
blockquote{color:#555;border-left:3px solid #ccc;margin:.5em 0;padding-left:.8em}
]]

local function html_table(t)
  return rendered(t) and t.html or chart.table(t)
end

-- Bars for a section in the publication's own order, each with its
-- interval and the published percentage as a tick.  An analysis whose
-- chart has levels (chart = { levels = true, title = FORMAT }) shows each
-- parent (prefix.parent.total) followed by its children (prefix.parent.x),
-- under FORMAT's title with the section's in it.
local function section_chart(run, sec)
  local spec = sec.module.chart or {}
  local bars, levels = {}, spec.levels == true
  for _, r in ipairs(section_rows(run, sec)) do
    local prefix, act, sub = r.figure_id:match("^([%a_]+)%.([%w_]+)%.([%w_]+)$")
    if act ~= "text" then
      bars[#bars + 1] = { label = r.label, pct = r.pct, ci_low = r.ci_low, ci_high = r.ci_high,
                          base = r.base, published = r.published_pct,
                          level = (levels and prefix and sub ~= "total") and 1 or 0 }
    end
  end
  if #bars == 0 then return "" end
  return chart.bar(bars, { label = "label", reference = "published",
                           level = levels and "level" or nil,
                           title = levels and spec.title and spec.title:format(sec.title) or sec.title })
end

local function esc(s)
  return coda.html_escape(tostring(s))
end

local function html_section(out, run, sec)
  out[#out + 1] = ("<h2>%s</h2><p><em>%s</em></p>"):format(esc(sec.title), esc(sec.question))
  local file, inputs = source(sec)
  if file then
    local from = {}
    for _, p in ipairs(inputs) do from[#from + 1] = "<code>" .. esc(p) .. "</code>" end
    out[#out + 1] = ('<p class="prov">Computed by <code>%s</code>%s (hashes in run.json).</p>'):format(
      esc(file), #from > 0 and (" from " .. table.concat(from, ", ")) or "")
  end
  out[#out + 1] = section_chart(run, sec)
  local rows = section_rows(run, sec)
  if #rows > 0 then
    out[#out + 1] = "<table><tr><th>figure</th><th>label</th><th>count / base</th><th>computed</th><th>95% CI</th><th>published</th><th>status</th></tr>"
    for _, r in ipairs(rows) do
      out[#out + 1] = ('<tr><td><code>%s</code></td><td>%s</td><td class="n">%d / %d</td><td class="n">%d%%</td><td class="n">%s</td><td class="n">%d%%</td><td class="%s">%s%s</td></tr>'):format(
        esc(r.figure_id), esc(r.label), r.count, r.base, r.pct_rounded, esc(ci_text(r)),
        r.published_pct, r.status:gsub(" ", "-"), esc(r.status),
        r.note ~= "" and (": " .. esc(r.note)) or "")
    end
    out[#out + 1] = "</table>"
  end
  for _, name in ipairs(sec.result.order) do
    if not name:match("_activities$") then
      out[#out + 1] = ("<p>Table <code>%s.csv</code></p>"):format(esc(name))
      out[#out + 1] = html_table(sec.result.tables[name])
    end
  end
  for _, n in ipairs(sec.result.notes or {}) do
    out[#out + 1] = ('<p class="note">%s</p>'):format(esc(n))
  end
  for _, q in ipairs(sec.result.quote_list or {}) do
    out[#out + 1] = ("<blockquote>%s <small>— %s</small></blockquote>"):format(esc(q.text), esc(q.source))
  end
end

--- index.html as text: one page, inline CSS and SVG, no external assets
function M.html(run, checks, title, intro, extra)
  local out = {
    "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
    "<title>" .. esc(title) .. "</title><style>" .. CSS .. chart.CSS .. "</style></head><body>",
    "<h1>" .. esc(title) .. "</h1>",
    (intro or INTRO).html,
    '<p id="summary"><strong>' .. esc(run.summary) .. "</strong></p>",
  }
  for _, sec in ipairs(run.sections) do html_section(out, run, sec) end
  if checks then
    out[#out + 1] = "<h2>Consistency of the publication</h2><ul>"
    for _, c in ipairs(checks) do
      out[#out + 1] = ("<li><strong>%s</strong>: %s</li>"):format(esc(c.kind), esc(c.text))
    end
    out[#out + 1] = "</ul>"
  end
  if extra then
    out[#out + 1] = ('<h2 id="changes">Changes since %s</h2>'):format(esc(extra.since))
    out[#out + 1] = extra.changes:nrow() == 0 and "<p>Nothing changed.</p>"
                    or html_table(extra.changes)
  end
  out[#out + 1] = "</body></html>"
  return table.concat(out, "\n") .. "\n"
end

--- figures.csv rows as a Dataset
function M.figures_dataset(run)
  return coda.dataset(run.rows, FIG_COLUMNS)
end

--- the CSVs: figures.csv and one per table, into dir (created if needed)
function M.write_tables(run, dir)
  coda.mkdir(dir)
  M.figures_dataset(run):write_csv(dir .. "/figures.csv")
  for _, sec in ipairs(run.sections) do
    for _, name in ipairs(sec.result.order) do
      local t = sec.result.tables[name]
      if not rendered(t) then t:write_csv(dir .. "/" .. name .. ".csv") end
    end
  end
end

--- report.md and index.html into dir; changes (a Dataset from
--- lib.compare, or nil) and since (the folder compared with) add a section
function M.write_pages(run, checks, dir, title, intro, changes, since)
  local extra = changes and { changes = changes, since = since } or nil
  write_file(dir .. "/report.md", M.markdown(run, checks, title, intro, extra))
  write_file(dir .. "/index.html", M.html(run, checks, title, intro, extra))
end

--- write everything into dir (created if needed)
function M.write(run, checks, dir, title, intro)
  M.write_tables(run, dir)
  M.write_pages(run, checks, dir, title, intro)
end

return M
