# The pipeline's image: its command line is the entrypoint, so every job is
#   docker run movielake/pipeline <command> [options]      (ingest continuous, stream, serve, maintain all, ...)
# Build from the repository root:  docker build -t movielake/pipeline:0.1.0 .
# The `spark` target adds the application to Apache Spark's own image, for spark-submit and the
# Spark operator on Kubernetes:    docker build --target spark -t movielake/pipeline-spark:0.1.0 .
# (needs BuildKit, the default builder since Docker 23, for the Maven cache mount)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache keeps the ~500 MB of dependencies between builds.
# The REST catalog server (pipeline catalog serve) runs in a JVM of its own on its own libraries:
# copied out here, they go beside its jar in the image, where infra's ServerClasspath looks for
# them, since the Maven repository that listed them stays in the build's cache.
RUN --mount=type=cache,target=/root/.m2 mvn -B -Dstyle.color=never -DskipTests package \
    && mvn -B -o -Dstyle.color=never -f servers/rest-catalog/pom.xml dependency:copy-dependencies \
         -DincludeScope=runtime -DoutputDirectory=target/server-lib

FROM apache/spark:4.1.1-scala2.13-java17-ubuntu AS spark
USER root
COPY --from=build /src/app/target/app.jar /opt/spark/jars/movielake-app.jar
COPY --from=build /src/app/target/lib /tmp/movielake-lib
# Spark's distribution already holds Spark, Hadoop and their dependencies: add only the jars it lacks.
RUN for jar in /tmp/movielake-lib/*.jar; do \
      [ -e "/opt/spark/jars/$(basename "$jar")" ] || cp "$jar" /opt/spark/jars/; \
    done \
    && rm -rf /tmp/movielake-lib
USER spark

# The default target (last stage): the pipeline image.
FROM eclipse-temurin:17-jre AS pipeline
# A named user: Hadoop's login needs the process's uid in /etc/passwd.
RUN useradd --uid 10001 --user-group --home-dir /opt/movielake --no-create-home movielake \
    && mkdir -p /data/lakehouse \
    && chown -R movielake:movielake /data
WORKDIR /opt/movielake
COPY --from=build /src/app/target/app.jar /src/app/target/jvm-flags ./
COPY --from=build /src/app/target/lib ./lib
COPY --from=build /src/servers/rest-catalog/target/server-lib ./lib/rest-catalog
COPY deploy/image/pipeline /usr/local/bin/
# Ingestion's cursor and the streaming checkpoints live under it: mount a volume there.
ENV LAKEHOUSE_HOME=/data/lakehouse
USER movielake
ENTRYPOINT ["pipeline"]
CMD ["--help"]
