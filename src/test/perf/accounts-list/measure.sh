#!/bin/bash
# measure.sh <port>: EXPLAIN ANALYZE the accounts list statements as Accounts.page runs them (count, first
# page, last page) for each filter and sort, against a database filled by generate.sql
PSQL="psql -h localhost -p ${1:?usage: measure.sh <postgres port>} -U postgres -d bansou -qAt"
SELECT="SELECT a.id, a.external_id, a.name, a.industry, a.employee_band, a.decision_style, a.owner_user_id, u.display_name AS owner_name, a.touch_tier, a.lifecycle_stage, a.version, a.created_at, a.archived_at FROM account a LEFT JOIN app_user u ON u.id = a.owner_user_id"
OWNER=$($PSQL -c "SELECT min(id) + 5 FROM app_user WHERE role = 'csm'")
BAND="array_position(ARRAY['1-9', '10-49', '50-249', '250-999', '1000+']::text[], a.employee_band)"
declare -A W=(
  [none]=""
  [stage]=" AND a.lifecycle_stage = 'adoption'"
  [tier]=" AND a.touch_tier = 'high'"
  [owner]=" AND a.owner_user_id = $OWNER"
  [industry]=" AND a.industry = '物流'"
  [q_name]=" AND (a.name ILIKE '%Harbor%' OR a.external_id ILIKE '%Harbor%')"
  [q_ja]=" AND (a.name LIKE '%歯科%' OR a.external_id LIKE '%歯科%')"
  [q_ja3]=" AND (a.name LIKE '%小林歯%' OR a.external_id LIKE '%小林歯%')"
  [q_ext]=" AND (a.name ILIKE '%ACC-0421%' OR a.external_id ILIKE '%ACC-0421%')"
  [stage+owner]=" AND a.lifecycle_stage = 'retention' AND a.owner_user_id = $OWNER"
)
declare -A O=(
  [name]="a.name ASC, a.id ASC"
  [-name]="a.name DESC, a.id DESC"
  [externalId]="a.external_id ASC, a.id ASC"
  [industry]="a.industry ASC NULLS LAST, a.name ASC, a.id ASC"
  [band]="$BAND ASC NULLS LAST, a.name ASC, a.id ASC"
  [owner]="u.display_name ASC NULLS LAST, a.name ASC, a.id ASC"
  [tier]="a.touch_tier ASC, a.name ASC, a.id ASC"
  [stage]="a.lifecycle_stage ASC, a.name ASC, a.id ASC"
)
# best of five runs: the machine is shared, the minimum is the statement's own cost
t() { for i in 1 2 3 4 5; do $PSQL -c "EXPLAIN (ANALYZE) $1" | grep -oE 'Execution Time: [0-9.]+' | grep -oE '[0-9.]+'; done | sort -n | head -1; }
printf "%-12s %-11s %8s %8s %10s %10s\n" filter sort rows count_ms first_ms last_ms
for f in none stage tier owner industry q_name q_ja q_ja3 q_ext stage+owner; do
  where=" WHERE a.archived_at IS NULL${W[$f]}"
  total=$($PSQL -c "SELECT count(*) FROM account a$where")
  last=$(( total > 50 ? (total - 1) / 50 * 50 : 0 ))
  sorts="name"; [ "$f" = none ] && sorts="name -name externalId industry band owner tier stage"; [ "$f" = stage ] && sorts="name owner band"
  for s in $sorts; do
    c=$(t "SELECT count(*) FROM account a$where")
    J=""; [ "$s" = owner ] && J=" LEFT JOIN app_user u ON u.id = a.owner_user_id"
    if [[ $f == q_* ]]; then pre="WITH matched AS MATERIALIZED (SELECT a.* FROM account a$where) "; from="matched a$J"; else pre=""; from="account a$J$where"; fi
    a=$(t "$pre$SELECT WHERE a.id = ANY(ARRAY(SELECT a.id FROM $from ORDER BY ${O[$s]} LIMIT 50 OFFSET 0)) ORDER BY ${O[$s]}")
    b=$(t "$pre$SELECT WHERE a.id = ANY(ARRAY(SELECT a.id FROM $from ORDER BY ${O[$s]} LIMIT 50 OFFSET $last)) ORDER BY ${O[$s]}")
    printf "%-12s %-11s %8s %8s %10s %10s\n" "$f" "$s" "$total" "$c" "$a" "$b"
  done
done
ids=$($PSQL -c "SELECT string_agg(id::text, ',') FROM (SELECT id FROM account ORDER BY name, id LIMIT 50) p")
echo "mrr of 50 accounts: $(t "SELECT s.account_id, pp.currency, CAST(SUM(ROUND(GREATEST(pp.amount * s.quantity * (1 - s.discount_percent / 100) - s.discount_amount, 0) / (CASE pp.billing_interval WHEN 'year' THEN 12 ELSE 1 END * pp.interval_count))) AS bigint) FROM subscription s JOIN plan_price pp ON pp.id = s.plan_price_id WHERE s.account_id = ANY('{$ids}'::bigint[]) AND s.status IN ('active', 'cancelled') GROUP BY s.account_id, pp.currency") ms"
echo "industries: $(t "SELECT DISTINCT industry FROM account WHERE industry IS NOT NULL ORDER BY industry") ms"
echo "industries (skip scan): $(t "WITH RECURSIVE i AS ((SELECT industry FROM account WHERE industry IS NOT NULL AND archived_at IS NULL ORDER BY industry LIMIT 1) UNION ALL SELECT (SELECT a.industry FROM account a WHERE a.industry > i.industry AND a.archived_at IS NULL ORDER BY a.industry LIMIT 1) FROM i WHERE i.industry IS NOT NULL) SELECT industry FROM i WHERE industry IS NOT NULL") ms"
