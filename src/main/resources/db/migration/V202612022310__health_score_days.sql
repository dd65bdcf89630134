-- The days that have scores, so that the health page finds the newest one without an index on every score's
-- day: the btree on (day, band) cost a third of writing a morning's million new scores. Scores are found by
-- day through a block-range index instead, since a day's scores are written together.
CREATE TABLE health_score_day (
    day date PRIMARY KEY
);

INSERT INTO health_score_day (day)
SELECT DISTINCT day
  FROM health_score;

DROP INDEX health_score_day_idx;
CREATE INDEX health_score_day_range_idx ON health_score USING brin (day);
