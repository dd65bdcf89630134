-- Adds the changes in rollup_delta to the roll-up: the rows of every key they touch are replaced by one
-- row with the summed figures, and a key no row of mrr_segment_month is behind any more goes.
WITH touched AS (
    SELECT DISTINCT basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind, since
      FROM rollup_delta
),
removed AS (
    -- found through mrr_rollup_month_key_idx; where a null and a zero meet here they are still summed apart below
    DELETE FROM mrr_rollup_month r
     USING touched t
     WHERE r.basis = t.basis AND r.month = t.month AND r.currency = t.currency AND r.kind = t.kind
       AND COALESCE(r.plan_id, 0) = COALESCE(t.plan_id, 0)
       AND COALESCE(r.owner_user_id, 0) = COALESCE(t.owner_user_id, 0)
       AND COALESCE(r.since, 'infinity') = COALESCE(t.since, 'infinity')
       AND r.industry IS NOT DISTINCT FROM t.industry AND r.employee_band IS NOT DISTINCT FROM t.employee_band
       AND r.touch_tier IS NOT DISTINCT FROM t.touch_tier
    RETURNING r.*
)
INSERT INTO mrr_rollup_month (basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind,
                              since, native_change, amount, logos, new_and_churned, base_rows)
SELECT basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind, since,
       revenue_sum(native_change), revenue_sum(amount), revenue_sum(logos), revenue_sum(new_and_churned),
       revenue_sum(base_rows)
  FROM (SELECT * FROM removed UNION ALL SELECT * FROM rollup_delta) c
 GROUP BY basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind, since
HAVING revenue_sum(base_rows) <> 0
