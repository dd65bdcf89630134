-- Per account, plan, currency and day: the net change of MRR (minor units of that currency).
-- A subscription's MRR from a day on is the mrr_after of its latest change on or before that day
-- (DESIGN.md, "MRR movement rules"); trials and free plans carry none.
CREATE TEMP TABLE segment_day ON COMMIT DROP AS
WITH history AS (
    SELECT c.subscription_id, c.account_id, c.id AS seq, c.effective_on, c.kind, c.currency,
           price.plan_id,
           CASE WHEN c.kind = 'trial_start' OR plan.is_free THEN 0 ELSE c.mrr_after END AS mrr,
           s.started_on, s.ended_on,
           billed.billing_interval, billed.interval_count
      FROM subscription_change c
      JOIN subscription s ON s.id = c.subscription_id
      JOIN plan_price price ON price.id = COALESCE(c.to_plan_price_id, c.from_plan_price_id, s.plan_price_id)
      JOIN plan ON plan.id = price.plan_id
      JOIN plan_price billed ON billed.id = COALESCE(c.from_plan_price_id, s.plan_price_id)
     WHERE (:everyone OR c.account_id = ANY(:accounts))
       AND c.account_id % :parts = :part
       -- a change carries the account of its subscription: the same condition on the subscriptions lets the
       -- join hash this part's subscriptions rather than all its changes, and probe with its changes only
       AND (:everyone OR s.account_id = ANY(:accounts))
       AND s.account_id % :parts = :part
    UNION ALL
    -- a subscription that ended at the source without a cancel row still stops paying on its end date
    -- (DESIGN.md: a missing zero row silently understates churn)
    SELECT s.id, s.account_id, 9223372036854775807, s.ended_on, 'ended', price.currency, price.plan_id, 0,
           s.started_on, s.ended_on, price.billing_interval, price.interval_count
      FROM subscription s
      JOIN plan_price price ON price.id = s.plan_price_id
     WHERE s.ended_on IS NOT NULL
       AND (:everyone OR s.account_id = ANY(:accounts))
       AND s.account_id % :parts = :part
),
stepped AS (
    SELECT h.*,
           LEAD(h.effective_on) OVER w AS next_on,
           LAG(h.plan_id) OVER w AS before_plan_id,
           LAG(h.currency) OVER w AS before_currency,
           LAG(h.mrr) OVER w AS before_mrr
      FROM history h
    WINDOW w AS (PARTITION BY h.subscription_id ORDER BY h.effective_on, h.seq)
),
dated AS (
    SELECT s.account_id, s.plan_id, s.currency, s.mrr, s.before_plan_id, s.before_currency, s.before_mrr,
           CASE
               -- churn is dated the day paid service ends: the contract's end date when known, else the end
               -- of the billing period in which the cancellation takes effect; never past the next change
               WHEN s.kind = 'cancel' AND :serviceEnd AND COALESCE(s.before_mrr, 0) > 0 THEN
                   LEAST(COALESCE(s.next_on, 'infinity'::date),
                         CASE WHEN s.ended_on >= s.effective_on THEN s.ended_on
                              ELSE (s.started_on + make_interval(months =>
                                       period_months * CEIL((EXTRACT(YEAR FROM age(s.effective_on, s.started_on)) * 12
                                                          + EXTRACT(MONTH FROM age(s.effective_on, s.started_on))
                                                          + CASE WHEN EXTRACT(DAY FROM age(s.effective_on, s.started_on)) > 0
                                                                 THEN 1 ELSE 0 END) / period_months)::integer))::date
                         END)
               ELSE s.effective_on
           END AS day
      FROM stepped s
     CROSS JOIN LATERAL (SELECT (CASE WHEN s.billing_interval = 'year' THEN 12 ELSE 1 END) * s.interval_count
                                AS period_months) p
)
-- a change moves MRR into its segment and, when plan or currency changed, out of the one it left. Currencies
-- are compared byte by byte (COLLATE "C", as in mrr_segment_month): the month grouping then sorts them in the
-- order its window reads them, with no second sort by the other collation
SELECT m.account_id, m.plan_id, m.currency, m.day, revenue_sum(m.delta) AS delta,
       SUM(m.changes)::integer AS changes
  FROM (SELECT d.account_id, d.plan_id, d.currency COLLATE "C" AS currency, d.day,
               d.mrr - CASE WHEN d.before_plan_id = d.plan_id AND d.before_currency = d.currency
                            THEN d.before_mrr ELSE 0 END AS delta, 1 AS changes
          FROM dated d
         UNION ALL
        SELECT d.account_id, d.before_plan_id, d.before_currency COLLATE "C", d.day, -d.before_mrr, 0
          FROM dated d
         WHERE d.before_mrr IS NOT NULL AND (d.before_plan_id <> d.plan_id OR d.before_currency <> d.currency)) m
 GROUP BY m.account_id, m.plan_id, m.currency, m.day
HAVING revenue_sum(m.delta) <> 0
-- written in the order the movement log reads it: sorting rows already in order is one pass over them
 ORDER BY m.account_id, m.day, m.plan_id, m.currency
