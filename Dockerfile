# syntax=docker/dockerfile:1
# nichebot: build with the Maven wrapper on a JDK, run on a JRE as a non-root user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true

FROM eclipse-temurin:17-jre
RUN groupadd --system nichebot \
 && useradd --system --gid nichebot --home-dir /app --shell /usr/sbin/nologin nichebot \
 && mkdir -p /data \
 && chown nichebot:nichebot /data
WORKDIR /app
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/nichebot.jar /app/nichebot.jar
COPY models/ /app/models/
# The demo niche: `docker run … demo` crawls these with the model above.
COPY samples/ /app/samples/
# DJL must never download anything: the native PyTorch library is on the classpath, and without
# offline mode its engine start probes 169.254.169.254. Everything the bot writes goes to /data.
ENV DJL_OFFLINE=true \
    DJL_CACHE_DIR=/data/djl-cache \
    NICHEBOT_DATA_DIR=/data \
    NICHEBOT_WEB_BIND=0.0.0.0 \
    NICHEBOT_WEB_PORT=8080
USER nichebot
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
  CMD ["java", "-cp", "/app/nichebot.jar", "dev.nichebot.app.HealthProbe"]
# Exec form: SIGTERM reaches the JVM, which lets the job under way finish (shutdown.grace).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dai.djl.offline=true", "-jar", "/app/nichebot.jar"]
CMD ["run"]
