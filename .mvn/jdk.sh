# Sourced by ./run and ./test: prefer the Temurin 25 JDK where the machine has it (virtual threads);
# the bytecode stays Java 17 (maven.compiler.release), so any JDK 17+ works.
for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64; do
  if [ -z "${STOREFRONT_KEEP_JAVA_HOME:-}" ] && [ -x "$candidate/bin/java" ]; then
    export JAVA_HOME="$candidate"
    export PATH="$JAVA_HOME/bin:$PATH"
    break
  fi
done
