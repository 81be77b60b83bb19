-- wrk script: paced.lua, each call with its own pre-generated CDS Hooks token (bench/auth-ab.sh):
-- thread i reads $TOKENS_PREFIX<i>.txt and sends its tokens in order, one per call (a jti is
-- accepted once).
dofile("bench/paced.lua")
local tokens = {}
local next_token = 1
function init(args)
  for line in io.lines(os.getenv("TOKENS_PREFIX") .. tid .. ".txt") do
    tokens[#tokens + 1] = line
  end
end

function request()
  local token = tokens[next_token]
  next_token = next_token + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  return wrk.format("POST", nil, headers, wrk.body)
end
