-- Each account's usage of one month in one row, day by day: element d of an array, or bit d - 1 of a mask, is
-- day d of the month. Derived from usage_daily (kept by the usage capability whenever it writes a day), so the
-- morning health scoring reads a million accounts' windows as two million rows instead of thirty million; a
-- day with no usage_daily row is null in the arrays and clear in every mask.
CREATE TABLE usage_month (
    account_id        bigint   NOT NULL,
    month             date     NOT NULL CHECK (extract(day FROM month) = 1),
    present_days      integer  NOT NULL,  -- a usage_daily row exists
    active_days       integer  NOT NULL,  -- with an active user
    active_users      integer[] NOT NULL,
    active_users_7d   integer[] NOT NULL,
    active_users_28d  integer[] NOT NULL,
    utilization       float8[] NOT NULL,
    event_days        jsonb    NOT NULL,  -- {"Invoice Sent": mask of the days the event was used}
    PRIMARY KEY (account_id, month)
);

-- the rows there are already (the application keeps them from now on, see usage.UsageMonths)
INSERT INTO usage_month (account_id, month, present_days, active_days, active_users, active_users_7d,
                         active_users_28d, utilization, event_days)
WITH pairs AS (
    SELECT DISTINCT account_id, CAST(date_trunc('month', day) AS date) AS month
      FROM usage_daily
), days AS (
    SELECT p.account_id, p.month, g.n, p.month + g.n AS day
      FROM pairs p
     CROSS JOIN LATERAL generate_series(0, CAST(p.month + interval '1 month' AS date) - p.month - 1) AS g (n)
), monthly AS (
    SELECT d.account_id, d.month,
           COALESCE(bit_or(1 << d.n) FILTER (WHERE u.account_id IS NOT NULL), 0) AS present_days,
           COALESCE(bit_or(1 << d.n) FILTER (WHERE u.active_users > 0), 0) AS active_days,
           array_agg(u.active_users ORDER BY d.n) AS active_users,
           array_agg(u.active_users_7d ORDER BY d.n) AS active_users_7d,
           array_agg(u.active_users_28d ORDER BY d.n) AS active_users_28d,
           array_agg(CAST(u.utilization AS float8) ORDER BY d.n) AS utilization
      FROM days d
      LEFT JOIN usage_daily u ON u.account_id = d.account_id AND u.day = d.day
     GROUP BY d.account_id, d.month
), features AS (
    SELECT account_id, month, jsonb_object_agg(event, mask) AS event_days
      FROM (SELECT d.account_id, d.month, e.event, bit_or(1 << d.n) AS mask
              FROM days d
              JOIN usage_daily u ON u.account_id = d.account_id AND u.day = d.day
             CROSS JOIN LATERAL jsonb_object_keys(u.event_counts) AS e (event)
             GROUP BY d.account_id, d.month, e.event) f
     GROUP BY account_id, month
)
SELECT m.account_id, m.month, m.present_days, m.active_days, m.active_users, m.active_users_7d,
       m.active_users_28d, m.utilization, COALESCE(f.event_days, '{}')
  FROM monthly m
  LEFT JOIN features f ON f.account_id = m.account_id AND f.month = m.month;
