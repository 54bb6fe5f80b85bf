# Shared by the bench/worker-* scripts (sourced, not run): a JDK 21+, the services, the build.

find_java() {
  local candidate
  for candidate in "${HEXSNAP_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/javac" ]] || continue
    local v
    v=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
    if [[ "${v%%.*}" =~ ^[0-9]+$ ]] && (( ${v%%.*} >= 21 )); then echo "$candidate"; return; fi
  done
}

JAVA_HOME="$(find_java)"
[[ -n "$JAVA_HOME" ]] || { echo "bench: no JDK 21 or later found" >&2; exit 2; }
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
command -v gzip >/dev/null || { echo "bench: gzip is needed" >&2; exit 2; }
# The machine's MariaDB/Redis, or private ones when those cannot be used as they are (HEXSNAP_TEST_*).
services="$("$ROOT/scripts/ensure-services" --no-browser 2>/dev/null)" || { echo "bench: no usable MariaDB/Redis; run ./hexsnap services" >&2; exit 2; }
while IFS="=" read -r key value; do if [[ "$key" == HEXSNAP_TEST_* ]]; then export "$key=$value"; fi; done <<<"$services"

worker_build() {
  echo "building the snapshot-worker..." >&2
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$ROOT/mvnw" -B -q -pl snapshot-worker \
    package -DskipTests -Dhexsnap.it.skip=true >&2
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$ROOT/mvnw" -B -q -pl snapshot-worker \
    test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
}

worker_classpath() {
  echo "$ROOT/snapshot-worker/target/test-classes:$ROOT/snapshot-worker/target/classes:$(cat "$ROOT/snapshot-worker/target/bench.classpath")"
}

# The demo upstream's executable jar, built by its module when missing.
demo_upstream_jar() {
  local jar
  jar="$(ls "$ROOT"/demo-upstream/target/*-exec.jar 2>/dev/null | head -n 1 || true)"
  if [[ -z "$jar" ]]; then
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$ROOT/mvnw" -B -q -pl demo-upstream package -DskipTests >&2
    jar="$(ls "$ROOT"/demo-upstream/target/*-exec.jar | head -n 1)"
  fi
  echo "$jar"
}
