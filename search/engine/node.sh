#!/usr/bin/env bash
# A local search node for development and tests: OpenSearch 2.x (default) or the
# integ-test-zip Elasticsearch 8.x, fetched from Maven Central, bound to 127.0.0.1.
#
#   node.sh start  [opensearch|elasticsearch]   start (or find running), print its URL
#   node.sh stop   [opensearch|elasticsearch]   stop and wait (no engine: stop both)
#   node.sh status                              one line per engine; exit 0 if any runs
#   node.sh url    [opensearch|elasticsearch]   print the URL (running or not)
#   node.sh logs   [opensearch|elasticsearch]   print the last log lines
#
# Only the URL goes to stdout, so `url=$(search/engine/node.sh start)` works.
# See README.md beside this script for ports, data and the Java requirement.
set -euo pipefail

ENGINE_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE_ROOT="${BOKRAO_SEARCH_STATE:-$(dirname "$ENGINE_SRC")/.engine}"
# Debian's OpenJDK 17: it has the JDK's Thai break-iterator dictionary (see README).
JDK="${BOKRAO_SEARCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
HEAP="${BOKRAO_SEARCH_HEAP:-512m}"
START_TIMEOUT="${BOKRAO_SEARCH_TIMEOUT:-180}"
OS_PORT="${BOKRAO_OPENSEARCH_PORT:-9201}"
ES_PORT="${BOKRAO_ELASTICSEARCH_PORT:-9202}"
# C1 only: starts faster and burns less CPU on a small shared machine; a test
# node never runs long enough for C2 to pay off.
JAVA_EXTRA_OPTS="${BOKRAO_SEARCH_JAVA_OPTS:--XX:TieredStopAtLevel=1}"
SEARCH_USER=bokrao-search   # Elasticsearch refuses to run as root

