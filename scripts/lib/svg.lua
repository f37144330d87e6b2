-- svg.lua - inline SVG bar charts for the study report (no scripts, no
-- external assets).
local coda = require("coda")

local M = {}

local function esc(s)
  return coda.html_escape(tostring(s))
end
M.esc = esc

--- s cut to at most n characters (UTF-8), with "…" when cut
local function cut(s, n)
  if utf8.len(s) and utf8.len(s) > n then
    return s:sub(1, utf8.offset(s, n) - 1) .. "…"
  end
  return s
end
M.cut = cut

--- a horizontal bar chart of bars { label, pct, published, level }: level
--- 0 bars (activities) are dark and their labels bold, level 1 bars
--- (sub-activities) lighter and indented; a published percentage is drawn
--- as a tick on the bar.  Returns the <svg> text.
function M.bars(title, bars)
  local row, label_w, bar_w, top = 24, 330, 300, 30
  local h = top + row * #bars + 10
  local out = {
    ('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
     .. 'width="%d" height="%d" viewBox="0 0 %d %d">'):format(
      label_w + bar_w + 70, h, label_w + bar_w + 70, h),
    ('<title>%s</title>'):format(esc(title)),
    ('<text x="0" y="18" class="ct">%s</text>'):format(esc(title)),
  }
  for i, b in ipairs(bars) do
    local y = top + (i - 1) * row
    local w = math.max(0, math.min(100, b.pct or 0)) * bar_w / 100
    local sub = (b.level or 0) > 0
    out[#out + 1] = ('<text x="%d" y="%d" class="%s">%s<title>%s</title></text>'):format(
      sub and 16 or 0, y + 16, sub and "ls" or "la", esc(cut(b.label, sub and 42 or 40)),
      esc(b.label))
    out[#out + 1] = ('<rect x="%d" y="%d" width="%.1f" height="16" class="%s"><title>%s: %s%%</title></rect>'):format(
      label_w, y + 3, w, sub and "bs" or "ba", esc(b.label), esc(b.text or ""))
    out[#out + 1] = ('<text x="%.1f" y="%d" class="v">%s%%</text>'):format(
      label_w + w + 4, y + 16, esc(b.text or ""))
    if b.published then
      local px = label_w + math.min(100, b.published) * bar_w / 100
      out[#out + 1] = ('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="pub"><title>published %d%%</title></line>'):format(
        px, px, y + 1, y + 21, b.published)
    end
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

return M
