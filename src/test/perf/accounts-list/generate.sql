-- one-off: 20 CSMs, 100,000 accounts, ~80,000 subscriptions on 6 price versions
INSERT INTO app_user (username, display_name, password_hash, role)
SELECT 'csm' || n, 'CSM ' || lpad(n::text, 2, '0') || ' ' || (ARRAY['佐藤','鈴木','高橋','田中','伊藤'])[1 + n % 5],
       '{noop}x', 'csm'
  FROM generate_series(1, 20) n;

INSERT INTO account (external_id, name, industry, employee_band, decision_style, owner_user_id, touch_tier,
                     lifecycle_stage, created_at)
SELECT 'ACC-' || lpad(n::text, 6, '0'),
       (ARRAY['小林','田中','山本','中村','Harbor','Nordic','青木','松本','Sakura','Blue'])[1 + (n * 7) % 10]
         || (ARRAY['歯科','ロジスティクス','製作所','商事',' Analytics',' Systems','工業','不動産',' Labs',' Foods'])[1 + (n * 13) % 10]
         || ' ' || md5(n::text)::varchar(6),
       (ARRAY['医療','物流','製造','小売','IT','金融','不動産','教育','飲食','建設','人材','広告'])[1 + n % 12],
       (ARRAY['1-9','10-49','50-249','250-999','1000+'])[1 + (n / 7) % 5],
       CASE WHEN n % 3 = 0 THEN 'top_down' ELSE 'bottom_up' END,
       CASE WHEN n % 50 = 0 THEN NULL ELSE (SELECT min(id) FROM app_user) + 1 + n % 20 END,
       (ARRAY['high','low','tech','tech'])[1 + n % 4],
       (ARRAY['onboarding','adoption','retention','retention','renewal'])[1 + (n / 3) % 5],
       now() - (n % 1000) * interval '1 day'
  FROM generate_series(1, 100000) n;

INSERT INTO plan (external_id, name) VALUES ('P-STD', 'Standard'), ('P-PRO', 'Pro');
INSERT INTO plan_price (plan_id, external_id, price_version, currency, amount, billing_interval, valid_from, retired_on)
SELECT p.id, p.external_id || '-' || v.iv || '-' || v.ver, v.ver, 'JPY',
       CASE p.external_id WHEN 'P-STD' THEN 3000 ELSE 8000 END * CASE v.iv WHEN 'year' THEN 11 ELSE 1 END,
       v.iv, DATE '2024-01-01', CASE WHEN v.ver = 1 THEN DATE '2025-03-31' END
  FROM plan p, (VALUES ('month', 1), ('month', 2), ('year', 2)) v(iv, ver);

INSERT INTO subscription (account_id, external_id, plan_price_id, quantity, discount_percent, status, started_on)
SELECT a.id, 'SUB-' || a.id,
       (SELECT id FROM plan_price ORDER BY id OFFSET (a.id % 6) LIMIT 1),
       1 + a.id % 40, CASE WHEN a.id % 10 = 0 THEN 10 ELSE 0 END,
       (ARRAY['active','active','active','trial','cancelled'])[1 + a.id % 5], DATE '2025-01-01'
  FROM account a
 WHERE a.id % 5 <> 0;
VACUUM ANALYZE;
