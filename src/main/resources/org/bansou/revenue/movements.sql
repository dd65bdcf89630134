-- The movement log: per account and day, its net MRR change booked by the rules of DESIGN.md.
-- Whether the account pays is read from its MRR in each currency (a sum of non-negative amounts is zero only
-- when each is); the amount is converted at the rate of the day.
INSERT INTO mrr_movement (account_id, movement_on, kind, amount, changes, paying_after, first_paid_on,
                          previous_churn_on)
WITH day_total AS (
    SELECT d.account_id, d.day, revenue_sum(d.delta) AS delta,
           -- numeric arithmetic only for amounts that need converting
           COALESCE(revenue_sum(d.delta) FILTER (WHERE fx.same), 0)
           + COALESCE(ROUND(SUM(d.delta * fx.factor) FILTER (WHERE NOT fx.same))::bigint, 0) AS amount,
           SUM(d.changes)::integer AS changes
      FROM segment_day d
      JOIN fx_day fx ON fx.currency = d.currency AND fx.day = d.day
     GROUP BY d.account_id, d.day
),
stocked AS (
    SELECT t.*, revenue_sum(t.delta) OVER (PARTITION BY t.account_id ORDER BY t.day) AS stock_after
      FROM day_total t
),
marked AS (
    SELECT s.*, s.stock_after - s.delta AS stock_before,
           MIN(s.day) FILTER (WHERE s.stock_after > 0) OVER (PARTITION BY s.account_id) AS first_paid_on,
           MAX(s.day) FILTER (WHERE s.stock_after = 0 AND s.stock_after - s.delta > 0)
               OVER (PARTITION BY s.account_id ORDER BY s.day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
               AS previous_churn_on
      FROM stocked s
)
SELECT account_id, day,
       CASE
           WHEN stock_before = 0 AND stock_after > 0 THEN
               CASE WHEN first_paid_on < day
                         AND (CAST(:windowMonths AS integer) IS NULL
                              OR previous_churn_on + make_interval(months => CAST(:windowMonths AS integer)) >= day)
                    THEN 'reactivation' ELSE 'new_business' END
           WHEN stock_before > 0 AND stock_after = 0 THEN 'churn'
           WHEN amount > 0 THEN 'expansion'
           WHEN amount < 0 THEN 'contraction'
           ELSE 'none'
       END,
       amount, changes, stock_after > 0, first_paid_on, previous_churn_on
  FROM marked
