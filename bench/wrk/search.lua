-- Benchmark (c): GET /api/catalog/products?q=… cycling through search phrases that match the synthetic catalog
-- (and one that matches nothing), so no single query's plan or cache decides the figure.
local queries = { "oak+lamp", "bamboo", "charcoal+mug", "travel+backpack", "ceramic+bowl", "linen", "steel+bottle", "walnut+chair", "wool+blanket", "no+such+thing" }
local i = 0

function request()
  i = i % #queries + 1
  return wrk.format("GET", "/api/catalog/products?q=" .. queries[i] .. "&page=1&pageSize=20")
end
