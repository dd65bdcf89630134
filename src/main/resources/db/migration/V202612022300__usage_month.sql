-- Each account's usage of one month in one row, day by day: element d of an array, or bit d - 1 of a mask, is
-- day d of the month. Derived from usage_daily (kept by the usage capability whenever it writes a day), so the
-- morning health scoring reads a million accounts' windows as two million rows instead of thirty million. The
-- arrays hold no nulls, so that a cell is read at a fixed offset: a day with no usage_daily row is 0, or -1
-- where a count may be unknown; arrays end at the month's last stored day.
CREATE TABLE usage_month (
    account_id        bigint    NOT NULL,
    month             date      NOT NULL CHECK (extract(day FROM month) = 1),
    present_days      integer   NOT NULL,  -- a usage_daily row exists
    active_days       integer   NOT NULL,  -- with an active user
    active_users      integer[] NOT NULL,
    active_users_7d   integer[] NOT NULL,  -- -1: not known
    active_users_28d  integer[] NOT NULL,  -- -1: not known
    utilization       integer[] NOT NULL,  -- in ten-thousandths, exactly usage_daily's numeric(9,4); 0 without seats
    event_days        jsonb     NOT NULL,  -- {"Invoice Sent": mask of the days the event was used}
    PRIMARY KEY (account_id, month)
);

-- the rows there are already (the application keeps them from now on, see usage.UsageMonths)
WITH asked AS (
    SELECT account_id, month
      FROM usage_month
), stored AS (
    SELECT CAST(date_trunc('month', u.day) AS date) AS month, u.*
      FROM usage_daily u
), monthly AS (
    SELECT u.account_id, u.month,
           bit_or(1 << (extract(day FROM u.day)::int - 1)) AS present_days,
           COALESCE(bit_or(1 << (extract(day FROM u.day)::int - 1)) FILTER (WHERE u.active_users > 0), 0)
               AS active_days,
           min(u.day) - u.month AS before_first,
           count(*) = max(u.day) - min(u.day) + 1 AS contiguous,
           array_agg(extract(day FROM u.day)::int ORDER BY u.day) AS days,
           array_agg(u.active_users ORDER BY u.day) AS active_users,
           array_agg(COALESCE(u.active_users_7d, -1) ORDER BY u.day) AS active_users_7d,
           array_agg(COALESCE(u.active_users_28d, -1) ORDER BY u.day) AS active_users_28d,
           array_agg(COALESCE(CAST(u.utilization * 10000 AS integer), 0) ORDER BY u.day) AS utilization,
           array_agg(u.event_counts ORDER BY u.day) AS event_counts
      FROM stored u
     GROUP BY u.account_id, u.month
), emptied AS (
    DELETE FROM usage_month m
     USING asked p
     WHERE m.account_id = p.account_id
       AND m.month = p.month
       AND NOT EXISTS (SELECT 1 FROM monthly x WHERE x.account_id = p.account_id AND x.month = p.month)
)
INSERT INTO usage_month (account_id, month, present_days, active_days, active_users, active_users_7d,
                         active_users_28d, utilization, event_days)
SELECT m.account_id, m.month, m.present_days, m.active_days,
       CASE WHEN m.contiguous THEN array_fill(0, ARRAY[m.before_first]) || m.active_users
            ELSE ARRAY(SELECT COALESCE(m.active_users[array_position(m.days, d)], 0)
                         FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
       CASE WHEN m.contiguous THEN array_fill(-1, ARRAY[m.before_first]) || m.active_users_7d
            ELSE ARRAY(SELECT COALESCE(m.active_users_7d[array_position(m.days, d)], -1)
                         FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
       CASE WHEN m.contiguous THEN array_fill(-1, ARRAY[m.before_first]) || m.active_users_28d
            ELSE ARRAY(SELECT COALESCE(m.active_users_28d[array_position(m.days, d)], -1)
                         FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
       CASE WHEN m.contiguous THEN array_fill(0, ARRAY[m.before_first]) || m.utilization
            ELSE ARRAY(SELECT COALESCE(m.utilization[array_position(m.days, d)], 0)
                         FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
       (SELECT COALESCE(jsonb_object_agg(f.event, f.days), '{}')
          FROM (SELECT e.event, bit_or(1 << (d.day - 1)) AS days
                  FROM unnest(m.days, m.event_counts) AS d (day, counts)
                 CROSS JOIN LATERAL jsonb_object_keys(d.counts) AS e (event)
                 GROUP BY e.event) f)
  FROM monthly m
 ORDER BY m.account_id, m.month
ON CONFLICT (account_id, month) DO UPDATE
   SET present_days = EXCLUDED.present_days,
       active_days = EXCLUDED.active_days,
       active_users = EXCLUDED.active_users,
       active_users_7d = EXCLUDED.active_users_7d,
       active_users_28d = EXCLUDED.active_users_28d,
       utilization = EXCLUDED.utilization,
       event_days = EXCLUDED.event_days;
