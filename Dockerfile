# Gazette in a container: `docker build -t gazette . && docker run -p 8080:8080 gazette`.
# .ci/run runs this file's build command outside Docker and checks the result (no engine there).

# ---- Build ------------------------------------------------------------------------------------
# swift:6.3 is Ubuntu 24.04 (noble); the tag names the distribution so that it cannot drift from
# the runtime stage's: a binary linked against a newer glibc does not start on an older one.
FROM swift:6.3-noble AS builder
WORKDIR /src

# Dependencies first, in their own layer: rebuilt only when the manifest (or its pins) change.
COPY Package.* ./
RUN swift package resolve

# The manifest names every target, so SwiftPM wants their folders, tests and benchmark included;
# only the gazette product is compiled.
COPY Sources ./Sources
COPY Benchmarks/GazetteBench ./Benchmarks/GazetteBench
COPY Tests ./Tests

# --static-swift-stdlib links the Swift runtime, Foundation and Dispatch into the binary; what it
# still loads (libc, libm, libstdc++, libgcc_s) is part of the runtime base image. Bundle.module
# looks for the resource bundles (the dataset, openapi.yaml) next to the executable, so they go
# along; so does the static crash backtracer, which the runtime cannot find in a slim image.
RUN swift build -c release --static-swift-stdlib --product gazette \
    && bin="$(swift build -c release --static-swift-stdlib --show-bin-path)" \
    && mkdir -p /out \
    && cp "$bin/gazette" /out/ \
    && cp -R "$bin"/*.resources /out/ \
    && cp /usr/libexec/swift/linux/swift-backtrace-static /out/

# ---- Run --------------------------------------------------------------------------------------
FROM ubuntu:24.04

# A system user without a login; /data is where a volume goes (see README, "Run in a container").
RUN groupadd --system --gid 10001 gazette \
    && useradd --system --no-log-init --uid 10001 --gid gazette --home-dir /nonexistent --shell /usr/sbin/nologin gazette \
    && mkdir /data \
    && chown gazette:gazette /data

WORKDIR /app
COPY --from=builder /out/ /app/

USER 10001:10001
# GAZETTE_SHUTDOWN_TIMEOUT stays under the 10 s that docker stop waits before SIGKILL.
ENV HOST=0.0.0.0 \
    PORT=8080 \
    LOG_FORMAT=json \
    GAZETTE_SHUTDOWN_TIMEOUT=8 \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/app/swift-backtrace-static
EXPOSE 8080

# What docker stop sends first: the server stops accepting, finishes what is in flight, exits 0.
STOPSIGNAL SIGTERM
# `gazette healthcheck` reads the same HOST and PORT (0.0.0.0 is checked at 127.0.0.1): no curl needed.
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 CMD ["/app/gazette", "healthcheck"]

ENTRYPOINT ["/app/gazette"]
