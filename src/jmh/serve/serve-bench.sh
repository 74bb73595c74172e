#!/usr/bin/env bash
# The load benchmark of `republisher serve` against nginx serving the same bytes as static files
# (README, "Serving", "Load"). Never run by `mvn verify`. Needs wrk and nginx from Debian:
#   apt-get install wrk nginx-light
# Run from anywhere:  src/jmh/serve/serve-bench.sh
# Settings (environment): DURATION (s, default 5), CONNECTIONS (64), ROUNDS (3), THREADS (8, the
# serve.threads of the command), BUILD (1; 0 uses the jar and classes already in target/).
#
# Two `serve` processes run from target/republisher-cli.jar, each on its own copy of the upstream
# feed (ServeBench: the JMH data set's 100 articles as an RSS file, type `file`):
#   - "serve" refreshes every 15 minutes, so nothing moves while it is measured; nginx serves a copy
#     of the files it wrote into its output folder (its own gzip files made with gzip -9);
#   - "refresh", started after the measured rounds, refreshes every second while its upstream file
#     flips to the other version after each refresh, so each refresh changes the feeds served
#     (100 articles updated, three files rendered, gzipped and written): one wrk run measures
#     the load as usual, a second one checks that every body is whole (200, Content-Length bytes,
#     from "<?xml" to "</rss>") and counts the ETags (its Lua check of each body slows wrk down).
# Prints one line per run, then the table of medians over the rounds; exits 1 when the refresh run
# saw an error, a torn body, or no refresh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-8}
BUILD=${BUILD:-1}
WORK=$PWD/target/serve-bench
SERVE_PORT=18181 NGINX_PORT=18182 REFRESH_PORT=18183
PATH_RSS=/feeds/all.rss.xml

