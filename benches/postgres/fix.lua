-- wrk script: POST /api/drivers/{id}/location for a driver drawn at random from 1..DRIVERS, with a
-- position drawn at random: a fleet's fixes, each driver's arriving in no set order.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
local drivers = tonumber(os.getenv("DRIVERS") or "2000")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("AUTH")
if auth then wrk.headers["Authorization"] = auth end
request = function()
  local path = "/api/drivers/" .. math.random(1, drivers) .. "/location"
  local body = string.format('{"lat":%.6f,"lng":%.6f}', math.random() * 180 - 90, math.random() * 360 - 180)
  return wrk.format(nil, path, nil, body)
end
