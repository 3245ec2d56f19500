-- Benchmark (d): POST /api/orders from many buyers at once.
-- wrk -s orders.lua URL -- TOKENS_FILE PRODUCTS_FILE
--   TOKENS_FILE: one bearer access token per line (one per registered buyer)
--   PRODUCTS_FILE: one product id (UUID) per line, each stocked high enough for the whole run
-- Every request: a random buyer's token and a one-line order (quantity 1) of a random product, paid with tok_visa.
-- At the end it prints "STATUS <code> <count>" lines, "ORDERS_201 <n>" and "ORDERS_PER_S <n>", so a run whose
-- orders were refused (409 = stock ran out, 429 = rate limited, 5xx = failure) cannot pass for a good one.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local function lines(path)
  local out = {}
  local file = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in file:lines() do
    line = line:gsub("%s+$", "")
    if #line > 0 then out[#out + 1] = line end
  end
  file:close()
  return out
end

function init(args)
  tokens = lines(args[1])
  products = lines(args[2])
  assert(#tokens > 0 and #products > 0, "need tokens and products")
  statuses = {}
  math.randomseed(os.time() * 1000 + (id or 1))
end

function request()
  local token = tokens[math.random(#tokens)]
  local product = products[math.random(#products)]
  local body = '{"items":[{"productId":"' .. product .. '","quantity":1}],' ..
    '"shippingAddress":{"name":"Bench Buyer","line1":"1 Load Test Way","city":"Springfield","postalCode":"12345","country":"US"},' ..
    '"paymentToken":"tok_visa"}'
  return wrk.format("POST", "/api/orders",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for code, n in pairs(counts) do totals[code] = (totals[code] or 0) + n end
  end
  local codes = {}
  for code in pairs(totals) do codes[#codes + 1] = code end
  table.sort(codes)
  for _, code in ipairs(codes) do io.write(string.format("STATUS %d %d\n", code, totals[code])) end
  local created = totals[201] or 0
  io.write(string.format("ORDERS_201 %d\n", created))
  io.write(string.format("ORDERS_PER_S %.1f\n", created / (summary.duration / 1e6)))
end
