-- Per account, month, plan and currency: the month's change booked twice, by the account rule (the
-- unfiltered waterfall) and by the plan-segment rule, where MRR that leaves one plan for another of the same
-- account shows as moved out of one segment and into the other (DESIGN.md), never as contraction/expansion.
-- The rows of mrr_segment_month, each with the account fields the roll-up is keyed by (from account_month, as
-- recorded in mrr_rollup_account): the rows are written and rolled up by both bases without a join per basis.
WITH plan_stock AS (
    SELECT s.*,
           revenue_sum(s.native_change) OVER (PARTITION BY s.account_id, s.plan_id ORDER BY s.month) AS plan_closing,
           revenue_sum(s.native_change) OVER segment AS plan_delta,
           revenue_sum(s.amount) OVER segment AS plan_amount,
           ROW_NUMBER() OVER segment AS plan_row
      FROM segment_month s
    -- one window for the month's sums and its row number: one pass over the sorted rows, not two
    WINDOW segment AS (PARTITION BY s.account_id, s.plan_id, s.month ORDER BY s.currency COLLATE "C"
                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
plan_spells AS (
    -- a plan segment starts paying when its MRR goes from nothing to something: new business, reactivation or
    -- a move in; the latest such month is where the current spell began (same order as above: no new sort)
    SELECT p.*,
           MAX(p.month) FILTER (WHERE p.plan_closing - p.plan_delta = 0 AND p.plan_closing > 0)
               OVER (PARTITION BY p.account_id, p.plan_id ORDER BY p.month) AS plan_paying_since
      FROM plan_stock p
),
booked AS (
    SELECT p.*, a.kind AS account_kind, a.logo, a.paying_since, a.new_and_churned, a.cohort_month, a.industry,
           a.employee_band, a.touch_tier, a.owner_user_id,
           CASE
               WHEN p.plan_closing - p.plan_delta = 0 AND p.plan_closing > 0 THEN
                   CASE WHEN a.opening_paying THEN 'moved_in' ELSE a.kind END
               WHEN p.plan_closing - p.plan_delta > 0 AND p.plan_closing = 0 THEN
                   CASE WHEN a.closing_paying THEN 'moved_out' ELSE 'churn' END
               WHEN p.plan_closing - p.plan_delta > 0 AND p.plan_amount > 0 THEN 'expansion'
               WHEN p.plan_closing - p.plan_delta > 0 AND p.plan_amount < 0 THEN 'contraction'
               ELSE 'none'
           END AS plan_kind
      FROM plan_spells p
      JOIN account_month a ON a.account_id = p.account_id AND a.month = p.month
)
SELECT b.account_id, b.month, b.plan_id, b.currency, b.native_change, b.amount, b.movement_on,
       b.account_kind,
       CASE WHEN b.account_row = 1 THEN b.logo ELSE 0 END AS account_logo,
       b.paying_since AS account_paying_since,
       b.account_row = 1 AND b.new_and_churned AS new_and_churned,
       b.plan_kind,
       CASE WHEN b.plan_row > 1 THEN 0
            WHEN b.plan_kind IN ('new_business', 'reactivation', 'moved_in') THEN 1
            WHEN b.plan_kind IN ('churn', 'moved_out') THEN -1
            ELSE 0 END AS plan_logo,
       b.plan_paying_since,
       b.cohort_month,
       b.industry, b.employee_band, b.touch_tier, b.owner_user_id
  FROM booked b