say() { echo "node.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

engine_arg() {
  case "${1:-opensearch}" in
    opensearch | os) echo opensearch ;;
    elasticsearch | es) echo elasticsearch ;;
    *) die "unknown engine '$1' (opensearch or elasticsearch)" ;;
  esac
}
port_of() { if [ "$1" = opensearch ]; then echo "$OS_PORT"; else echo "$ES_PORT"; fi; }
url_of() { echo "http://127.0.0.1:$(port_of "$1")"; }
# True when every folder above and including $1 lets other users pass through.
world_searchable() {
  local path="$1"
  while [ "$path" != / ]; do
    [ -e "$path" ] && [ "$(( 0$(stat -c %a "$path") & 01 ))" -eq 0 ] && return 1
    path="$(dirname "$path")"
  done
}
# Elasticsearch runs as $SEARCH_USER when we are root; a checkout inside a private
# folder (mktemp -d is mode 700) is out of that user's reach, so its state then lives
# under /var/lib, one folder per checkout.
dir_of() {
  if [ "$1" = elasticsearch ] && is_root && ! world_searchable "$STATE_ROOT"; then
    echo "/var/lib/bokrao-search/$(echo "$STATE_ROOT" | sha1sum | cut -c1-12)/$1"
  else
    echo "$STATE_ROOT/$1"
  fi
}
es_version() { sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' "$ENGINE_SRC/elasticsearch/pom.xml"; }
es_home() { echo "$(dir_of elasticsearch)/dist/elasticsearch-$(es_version)"; }

# The pid from the pid file, if that process is alive and is our node.
live_pid() {
  local dir pidfile pid
  dir="$(dir_of "$1")"
  pidfile="$dir/node.pid"
  [ -s "$pidfile" ] || return 1
  pid="$(tr -dc 0-9 < "$pidfile")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$dir/" || return 1
  echo "$pid"
}

healthy() {  # yellow or green within the given seconds
  curl -fsS -m "$(($2 + 2))" -o /dev/null \
    "$(url_of "$1")/_cluster/health?wait_for_status=yellow&timeout=${2}s" 2>/dev/null
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

last_log_lines() {  # this start's console: JVM errors, and the node's log until it runs
  local f
  f="$(dir_of "$1")/console.log"
  if [ -s "$f" ]; then
    echo "---- last lines of $f" >&2
    tail -n "${2:-40}" "$f" >&2
  fi
}

node_log() {  # the running node's own log
  local dir
  dir="$(dir_of "$1")"
  if [ -s "$dir/logs/bokrao-$1.log" ]; then tail -n "$2" "$dir/logs/bokrao-$1.log"; else last_log_lines "$1" "$2" 2>&1; fi
}

ensure_tools() {  # Debian's OpenJDK 17 (JDK: javac for the Elasticsearch module), Maven, curl
  local need=()
  [ -x "$JDK/bin/java" ] || need+=(openjdk-17-jdk-headless)
  [ "$1" != elasticsearch ] || [ -x "$JDK/bin/javac" ] || need+=(openjdk-17-jdk-headless)
  command -v mvn > /dev/null || need+=(maven)
  command -v curl > /dev/null || need+=(curl)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$JDK" != /usr/lib/jvm/java-17-openjdk-amd64 ] && [ ! -x "$JDK/bin/java" ]; then
    die "BOKRAO_SEARCH_JAVA_HOME=$JDK has no bin/java"
  fi
  is_root || die "missing: ${need[*]} (sudo apt-get install ${need[*]})"
  say "installing ${need[*]} from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" > /dev/null 2>&1 || {
    apt-get update -q > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" > /dev/null
  }
}

mvn_q() { JAVA_HOME="$JDK" mvn -q -B "$@"; }

# ---------------------------------------------------------------- OpenSearch
# The codelibs runner embeds an OpenSearch node with the analysis-common
# module (thai tokenizer, english analyzer) on the classpath. Maven resolves the
# classpath once; later starts reuse it without running Maven.
opensearch_classpath() {
  local dir="$1" cp="$1/classpath.txt" jar ok=1
  if [ -s "$cp" ] && [ "$cp" -nt "$ENGINE_SRC/opensearch/pom.xml" ]; then
    local jars
    IFS=: read -r -a jars < "$cp" || true
    for jar in "${jars[@]}"; do [ -f "$jar" ] || { ok=0; break; }; done
    [ $ok = 1 ] && return 0
  fi
  say "resolving OpenSearch from Maven Central (first start only)"
  mvn_q -f "$ENGINE_SRC/opensearch/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp.tmp" > "$dir/maven.log" 2>&1 ||
    { cat "$dir/maven.log" >&2; die "Maven could not resolve the OpenSearch runner"; }
  mv "$cp.tmp" "$cp"
}

start_opensearch() {
  local dir="$1"
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
  opensearch_classpath "$dir"
  cat > "$dir/config/opensearch.yml" << EOF
# Written by search/engine/node.sh on every start; edit the script, not this file.
cluster.name: bokrao-opensearch
network.host: 127.0.0.1
discovery.type: single-node
# the runner sets http.port from -baseHttpPort
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  # shellcheck disable=SC2086 # JAVA_EXTRA_OPTS is a list of options
  (cd "$dir" && exec setsid "$JDK/bin/java" -Xms"$HEAP" -Xmx"$HEAP" $JAVA_EXTRA_OPTS \
    -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:ErrorFile="$dir/logs/hs_err_pid%p.log" \
    -Djava.io.tmpdir="$dir/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Djava.locale.providers=SPI,COMPAT -Djna.nosys=true -XX:-OmitStackTraceInFastThrow \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dlog4j2.disable.jmx=true \
    -Dlog4j2.formatMsgNoLookups=true \
    -cp "$(cat "$dir/classpath.txt")" org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$dir/" -confPath "$dir/config" -dataPath "$dir/data" -logsPath "$dir/logs" \
    -numOfNode 1 -clusterName bokrao-opensearch -baseHttpPort "$((OS_PORT - 1))" \
    < /dev/null > "$dir/console.log" 2>&1 9>&-) &
  echo $! > "$dir/node.pid"
}

# ---------------------------------------------------------------- Elasticsearch
install_root_endpoint() {  # GET / and HEAD / (info(), ping()); see root-endpoint/
  local home="$1" version="$2" src="$ENGINE_SRC/elasticsearch/root-endpoint/BokraoRootEndpointPlugin.java"
  local mod="$1/modules/bokrao-root-endpoint" build="$1/../root-endpoint-build"
  [ -f "$mod/bokrao-root-endpoint.jar" ] && [ "$mod/bokrao-root-endpoint.jar" -nt "$src" ] && return 0
  if [ ! -x "$JDK/bin/javac" ]; then
    say "warning: no javac in $JDK; GET / (info(), ping()) will answer 405"
    return 0
  fi
  rm -rf "$build" && mkdir -p "$build" "$mod"
  "$JDK/bin/javac" --release 17 -nowarn -cp "$home/lib/*" -d "$build" "$src" ||
    die "could not compile $src against Elasticsearch $version"
  "$JDK/bin/jar" cf "$mod/bokrao-root-endpoint.jar" -C "$build" . || die "jar failed"
  rm -rf "$build"
  cat > "$mod/plugin-descriptor.properties" << EOF
description=GET / and HEAD / for the integ-test-zip node (Bokrao development)
version=$version
name=bokrao-root-endpoint
classname=org.bokrao.search.rootendpoint.BokraoRootEndpointPlugin
java.version=17
elasticsearch.version=$version
EOF
}

start_elasticsearch() {
  local dir="$1" version home run_as=()
  version="$(es_version)"
  home="$(es_home)"
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
  if [ ! -x "$home/bin/elasticsearch" ]; then
    say "fetching Elasticsearch $version (integ-test-zip) from Maven Central (first start only)"
    mvn_q -f "$ENGINE_SRC/elasticsearch/pom.xml" dependency:unpack -Des.dist="$dir/dist" \
      > "$dir/maven.log" 2>&1 ||
      { cat "$dir/maven.log" >&2; die "Maven could not fetch the Elasticsearch distribution"; }
  fi
  install_root_endpoint "$home" "$version"
  cp -r "$home/config/." "$dir/config/"
  cat > "$dir/config/elasticsearch.yml" << EOF
# Written by search/engine/node.sh on every start; edit the script, not this file.
cluster.name: bokrao-elasticsearch
node.name: bokrao-elasticsearch
network.host: 127.0.0.1
http.port: $ES_PORT
discovery.type: single-node
xpack.security.enabled: false
path.data: $dir/data
path.logs: $dir/logs
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  # shellcheck disable=SC2086 # JAVA_EXTRA_OPTS is a list of options, one a line
  printf '%s\n' "-Xms$HEAP" "-Xmx$HEAP" -XX:-AlwaysPreTouch $JAVA_EXTRA_OPTS \
    > "$dir/config/jvm.options.d/bokrao.options"
  if is_root; then
    # Elasticsearch refuses root ("can not run elasticsearch as root").
    id -u "$SEARCH_USER" > /dev/null 2>&1 ||
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SEARCH_USER"
    chown -R "$SEARCH_USER:" "$dir"
    runuser -u "$SEARCH_USER" -- test -r "$home/bin/elasticsearch" -a -w "$dir/data" ||
      die "user $SEARCH_USER cannot reach $dir (a parent folder is not world-searchable); set BOKRAO_SEARCH_STATE to a folder it can use"
    run_as=(runuser -u "$SEARCH_USER" --)
  fi
  rm -rf "$dir/node.pid" "$dir/tmp" && mkdir -p "$dir/tmp"
  [ ${#run_as[@]} -eq 0 ] || chown "$SEARCH_USER:" "$dir/tmp"
  # -d: the launcher forks the server, waits until it has started (or failed),
  # and exits; the server writes its own pid file.
  (cd "$dir" && "${run_as[@]}" env -u JAVA_HOME -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS \
    ES_JAVA_HOME="$JDK" ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" \
    CLI_JAVA_OPTS="-Djava.io.tmpdir=$dir/tmp" \
    "$home/bin/elasticsearch" -d -p "$dir/node.pid" < /dev/null > "$dir/console.log" 2>&1 9>&-)
}

# ---------------------------------------------------------------- commands
cmd_start() {
  local engine="$1" dir pid port t0
  dir="$(dir_of "$engine")"
  port="$(port_of "$engine")"
  mkdir -p "$dir" "$STATE_ROOT"
  # Serialises concurrent starts (parallel test runs). The node must not
  # inherit fd 9, or it would hold the lock for its whole life.
  exec 9> "$STATE_ROOT/.$engine.lock"
  flock -w "$((START_TIMEOUT + 600))" 9 || die "another node.sh holds $STATE_ROOT/.$engine.lock"
  if pid="$(live_pid "$engine")"; then
    if healthy "$engine" "$START_TIMEOUT"; then url_of "$engine"; return 0; fi
    last_log_lines "$engine"
    die "$engine (pid $pid) runs but is not healthy at $(url_of "$engine"); try: $0 stop $engine"
  fi
  port_busy "$port" && die "port $port on 127.0.0.1 is taken by another program (set BOKRAO_${engine^^}_PORT)"
  ensure_tools "$engine"
  t0=$SECONDS
  say "starting $engine on $(url_of "$engine") (data and logs in $dir)"
  "start_$engine" "$dir" || { last_log_lines "$engine"; die "$engine did not start"; }
  # The pid may still be the subshell that is about to exec java: give it a moment.
  for _ in {1..50}; do pid="$(live_pid "$engine")" && break; sleep 0.1; done
  pid="$(live_pid "$engine")" || { last_log_lines "$engine"; die "$engine did not start"; }
  while ! healthy "$engine" 1; do
    if ! kill -0 "$pid" 2> /dev/null; then last_log_lines "$engine"; die "$engine exited while starting"; fi
    if ((SECONDS - t0 >= START_TIMEOUT)); then
      last_log_lines "$engine"
      die "$engine not healthy after ${START_TIMEOUT}s (still running as pid $pid; $0 stop $engine)"
    fi
    sleep 0.5
  done
  say "$engine up in $((SECONDS - t0))s, pid $pid"
  url_of "$engine"
}

cmd_stop() {
  local engine="$1" dir pid i
  dir="$(dir_of "$engine")"
  pid="$(live_pid "$engine")" || { rm -f "$dir/node.pid"; return 0; }
  say "stopping $engine (pid $pid)"
  kill -TERM "$pid" 2> /dev/null || die "cannot signal $engine (pid $pid, user $(ps -o user= -p "$pid")); run as root"
  for ((i = 0; i < 120; i++)); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2> /dev/null; then
    say "$engine did not stop in 30s; killing it"
    kill -KILL "$pid" 2> /dev/null || true
    while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done
  fi
  rm -f "$dir/node.pid"
}

cmd_status() {
  local engine pid rss any=1
  for engine in opensearch elasticsearch; do
    if pid="$(live_pid "$engine")"; then
      any=0
      if healthy "$engine" 0; then
        rss="$(ps -o rss= -p "$pid" || echo 0)"
        echo "$engine: running at $(url_of "$engine") (pid $pid, rss $((rss / 1024)) MiB)"
      else
        echo "$engine: pid $pid, not (yet) healthy at $(url_of "$engine")"
      fi
    else
      echo "$engine: stopped"
    fi
  done
  return $any
}

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

main() {
  local cmd="${1:-}" engine
  shift || true
  engine="$(engine_arg "${1:-}")" || exit 2
  case "$cmd" in
    start) cmd_start "$engine" ;;
    stop) if [ -n "${1:-}" ]; then cmd_stop "$engine"; else cmd_stop opensearch; cmd_stop elasticsearch; fi ;;
    status) cmd_status ;;
    url) url_of "$engine" ;;
    logs) node_log "$engine" "${2:-50}" ;;
    *) usage ;;
  esac
}

main "$@"
