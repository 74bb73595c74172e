-- wrk script of serve-bench.sh for the refresh run: every response must be a 200 whose body is
-- whole (Content-Length bytes, from "<?xml" to "</rss>"), whatever refresh swapped the files
-- meanwhile; anything else counts as torn. Each thread also counts the distinct ETags it saw.
dofile("src/jmh/serve/report.lua")

torn, checked, versions = 0, 0, 0
local seen = {}

function response(status, headers, body)
  checked = checked + 1
  local length, tag
  for name, value in pairs(headers) do
    local lower = string.lower(name)
    if lower == "content-length" then
      length = tonumber(value)
    elseif lower == "etag" then
      tag = value
    end
  end
  if status ~= 200 or length ~= #body or body:sub(1, 5) ~= "<?xml"
      or body:sub(-7) ~= "</rss>\n" then
    torn = torn + 1
  end
  if tag and not seen[tag] then
    seen[tag] = true
    versions = versions + 1
  end
end
