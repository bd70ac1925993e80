# llmload as a container image: the same self-contained distribution as `mvn -Pdist package`
# (jlink-trimmed Java runtime + jar + launcher + scenarios + schema) on a slim Debian base.
#
#   docker build -t llmload --build-arg GIT_COMMIT=$(git rev-parse --short HEAD) .
#   docker run --rm llmload run /opt/llmload/scenarios/quickstart.yaml
#   docker run --rm -v "$PWD:/work" -e OPENAI_API_KEY llmload run /work/my.yaml
#
# Reports go to the working directory /work (mount it to keep them). To reach a server on the
# host, use --network host (Linux) or http://host.docker.internal:8000/v1.

# ---- build: Maven and a JDK 25 (the jar is still compiled for Java 17, --release 17); the
# runtime jlink makes from it lets the launcher run generational ZGC (docs/PERFORMANCE.md) ----
FROM --platform=linux/amd64 maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# dependencies first, so a source change does not download them again
COPY pom.xml .
COPY core/pom.xml core/
RUN mvn -B -q -pl core -am dependency:go-offline -Pdist || true
COPY src src
COPY scenarios scenarios
COPY schema schema
COPY README.md .
# .git is not in the build context; the commit for `llmload --version` comes from this argument
ARG GIT_COMMIT=
RUN mvn -B -Pdist -pl core -am -DskipTests -Dgit.commit.id.abbrev="${GIT_COMMIT}" package \
 && mkdir /dist \
 && tar -xzf target/llmload-*-linux-x64.tar.gz -C /dist --strip-components=1

# ---- run: no JDK, only the bundled runtime ----
FROM --platform=linux/amd64 debian:bookworm-slim
ENV LANG=C.UTF-8
COPY --from=build /dist /opt/llmload
RUN ln -s /opt/llmload/bin/llmload /usr/local/bin/llmload \
 && useradd --create-home --uid 10001 llmload \
 && mkdir /work && chown llmload /work
USER llmload
WORKDIR /work
# `llmload mock --host 0.0.0.0 --port 8000` serves the mock to other containers
EXPOSE 8000
ENTRYPOINT ["llmload"]
CMD ["--help"]
