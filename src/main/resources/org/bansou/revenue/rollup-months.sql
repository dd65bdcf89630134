-- What rows of mrr_segment_month (m: some of its rows, or the ones being written, each with the account fields
-- recorded in mrr_rollup_account) add to the monthly roll-up, into rollup_target (the roll-up, or the changes
-- to it): each row once by the account rule and once by the plan-segment rule, under those account fields.
-- :sign is -1 to take rows out again before they are rebuilt. A figure compares the start of a paying spell
-- with a month at most eleven months back, so `since` is kept no earlier than twelve months before the month.
-- Two scans cost less than one that doubles every row.
INSERT INTO rollup_target (basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind,
                           since, native_change, amount, logos, new_and_churned, base_rows)
SELECT 'account', m.month, NULL::bigint, m.currency, m.industry, m.employee_band, m.touch_tier, m.owner_user_id,
       m.account_kind,
       CASE WHEN m.account_kind IN ('expansion', 'contraction', 'churn')
            THEN GREATEST(m.account_paying_since, (m.month - interval '12 months')::date) END,
       :sign * revenue_sum(m.native_change), :sign * revenue_sum(m.amount), :sign * revenue_sum(m.account_logo::bigint),
       :sign * count(*) FILTER (WHERE m.new_and_churned), :sign * count(*)
  FROM rollup_source m
 GROUP BY m.month, m.currency, m.industry, m.employee_band, m.touch_tier, m.owner_user_id, m.account_kind,
          CASE WHEN m.account_kind IN ('expansion', 'contraction', 'churn')
               THEN GREATEST(m.account_paying_since, (m.month - interval '12 months')::date) END
 UNION ALL
SELECT 'plan', m.month, m.plan_id, m.currency, m.industry, m.employee_band, m.touch_tier, m.owner_user_id,
       m.plan_kind,
       CASE WHEN m.plan_kind IN ('expansion', 'contraction', 'churn')
            THEN GREATEST(m.plan_paying_since, (m.month - interval '12 months')::date) END,
       :sign * revenue_sum(m.native_change), :sign * revenue_sum(m.amount), :sign * revenue_sum(m.plan_logo::bigint),
       :sign * count(*) FILTER (WHERE m.new_and_churned), :sign * count(*)
  FROM rollup_source m
 GROUP BY m.month, m.plan_id, m.currency, m.industry, m.employee_band, m.touch_tier, m.owner_user_id, m.plan_kind,
          CASE WHEN m.plan_kind IN ('expansion', 'contraction', 'churn')
               THEN GREATEST(m.plan_paying_since, (m.month - interval '12 months')::date) END
