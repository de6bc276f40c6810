# Sourced by run.sh: which search `make run` uses, said in one line.
#
# ELASTICSEARCH_URL if set; else the local node (search/engine/node.sh) when Debian's
# Java 17, with the JDK's Thai dictionary, is there; else the database.
# BOKRAO_SEARCH=database chooses the database whatever is installed. choose_search sets
# ELASTICSEARCH_URL for what follows, and search_node to the node it started, which
# run.sh stops with the site. tests/test_run_search.py runs it.
java_home="${BOKRAO_SEARCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
has_thai_java() {
  [ -x "$java_home/bin/java" ] &&
    "$java_home/bin/java" -version 2>&1 | grep -q 'version "17' &&
    "$java_home/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.localedata@'
}
on_database() {
  unset ELASTICSEARCH_URL
  echo "== Search runs on the database ($1); pages are searched with Thai split into words"
}
search_node="${search_node:-}"
choose_search() {
  if [ "${BOKRAO_SEARCH:-}" = database ]; then
    on_database "BOKRAO_SEARCH=database"
  elif [ -n "${ELASTICSEARCH_URL:-}" ]; then
    echo "== Search runs on $ELASTICSEARCH_URL (ELASTICSEARCH_URL)"
  elif ! has_thai_java; then
    on_database "no Java 17 with its Thai dictionary at $java_home; install openjdk-17-jdk-headless for the search node"
  else
    echo "== Starting the local search node, OpenSearch with Thai analysis (the first start fetches it: a few minutes)"
    # A node that was running before (another checkout's, the tests') is left running.
    node_status="$(bash search/engine/node.sh status || true)"
    [[ "$node_status" == *"opensearch: running"* ]] || search_node=opensearch
    if url="$(bash search/engine/node.sh start opensearch)"; then
      export ELASTICSEARCH_URL="$url"
      echo "== Search runs on the local node at $url; node.sh logs shows its log"
    else
      on_database "the search node did not start, see above"
    fi
  fi
}
