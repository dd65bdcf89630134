#!/bin/bash
# http.sh <admin password> <postgres port> [base url]: time whole list pages over HTTP (signed in as admin)
B=${3:-http://localhost:18080}; J=$(mktemp); trap "rm -f $J" EXIT
tok=$(curl -s -c $J -b $J $B/login | grep -oE 'name="_csrf" value="[^"]+"' | sed 's/.*value="//; s/"//')
curl -s -o /dev/null -c $J -b $J -d "username=admin&password=$1&_csrf=$tok" $B/login
owner=$(psql -h localhost -p $2 -U postgres -d bansou -qAt -c "SELECT min(id) + 5 FROM app_user WHERE role = 'csm'")
for u in "/accounts" "/accounts?page=2000" "/accounts?sort=-name&page=2000" "/accounts?sort=band&page=2000" \
         "/accounts?sort=owner" "/accounts?sort=owner&page=2000" "/accounts?stage=adoption&page=401" \
         "/accounts?owner=$owner&page=100" "/accounts?industry=%E7%89%A9%E6%B5%81&page=167" \
         "/accounts?q=Harbor" "/accounts?q=%E6%AD%AF%E7%A7%91" "/accounts?q=%E6%AD%AF%E7%A7%91&page=200" "/accounts?q=ACC-0421" \
         "/accounts?stage=retention&tier=high&sort=-name"; do
  best=$(for i in 1 2 3; do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b $J "$B$u"; done | sort -k2 -n | head -1)
  printf "%-55s %s\n" "$u" "$best"
done
