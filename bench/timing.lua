-- timing.lua - what coda's benchmark scripts share: time each op in-process (dofile'd by
-- agg_coda.lua, groupby_coda.lua and derive_coda.lua). Returns run_ops(ops, runs, clock,
-- want): for each { name, run, check } of ops named in the set want (all when it is empty),
-- 1 warm-up run then the best of runs, printed as "op=NAME seconds=S result=CHECK" with
-- CHECK = check(result).
return function(ops, runs, clock, want)
    for _, op in ipairs(ops) do
        local name, run, check = op[1], op[2], op[3]
        if next(want) == nil or want[name] then
            local best, r = math.huge, nil
            for i = 0, runs do -- run 0 is the warm-up
                r = nil
                collectgarbage()
                local s = clock()
                r = run()
                local e = clock() - s
                if i > 0 and e < best then best = e end
            end
            print(string.format("op=%s seconds=%.6f result=%s", name, best, check(r)))
            io.stdout:flush()
        end
    end
end
