-- The drill-downs read mrr_segment_month by a range of months; the kind is only a filter on those rows (by plan
-- it is not even this column). A full rebuild sorts every row to build the index again, and a second key of a
-- few values behind a first of a few dozen made the sort twice as costly (1.7 million rows: 1.35 s to 0.70 s),
-- while a month's drill-down reads its rows through either in a few tens of milliseconds.
DROP INDEX IF EXISTS mrr_segment_month_month_idx;
CREATE INDEX mrr_segment_month_month_idx ON mrr_segment_month (month);
