# How both launchers (bin/llmload in the distribution, ./llmload in a checkout) start the JVM
# that runs llmload.jar. Sourced, not run; POSIX sh.
#
#   llmload_exec JAVA_BIN JAVA_HOME_DIR JAR [ARGS...]

# The feature version (17, 21, 25, ...) of the Java home $1, from its release file; empty when it
# cannot be told (then nothing version-specific is added). Shell built-ins only: the distribution's
# launcher works with an empty PATH.
llmload_java_feature() {
  [ -r "$1/release" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      JAVA_VERSION=*)
        version=${line#JAVA_VERSION=}
        version=${version#\"}
        echo "${version%%[!0-9]*}"
        return 0
        ;;
    esac
  done <"$1/release"
}

# Whether the user's own JVM options already choose a garbage collector.
llmload_gc_chosen() {
  # shellcheck disable=SC2086 # lists of words
  for word in ${LLMLOAD_JAVA_OPTS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-}; do
    case $word in
      -XX:+Use*GC) return 0 ;;
    esac
  done
  return 1
}

# JVM options for the runtime of feature version $1.
llmload_jvm_options() {
  feature=$1
  # An OutOfMemoryError can kill an event loop and leave a run waiting forever: exit (code 3) instead.
  options="-XX:+ExitOnOutOfMemoryError"
  case $feature in
    '' | *[!0-9]*) echo "$options"; return 0 ;;
  esac
  # A load generator's collector must not pause: every token due during a pause is timed late.
  # With 10,000 streams open, G1's and Serial's young collections copy every in-flight request
  # (tens of ms); generational ZGC (Java 21+, the default ZGC from 23) collects concurrently with
  # pauses well under a millisecond. docs/PERFORMANCE.md has the measurements.
  if ! llmload_gc_chosen; then
    if [ "$feature" -ge 23 ]; then
      options="$options -XX:+UseZGC"
    elif [ "$feature" -ge 21 ]; then
      options="$options -XX:+UseZGC -XX:+ZGenerational"
    fi
  fi
  # Java 23+ warns on stderr when a library (Hazelcast, for distributed runs) uses sun.misc.Unsafe;
  # the jar's manifest (Enable-Native-Access) already covers Netty's native-library warning.
  if [ "$feature" -ge 23 ]; then
    options="$options --sun-misc-unsafe-memory-access=allow"
  fi
  echo "$options"
}

llmload_exec() {
  java_bin=$1
  java_home=$2
  jar=$3
  shift 3
  # A job started with '&' by a script (no job control) has SIGINT ignored, an ignored signal stays
  # ignored across exec, and the JVM cannot handle a signal ignored at its start: Ctrl-C would do
  # nothing. GNU env (coreutils 8.31+) restores the default first, so Ctrl-C and SIGTERM always stop
  # a run with its reports.
  restore_signals=
  for env_bin in env /usr/bin/env; do
    if "$env_bin" --default-signal=INT,TERM true >/dev/null 2>&1; then
      restore_signals="$env_bin --default-signal=INT,TERM"
      break
    fi
  done
  jvm_options=$(llmload_jvm_options "$(llmload_java_feature "$java_home")")
  # shellcheck disable=SC2086 # restore_signals, jvm_options and LLMLOAD_JAVA_OPTS are lists of words (or empty)
  exec $restore_signals "$java_bin" $jvm_options ${LLMLOAD_JAVA_OPTS:-} -jar "$jar" "$@"
}
