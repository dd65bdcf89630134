-- What rows of mrr_segment_month add to the monthly roll-up (DESIGN.md figures, summed over accounts):
-- each row once by the account rule and once by the plan-segment rule, under the account fields recorded in
-- mrr_rollup_account; into rollup_target (the roll-up, or the changes to it). :sign is -1 to take rows out again before they are rebuilt.
INSERT INTO rollup_target (basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind, since,
                native_change, amount, logos, new_and_churned, base_rows)
SELECT b.basis, m.month, b.plan_id, m.currency, r.industry, r.employee_band, r.touch_tier, r.owner_user_id, b.kind,
       -- a figure compares the start of the paying spell with a month at most eleven months back
       CASE WHEN b.kind IN ('expansion', 'contraction', 'churn')
            THEN GREATEST(b.since, (m.month - interval '12 months')::date) END,
       :sign * revenue_sum(m.native_change), :sign * revenue_sum(m.amount), :sign * revenue_sum(b.logo),
       :sign * count(*) FILTER (WHERE m.new_and_churned), :sign * count(*)
  FROM mrr_segment_month m
  JOIN mrr_rollup_account r ON r.account_id = m.account_id
 CROSS JOIN LATERAL (VALUES ('account', NULL::bigint, m.account_kind, m.account_paying_since, m.account_logo::bigint),
                            ('plan', m.plan_id, m.plan_kind, m.plan_paying_since, m.plan_logo::bigint))
       AS b(basis, plan_id, kind, since, logo)
 WHERE (:everyone OR m.account_id = ANY(:accounts))
   AND m.account_id % :parts = :part
 GROUP BY b.basis, m.month, b.plan_id, m.currency, r.industry, r.employee_band, r.touch_tier, r.owner_user_id, b.kind,
          CASE WHEN b.kind IN ('expansion', 'contraction', 'churn')
               THEN GREATEST(b.since, (m.month - interval '12 months')::date) END
