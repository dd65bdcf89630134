-- Per account, month, plan and currency: the month's change booked twice, by the account rule (the
-- unfiltered waterfall) and by the plan-segment rule, where MRR that leaves one plan for another of the same
-- account shows as moved out of one segment and into the other (DESIGN.md), never as contraction/expansion.
INSERT INTO mrr_segment_month (account_id, month, plan_id, currency, native_change, amount, movement_on,
                               account_kind, account_logo, account_paying_since, new_and_churned, plan_kind,
                               plan_logo, plan_paying_since, cohort_month)
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
    SELECT p.*, a.kind AS account_kind, a.logo, a.paying_since, a.new_and_churned, a.cohort_month,
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
SELECT account_id, month, plan_id, currency, native_change, amount, movement_on,
       account_kind,
       CASE WHEN account_row = 1 THEN logo ELSE 0 END,
       paying_since,
       account_row = 1 AND new_and_churned,
       plan_kind,
       CASE WHEN plan_row > 1 THEN 0
            WHEN plan_kind IN ('new_business', 'reactivation', 'moved_in') THEN 1
            WHEN plan_kind IN ('churn', 'moved_out') THEN -1
            ELSE 0 END,
       plan_paying_since,
       cohort_month
  FROM booked
