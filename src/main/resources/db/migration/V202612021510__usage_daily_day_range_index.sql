-- Scoring, KPI checks and churn features read the rollups of a window of days; without an index on the day
-- they read every day ever rolled up. Rows are laid down a day at a time, so a block-range index finds a
-- window's pages at almost no cost to the rollup: pages past the last summarized range are not maintained
-- on insert, only summarized later by vacuum.
CREATE INDEX usage_daily_day_brin ON usage_daily USING brin (day);
