-- wrk script: POST a JSON body (from env BODY) with {n} replaced by a value unique per request
local counter = 0
-- each wrk thread has its own Lua state: seed each differently, or two threads send the same bodies
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
local body = os.getenv("BODY") or '{"name":"x {n}"}'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("AUTH")
if auth then wrk.headers["Authorization"] = auth end
request = function()
  counter = counter + 1
  local b = string.gsub(body, "{n}", tostring(counter) .. "-" .. tostring(math.random(1, 1e9)))
  return wrk.format(nil, nil, nil, b)
end
