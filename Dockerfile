# Trainyard image: built with the project's Maven wrapper, run on a JRE as a non-root user.
#   docker build -t trainyard:local .
#   docker run -p 8080:8080 -v trainyard-data:/data trainyard:local

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies first, in their own layer, so code changes do not download them again.
RUN ./mvnw -B dependency:go-offline
COPY src src
RUN ./mvnw -B -DskipTests package \
 && java -Djarmode=tools -jar target/trainyard.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN groupadd --system trainyard \
 && useradd --system --gid trainyard --home-dir /app --shell /usr/sbin/nologin trainyard \
 && mkdir -p /app/javacpp-cache /data \
 && chown -R trainyard:trainyard /app /data
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY docker/healthcheck.sh /usr/local/bin/trainyard-healthcheck
USER trainyard
# ND4J keeps arrays off the Java heap: the heap takes half the container's memory, JavaCPP's
# off-heap arrays are capped separately, and its natives unpack into a directory this user owns.
ENV TRAINYARD_NODE_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=12g -Dorg.bytedeco.javacpp.cachedir=/app/javacpp-cache"
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 CMD ["trainyard-healthcheck"]
# The engine uses the Vector API (an incubator module in Java 17) for its small matrix products.
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "org.springframework.boot.loader.launch.JarLauncher"]
