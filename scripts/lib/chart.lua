-- chart.lua - self-contained SVG charts for any analysis: bars with their
-- base and interval whiskers, grouped and stacked bars for a crosstab, and
-- a dot plot of estimates with intervals.  Each function takes a Dataset
-- (or an array of row tables) and options naming its columns, and returns
-- the <svg> text: no script, no external asset; chart.CSS styles it.
local coda = require("coda")

local M = {}

M.CSS = [[
.chart{display:block;margin:1em 0;font-family:system-ui,sans-serif}
.chart .ct{font-weight:bold;font-size:14px}.chart .la{font-size:12px}
.chart .v{font-size:11px;fill:#333}.chart .n{font-size:11px;fill:#777}
.chart .ax{stroke:#999;stroke-width:1}.chart .wh{stroke:#222;stroke-width:1.2}
.chart .ref{stroke:#c0392b;stroke-width:2}.chart .dot{fill:#2f5d8a}
.chart .s1{fill:#2f5d8a}.chart .s2{fill:#e08a2e}.chart .s3{fill:#3f9b5a}
.chart .s4{fill:#b84a62}.chart .s5{fill:#7a5fae}.chart .s6{fill:#8c8c8c}
.chart .sub{fill:#8fb3d9}.chart .lb{font-weight:bold}
]]

local LABEL_W, PLOT_W, ROW, TOP = 240, 320, 22, 30

local function esc(s) return coda.html_escape(tostring(s)) end

local function fmt(v, digits)
  if v == nil then return "" end
  return tostring(coda.round(v, digits or 1))
end

-- the rows of a Dataset, or the array given
local function rows_of(data)
  if type(data) == "table" then return data end
  local list = {}
  for _, r in data:rows() do list[#list + 1] = r end
  return list
end

local function open(title, w, h)
  return { ('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="%d" '
            .. 'height="%d" viewBox="0 0 %d %d">'):format(w, h, w, h),
           ("<title>%s</title>"):format(esc(title or "")),
           ('<text x="0" y="18" class="ct">%s</text>'):format(esc(title or "")) }
end

local function close(out)
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- x of value v on a scale [lo, hi] drawn over the plot
local function xof(v, lo, hi)
  return LABEL_W + (math.max(lo, math.min(hi, v)) - lo) / (hi - lo) * PLOT_W
end

-- s cut to at most n characters (UTF-8), with "…" when cut
local function cut(s, n)
  s = tostring(s)
  if utf8.len(s) and utf8.len(s) > n then return s:sub(1, utf8.offset(s, n) - 1) .. "…" end
  return s
end

-- a row's label: level 0 plain (bold among levels), level 1 indented;
-- cut to fit, the whole label as its tooltip
local function label(out, y, text, level)
  local indent, class = (level or 0) > 0 and 16 or 0, level == 0 and "la lb" or "la"
  local room = level == nil and 35 or 31      -- characters that fit in 240 px
  out[#out + 1] = ('<text x="%d" y="%d" class="%s">%s<title>%s</title></text>'):format(
    indent, y + 15, class, esc(cut(text, room)), esc(text))
end

local function whisker(out, y, lo_x, hi_x)
  out[#out + 1] = ('<path d="M%.1f %dV%dM%.1f %dH%.1fM%.1f %dV%d" class="wh"/>'):format(
    lo_x, y + 5, y + 15, lo_x, y + 10, hi_x, hi_x, y + 5, y + 15)
end

-- the largest of the columns over rows (for a scale), at least 1e-9
local function largest(rows, cols)
  local m = 1e-9
  for _, r in ipairs(rows) do
    for _, c in ipairs(cols) do
      local v = c and r[c]
      if type(v) == "number" and v > m then m = v end
    end
  end
  return m
end

--- horizontal bars, one a row: label (default "value"), value ("pct"),
--- low/high (interval whiskers, default "ci_low"/"ci_high" when present),
--- base (shown as n = ..., default "base" when present), reference (a
--- tick, e.g. a published figure), level (a column of 0 and 1: parents
--- bold and dark, children indented and light), max (the scale's end: 100
--- for percentages, the largest value otherwise), unit ("%"), title
function M.bar(data, o)
  o = o or {}
  local rows = rows_of(data)
  local lab, val = o.label or "value", o.value or "pct"
  local lo, hi, base = o.low or "ci_low", o.high or "ci_high", o.base or "base"
  local unit = o.unit or (val == "pct" and "%" or "")
  local max = o.max or (unit == "%" and 100 or largest(rows, { val, hi }) * 1.05)
  local out = open(o.title, LABEL_W + PLOT_W + 120, TOP + ROW * #rows + 8)
  for i, r in ipairs(rows) do
    local y, v = TOP + (i - 1) * ROW, r[val]
    local level = o.level and r[o.level]
    label(out, y, r[lab], level)
    if type(v) == "number" then
      local x = xof(v, 0, max)
      out[#out + 1] = ('<rect x="%d" y="%d" width="%.1f" height="14" class="%s"><title>%s: %s%s</title></rect>'):format(
        LABEL_W, y + 3, x - LABEL_W, (level or 0) > 0 and "sub" or "s1", esc(r[lab]), fmt(v), unit)
      if type(r[lo]) == "number" and type(r[hi]) == "number" then
        whisker(out, y, xof(r[lo], 0, max), xof(r[hi], 0, max))
      end
      local tx = math.max(x, type(r[hi]) == "number" and xof(r[hi], 0, max) or x) + 4
      out[#out + 1] = ('<text x="%.1f" y="%d" class="v">%s%s%s</text>'):format(tx, y + 15,
        fmt(v), unit, r[base] and ('<tspan class="n"> n = %s</tspan>'):format(esc(r[base])) or "")
    end
    if o.reference and type(r[o.reference]) == "number" then
      local px = xof(r[o.reference], 0, max)
      out[#out + 1] = ('<path d="M%.1f %dV%d" class="ref"/>'):format(px, y + 1, y + 19)
    end
  end
  return close(out)
end

-- the distinct values of column c over rows, in order of first appearance
local function levels(rows, c)
  local list, seen = {}, {}
  for _, r in ipairs(rows) do
    local v = r[c]
    if v ~= nil and not seen[v] then seen[v] = true; list[#list + 1] = v end
  end
  return list
end

local function legend(out, series, y)
  local x = LABEL_W
  for i, s in ipairs(series) do
    out[#out + 1] = ('<rect x="%d" y="%d" width="10" height="10" class="s%d"/><text x="%d" y="%d" class="la">%s</text>'):format(
      x, y, (i - 1) % 6 + 1, x + 14, y + 9, esc(s))
    x = x + 24 + 7 * #tostring(s)
  end
end

-- rows by row value and series: cell[row][series] = the row
local function cells(rows, rc, sc)
  local cell = {}
  for _, r in ipairs(rows) do
    if r[rc] ~= nil and r[sc] ~= nil then
      cell[r[rc]] = cell[r[rc]] or {}
      cell[r[rc]][r[sc]] = r
    end
  end
  return cell
end

--- bars of a long crosstab side by side: row (the category axis), group
--- (the series, one colour each), value (default "pct"), max, unit, title
function M.grouped(data, o)
  local rows = rows_of(data)
  local rc, sc, val = o.row, o.group, o.value or "pct"
  local cats, series, cell = levels(rows, rc), levels(rows, sc), cells(rows, rc, sc)
  local unit = o.unit or (val == "pct" and "%" or "")
  local max = o.max or (unit == "%" and 100 or largest(rows, { val }) * 1.05)
  local band = 12 * #series + 8
  local out = open(o.title, LABEL_W + PLOT_W + 60, TOP + band * #cats + 24)
  for i, cat in ipairs(cats) do
    local y = TOP + (i - 1) * band
    label(out, y + (band - 22) / 2, cat)
    for j, s in ipairs(series) do
      local r = cell[cat][s]
      local v = r and r[val]
      if type(v) == "number" then
        local x = xof(v, 0, max)
        out[#out + 1] = ('<rect x="%d" y="%d" width="%.1f" height="10" class="s%d"><title>%s, %s: %s%s</title></rect><text x="%.1f" y="%d" class="v">%s</text>'):format(
          LABEL_W, y + (j - 1) * 12, x - LABEL_W, (j - 1) % 6 + 1, esc(cat), esc(s), fmt(v), unit,
          x + 3, y + (j - 1) * 12 + 9, fmt(v))
      end
    end
  end
  legend(out, series, TOP + band * #cats + 6)
  return close(out)
end

--- one bar a row, cut into its groups' shares (a crosstab's row
--- percentages): row, group, value (default "pct"), title
function M.stacked(data, o)
  local rows = rows_of(data)
  local rc, sc, val = o.row, o.group, o.value or "pct"
  local cats, series, cell = levels(rows, rc), levels(rows, sc), cells(rows, rc, sc)
  local out = open(o.title, LABEL_W + PLOT_W + 20, TOP + ROW * #cats + 24)
  for i, cat in ipairs(cats) do
    local y, total = TOP + (i - 1) * ROW, 0
    for _, s in ipairs(series) do
      local r = cell[cat][s]
      total = total + (r and type(r[val]) == "number" and r[val] or 0)
    end
    label(out, y, cat)
    local x = LABEL_W
    for j, s in ipairs(series) do
      local r = cell[cat][s]
      local v = r and type(r[val]) == "number" and r[val] or 0
      local w = total > 0 and v / total * PLOT_W or 0
      out[#out + 1] = ('<rect x="%.1f" y="%d" width="%.1f" height="14" class="s%d"><title>%s, %s: %s</title></rect>'):format(
        x, y + 3, w, (j - 1) % 6 + 1, esc(cat), esc(s), fmt(v))
      x = x + w
    end
  end
  legend(out, series, TOP + ROW * #cats + 6)
  return close(out)
end

--- estimates as dots with their intervals (a design's means, say): label
--- (default "variable"), estimate ("mean"), low/high ("ci_low"/"ci_high"),
--- min/max (the scale; default from the intervals), title
function M.dot(data, o)
  o = o or {}
  local rows = rows_of(data)
  local lab, est = o.label or "variable", o.estimate or "mean"
  local lo, hi = o.low or "ci_low", o.high or "ci_high"
  local a, b = math.huge, -math.huge
  for _, r in ipairs(rows) do
    for _, c in ipairs({ est, lo, hi }) do
      if type(r[c]) == "number" then a, b = math.min(a, r[c]), math.max(b, r[c]) end
    end
  end
  if a > b then a, b = 0, 1 end
  local pad = (b - a) * 0.05 + 1e-9
  local min, max = o.min or (a - pad), o.max or (b + pad)
  local out = open(o.title, LABEL_W + PLOT_W + 70, TOP + ROW * #rows + 24)
  local axis_y = TOP + ROW * #rows + 4
  out[#out + 1] = ('<path d="M%d %dH%d" class="ax"/>'):format(LABEL_W, axis_y, LABEL_W + PLOT_W)
  out[#out + 1] = ('<text x="%d" y="%d" class="n">%s</text><text x="%d" y="%d" class="n" text-anchor="end">%s</text>'):format(
    LABEL_W, axis_y + 14, fmt(min, 2), LABEL_W + PLOT_W, axis_y + 14, fmt(max, 2))
  for i, r in ipairs(rows) do
    local y = TOP + (i - 1) * ROW
    label(out, y, r[lab])
    if type(r[lo]) == "number" and type(r[hi]) == "number" then
      whisker(out, y, xof(r[lo], min, max), xof(r[hi], min, max))
    end
    if type(r[est]) == "number" then
      out[#out + 1] = ('<circle cx="%.1f" cy="%d" r="4" class="dot"><title>%s: %s</title></circle><text x="%d" y="%d" class="v">%s</text>'):format(
        xof(r[est], min, max), y + 10, esc(r[lab]), fmt(r[est], 3), LABEL_W + PLOT_W + 6, y + 15, fmt(r[est], 3))
    end
  end
  return close(out)
end

--- a Dataset as an HTML table (multi values joined by "; ", numbers
--- right-aligned and rounded to 2 decimals below 10, 1 above)
function M.table(ds)
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

--- a self-contained HTML page of items (strings of HTML such as charts,
--- Datasets shown as tables, { heading = "..." } or { text = "..." }),
--- written to path (coda.report is this function)
function M.page(path, title, items)
  local out = { "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
                "<title>" .. esc(title) .. "</title><style>body{font-family:system-ui,sans-serif;"
                .. "margin:2em auto;max-width:1000px}table{border-collapse:collapse;font-size:.85em}"
                .. "td,th{border:1px solid #ddd;padding:2px 6px}td.n{text-align:right}" .. M.CSS .. "</style></head><body>",
                "<h1>" .. esc(title) .. "</h1>" }
  for _, it in ipairs(items) do
    if type(it) == "string" then out[#out + 1] = it
    elseif type(it) == "userdata" and it.names then out[#out + 1] = M.table(it)
    elseif type(it) == "table" and it.heading then out[#out + 1] = "<h2>" .. esc(it.heading) .. "</h2>"
    elseif type(it) == "table" and it.text then out[#out + 1] = "<p>" .. esc(it.text) .. "</p>"
    else out[#out + 1] = "<pre>" .. esc(tostring(it)) .. "</pre>" end
  end
  out[#out + 1] = "</body></html>"
  coda.write_file(path, table.concat(out, "\n") .. "\n")
end

return M