command -v wrk >/dev/null && command -v nginx >/dev/null \
  || { echo "needs wrk and nginx: apt-get install wrk nginx-light" >&2; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK/nginx" "$WORK/www"
if [ "$BUILD" = 1 ]; then
  mvn -q -B -Pbench package -DskipTests
fi
mvn -q -B -o -Pbench dependency:build-classpath -Dmdep.outputFile="$WORK/cp" \
  -Dmdep.includeScope=test
CP=target/test-classes:target/classes:$(cat "$WORK/cp")
java -cp "$CP" org.republisher.bench.ServeBench "$WORK/upstream"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

serve() { # NAME PORT INTERVAL: a serve process on its own copy of version A
  local dir=$WORK/$1
  mkdir -p "$dir"
  cp "$WORK/upstream/a.rss.xml" "$dir/upstream.rss.xml"
  cat >"$dir/republisher.yaml" <<YAML
site: {url: "http://127.0.0.1/feeds/"}
output: feeds
store: republisher.db
interval: $3
serve: {port: $2, threads: $THREADS}
sources:
  - {id: bench, uri: upstream.rss.xml, type: file}
feeds:
  - {name: all, limit: 100}
YAML
  java -jar target/republisher-cli.jar serve --config "$dir/republisher.yaml" >"$dir/serve.log" 2>&1 &
  PIDS+=($!)
}
health() { curl -s "http://127.0.0.1:$1/health"; }
refreshes() { health "$1" | sed 's/.*"refreshes":\([0-9]*\).*/\1/'; }
started() { # PORT: waits for the first refresh
  for _ in $(seq 600); do
    [ "$(refreshes "$1" 2>/dev/null)" -ge 1 ] 2>/dev/null && return
    sleep 0.2
  done
  echo "serve on $1 did not refresh" >&2
  exit 1
}
serve serve $SERVE_PORT 15m
started $SERVE_PORT

# nginx serves the very bytes serve wrote into its output folder
cp -r "$WORK/serve/feeds" "$WORK/www/feeds"
for f in "$WORK"/www/feeds/*.xml "$WORK"/www/feeds/*.json; do gzip -k -9 "$f"; done
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  types { application/rss+xml xml; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    etag on;
    gzip_static on;
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
sleep 1

etag() { curl -s -D - -o /dev/null "$@" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }'; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
NGINX_ETAG=$(etag "http://127.0.0.1:$NGINX_PORT$PATH_RSS")
SERVE_ETAG=$(etag "http://127.0.0.1:$SERVE_PORT$PATH_RSS")
[ "$(status -H "If-None-Match: $SERVE_ETAG" "http://127.0.0.1:$SERVE_PORT$PATH_RSS")" = 304 ]
[ "$(status -H "If-None-Match: $NGINX_ETAG" "http://127.0.0.1:$NGINX_PORT$PATH_RSS")" = 304 ]
cmp <(curl -s "http://127.0.0.1:$SERVE_PORT$PATH_RSS") <(curl -s "http://127.0.0.1:$NGINX_PORT$PATH_RSS")

run() { # NAME PORT [wrk options...]
  local name=$1 port=$2
  shift 2
  local line
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s src/jmh/serve/report.lua "$@" \
    "http://127.0.0.1:$port$PATH_RSS" | grep '^RESULT')
  echo "$name $line" | tee -a "$WORK/results"
}

echo "$PATH_RSS: $(curl -s "http://127.0.0.1:$SERVE_PORT$PATH_RSS" | wc -c) bytes," \
  "$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$SERVE_PORT$PATH_RSS" | wc -c) gzipped"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"
runs() { # ROUND: every run once, nginx and serve in turn, which goes first alternating by round
  local first=nginx second=serve
  if [ $(($1 % 2)) = 0 ]; then first=serve second=nginx; fi
  for server in $first $second; do
    if [ $server = nginx ]; then port=$NGINX_PORT tag=$NGINX_ETAG; else port=$SERVE_PORT tag=$SERVE_ETAG; fi
    run "$server-200" "$port"
    run "$server-200-gzip" "$port" -H 'Accept-Encoding: gzip'
    run "$server-304" "$port" -H "If-None-Match: $tag"
  done
}
runs 0 >/dev/null # warm-up: the JIT compiles the server's paths; not counted
rm "$WORK/results"
for round in $(seq "$ROUNDS"); do
  echo "round $round, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  runs "$round"
done

# the refresh runs: the upstream file flips between A and B, the source is due every second
serve refresh $REFRESH_PORT 1s
started $REFRESH_PORT
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s "http://127.0.0.1:$REFRESH_PORT$PATH_RSS" \
  >/dev/null # warm-up of this second JVM
(
  # after each refresh the other version: every refresh finds its upstream changed
  v=b
  while :; do
    seen=$(refreshes $REFRESH_PORT)
    cp "$WORK/upstream/$v.rss.xml" "$WORK/refresh/upstream.tmp"
    mv "$WORK/refresh/upstream.tmp" "$WORK/refresh/upstream.rss.xml"
    while [ "$(refreshes $REFRESH_PORT)" = "$seen" ]; do sleep 0.05; done
    if [ $v = b ]; then v=a; else v=b; fi
  done
) &
FLIPPER=$!
PIDS+=($FLIPPER)
echo "refresh runs, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
BEFORE=$(refreshes $REFRESH_PORT)
run "refreshing-200" $REFRESH_PORT
MIDDLE=$(refreshes $REFRESH_PORT)
CHECK=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s src/jmh/serve/check.lua \
  "http://127.0.0.1:$REFRESH_PORT$PATH_RSS" | grep '^RESULT')
AFTER=$(refreshes $REFRESH_PORT)
kill $FLIPPER
echo "check $CHECK refreshes=$((AFTER - MIDDLE))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "| run ($CONNECTIONS connections, ${DURATION} s, medians of $ROUNDS rounds) | requests/s | × nginx | p50 ms | p99 ms | bytes/response |"
echo "|---|---:|---:|---:|---:|---:|"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
values() { grep "^$1 " "$WORK/results" | sed "s/.* $2=\([0-9.]*\).*/\1/"; }
field() { values "$1" "$2" | median; }
for name in 200 200-gzip 304; do
  for server in nginx serve; do
    # × nginx: the median of the rounds' ratios, each run against nginx's run of the same round
    ratio=$(paste <(values "$server-$name" rps) <(values "nginx-$name" rps) \
      | awk '{ printf "%.4f\n", $1 / $2 }' | median)
    printf '| %s %s | %s | %.2f× | %s | %s | %s |\n' "$server" "$name" \
      "$(field "$server-$name" rps)" "$ratio" "$(field "$server-$name" p50ms)" \
      "$(field "$server-$name" p99ms)" "$(field "$server-$name" bytes)"
  done
done
REFRESH=$(grep '^refreshing-200 ' "$WORK/results")
printf '| serve 200, refreshing every second | %s | | %s | %s | %s |\n' \
  "$(field refreshing-200 rps)" "$(field refreshing-200 p50ms)" "$(field refreshing-200 p99ms)" \
  "$(field refreshing-200 bytes)"
echo
echo "refresh load run: $((MIDDLE - BEFORE)) refreshes during it, $(values refreshing-200 errors) errors"
echo "refresh check run: $CHECK; $((AFTER - MIDDLE)) refreshes during it"
case "$REFRESH $CHECK" in
  *" errors=0 "*" errors=0 "*" torn=0 versions=1") echo "the check run saw one version" >&2; exit 1 ;;
  *" errors=0 "*" errors=0 "*" torn=0 "*) ;;
  *) echo "a refresh run saw errors or torn bodies" >&2; exit 1 ;;
esac
[ $((MIDDLE - BEFORE)) -ge 1 ] && [ $((AFTER - MIDDLE)) -ge 1 ] \
  || { echo "no refresh during a refresh run" >&2; exit 1; }
