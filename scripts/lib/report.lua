-- report.lua - writing a study's report: figures.csv, one CSV per table,
-- report.md and a self-contained index.html.
local coda = require("coda")
local svg = require("lib.svg")

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
  s = tostring(s):gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;")
  return (s:gsub("[\\`*_%[%]|]", "\\%0"))
end

local function md_section(out, run, sec)
  out[#out + 1] = "## " .. sec.title .. "\n"
  out[#out + 1] = "*" .. sec.question .. "*\n"
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
    out[#out + 1] = sec.result.tables[name]:to_markdown{ digits = 0 }
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
function M.markdown(run, checks, title, intro)
  local out = {
    "# " .. title .. "\n",
    (intro or INTRO).markdown,
    "**" .. run.summary .. "**\n",
  }
  for _, sec in ipairs(run.sections) do md_section(out, run, sec) end
  out[#out + 1] = "## Consistency of the publication\n"
  if #checks == 0 then out[#out + 1] = "No contradiction found.\n" end
  for _, c in ipairs(checks) do
    out[#out + 1] = ("- **%s**: %s"):format(c.kind, c.text)
  end
  return table.concat(out, "\n") .. "\n"
end

local CSS = [[
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}td.n{text-align:right}
.exact{color:#1a7f37}.truncated{color:#9a6700}.not-representable{color:#8250df}.mismatch{color:#cf222e;font-weight:bold}
.chart{display:block;margin:1em 0}.chart .ct{font-weight:bold;font-size:14px}
.chart .la{font-weight:bold;font-size:12px}.chart .ls{font-size:12px}
.chart .v{font-size:11px}.chart .ba{fill:#2f5d8a}.chart .bs{fill:#8fb3d9}
.chart .pub{stroke:#c0392b;stroke-width:2}
blockquote{color:#555;border-left:3px solid #ccc;margin:.5em 0;padding-left:.8em}
]]

local function html_table(ds, esc)
  local names = ds:names()
  local out = { "<table><tr>" }
  for _, n in ipairs(names) do out[#out + 1] = "<th>" .. esc(n) .. "</th>" end
  out[#out + 1] = "</tr>"
  for _, row in ds:rows() do
    out[#out + 1] = "<tr>"
    for _, n in ipairs(names) do
      local v = row[n]
      if type(v) == "table" then v = table.concat(v, "; ") end
      if math.type(v) == "float" then v = coda.round(v, math.abs(v) < 10 and 2 or 1) end
      out[#out + 1] = ("<td%s>%s</td>"):format(type(row[n]) == "number" and ' class="n"' or "",
                                              esc(v == nil and "" or v))
    end
    out[#out + 1] = "</tr>"
  end
  out[#out + 1] = "</table>"
  return table.concat(out)
end

-- Bars for a section in the publication's own order.  An analysis whose
-- chart has levels (chart = { levels = true, title = FORMAT }) shows each
-- parent (prefix.parent.total) followed by its children (prefix.parent.x),
-- under FORMAT's title with the section's in it.
local function section_chart(run, sec)
  local chart = sec.module.chart or {}
  local bars, levels = {}, chart.levels == true
  for _, r in ipairs(section_rows(run, sec)) do
    local prefix, act, sub = r.figure_id:match("^([%a_]+)%.([%w_]+)%.([%w_]+)$")
    if levels and prefix and act ~= "text" then
      bars[#bars + 1] = { label = r.label, pct = r.pct, text = tostring(r.pct_rounded),
                          published = r.published_pct, level = sub == "total" and 0 or 1 }
    elseif act ~= "text" then
      bars[#bars + 1] = { label = r.label, pct = r.pct, text = tostring(r.pct_rounded),
                          published = r.published_pct, level = 0 }
    end
  end
  if #bars == 0 then return "" end
  return svg.bars(levels and chart.title and chart.title:format(sec.title) or sec.title, bars)
end

local function html_section(out, run, sec)
  local esc = svg.esc
  out[#out + 1] = ("<h2>%s</h2><p><em>%s</em></p>"):format(esc(sec.title), esc(sec.question))
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
      out[#out + 1] = html_table(sec.result.tables[name], esc)
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
function M.html(run, checks, title, intro)
  local esc = svg.esc
  local out = {
    "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
    "<title>" .. esc(title) .. "</title><style>" .. CSS .. "</style></head><body>",
    "<h1>" .. esc(title) .. "</h1>",
    (intro or INTRO).html,
    '<p id="summary"><strong>' .. esc(run.summary) .. "</strong></p>",
  }
  for _, sec in ipairs(run.sections) do html_section(out, run, sec) end
  out[#out + 1] = "<h2>Consistency of the publication</h2><ul>"
  for _, c in ipairs(checks) do
    out[#out + 1] = ("<li><strong>%s</strong>: %s</li>"):format(esc(c.kind), esc(c.text))
  end
  out[#out + 1] = "</ul></body></html>"
  return table.concat(out, "\n") .. "\n"
end

--- figures.csv rows as a Dataset
function M.figures_dataset(run)
  return coda.dataset(run.rows, FIG_COLUMNS)
end

--- write everything into dir (created if needed)
function M.write(run, checks, dir, title, intro)
  coda.mkdir(dir)
  M.figures_dataset(run):write_csv(dir .. "/figures.csv")
  for _, sec in ipairs(run.sections) do
    for _, name in ipairs(sec.result.order) do
      sec.result.tables[name]:write_csv(dir .. "/" .. name .. ".csv")
    end
  end
  write_file(dir .. "/report.md", M.markdown(run, checks, title, intro))
  write_file(dir .. "/index.html", M.html(run, checks, title, intro))
end

return M
