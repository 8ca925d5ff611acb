# Sourced by .ci/run and ./persona-local: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders (newest first).
# Returns non-zero with a message on stderr when there is none.

jdk_major() {
  # Prints the major version of the JDK in folder $1, or nothing.
  local release="$1/release" version
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$release")
  else
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

find_jdk21() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in $(ls -d /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    major=$(jdk_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$dir"
      return 0
    fi
  done
  echo "No JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm, /opt/java," \
       "~/.sdkman, ~/.jdks). Install a JDK 21+ or point JAVA_HOME at one." >&2
  return 1
}
