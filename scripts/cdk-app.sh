#!/usr/bin/env bash
# cdk.json's "app": runs the CDK app from the classes Maven built (cdk.json's "build" builds them), on a
# JDK 21+, without starting Maven again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/find-jdk.sh
find_jdk21
if [ ! -f app/target/classpath.txt ]; then
  echo "app/target/classpath.txt is missing: build first with mvn -B -DskipTests package -pl app -am" >&2
  exit 1
fi
exec "$JAVA_HOME/bin/java" -cp "app/target/classes:$(cat app/target/classpath.txt)" dev.persona.app.PersonaApp
