-- Per account and month: the net movement of the month (DESIGN.md: compare the MRR on the last day of M-1
-- with the last day of M and book one movement), converted at the rate of the account's last change in M.
CREATE TEMP TABLE segment_month ON COMMIT DROP AS
SELECT g.account_id, g.month, g.plan_id, g.currency, g.native_change, g.movement_on, g.account_row,
       CASE WHEN fx.same THEN g.native_change ELSE ROUND(g.native_change * fx.factor)::bigint END AS amount
  FROM (SELECT account_id, date_trunc('month', day::timestamp)::date AS month, plan_id, currency,
               revenue_sum(delta) AS native_change,
               MAX(MAX(day)) OVER month AS movement_on,
               -- the row that carries the account-level counts of the month
               ROW_NUMBER() OVER month AS account_row
          FROM segment_day
         GROUP BY account_id, date_trunc('month', day::timestamp), plan_id, currency
        -- one window for both: one pass over the sorted rows, not two
        WINDOW month AS (PARTITION BY account_id, date_trunc('month', day::timestamp)
                         ORDER BY plan_id, currency COLLATE "C"
                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) g
  JOIN fx_day fx ON fx.currency = g.currency AND fx.day = g.movement_on;

CREATE TEMP TABLE account_month ON COMMIT DROP AS
WITH totals AS (
    SELECT account_id, month, revenue_sum(native_change) AS delta, revenue_sum(amount) AS amount
      FROM segment_month
     GROUP BY account_id, month
),
days AS (
    SELECT account_id, date_trunc('month', movement_on::timestamp)::date AS month,
           bool_or(paying_after) AS paid_in_month,
           MIN(first_paid_on) AS first_paid_on,
           MAX(movement_on) FILTER (WHERE kind = 'churn') AS churned_on,
           MIN(movement_on) FILTER (WHERE kind IN ('new_business', 'reactivation')) AS returned_on
      FROM mrr_movement
     WHERE (:everyone OR account_id = ANY(:accounts))
       AND account_id % :parts = :part
     -- grouped by the date itself, not the timestamp it is cast from: the join below then reads the groups in
     -- the order they come out, where grouping by the timestamp made it sort them again
     GROUP BY account_id, date_trunc('month', movement_on::timestamp)::date
),
stocked AS (
    SELECT t.account_id, t.month, t.amount, d.paid_in_month, d.first_paid_on, d.returned_on,
           revenue_sum(t.delta) OVER w AS closing_stock,
           revenue_sum(t.delta) OVER w - t.delta AS opening_stock,
           MAX(d.churned_on) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_churn_on
      FROM totals t
      JOIN days d ON d.account_id = t.account_id AND d.month = t.month
    WINDOW w AS (PARTITION BY t.account_id ORDER BY t.month)
),
booked AS (
    SELECT s.*,
           CASE
               WHEN opening_stock = 0 AND closing_stock > 0 THEN
                   CASE WHEN first_paid_on < month
                             AND (CAST(:windowMonths AS integer) IS NULL
                                  OR previous_churn_on + make_interval(months => CAST(:windowMonths AS integer)) >= returned_on)
                        THEN 'reactivation' ELSE 'new_business' END
               WHEN opening_stock > 0 AND closing_stock = 0 THEN 'churn'
               WHEN opening_stock > 0 AND amount > 0 THEN 'expansion'
               WHEN opening_stock > 0 AND amount < 0 THEN 'contraction'
               ELSE 'none'
           END AS kind
      FROM stocked s
)
SELECT b.account_id, b.month, b.kind, b.opening_stock > 0 AS opening_paying, b.closing_stock > 0 AS closing_paying,
       b.opening_stock = 0 AND b.closing_stock = 0 AND b.paid_in_month AS new_and_churned,
       CASE b.kind WHEN 'new_business' THEN 1 WHEN 'reactivation' THEN 1 WHEN 'churn' THEN -1 ELSE 0 END AS logo,
       MAX(b.month) FILTER (WHERE b.kind IN ('new_business', 'reactivation'))
           OVER (PARTITION BY b.account_id ORDER BY b.month) AS paying_since,
       date_trunc('month', b.first_paid_on::timestamp)::date AS cohort_month,
       -- the report fields the roll-up is keyed by, read once: mrr_rollup_account is written from the first
       -- month's row, and the rows of mrr_segment_month are rolled up under the same fields
       ROW_NUMBER() OVER (PARTITION BY b.account_id ORDER BY b.month) = 1 AS first_month,
       acc.industry COLLATE "C" AS industry, acc.employee_band COLLATE "C" AS employee_band,
       acc.touch_tier COLLATE "C" AS touch_tier, acc.owner_user_id
  FROM booked b
  JOIN account acc ON acc.id = b.account_id
 WHERE (:everyone OR acc.id = ANY(:accounts))
   AND acc.id % :parts = :part;
