# syntax=docker/dockerfile:1
# One image recipe for every .NET service of the kit; docker-compose.yml passes the build args per service.
# Build context: the repository root, for example:
#   docker build --build-arg PROJECT=src/Observability.Api/Observability.Api.csproj \
#                --build-arg ASSEMBLY=Observability.Api -t observability-kit/api:dev .
#
#   PROJECT      the csproj to publish, repository-relative (required)
#   ASSEMBLY     its assembly name, the dll the entrypoint runs, without .dll (required)
#   PORT         the HTTP port the service listens on and the health check probes (default 8080)
#   HEALTH_PATH  the path the health check probes; empty for a one-shot tool (default /alive)

# Restore inputs: only the project and MSBuild files of the source folders. Any source edit re-runs this stage,
# but its output is the same files, so the restore layer below stays cached until a project file changes, and a
# new project needs no edit here.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS restore-inputs
WORKDIR /repo
COPY src/ src/
COPY simulators/ simulators/
RUN find . -type f ! -name '*.csproj' ! -name 'Directory.Build.props' ! -name 'Directory.Build.targets' -delete \
 && find . -type d -empty -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
ARG ASSEMBLY
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY --from=restore-inputs /repo/ ./
RUN test -n "$PROJECT" && test -n "$ASSEMBLY" || { echo "set --build-arg PROJECT=<csproj> and ASSEMBLY=<name>" >&2; exit 1; }
RUN dotnet restore "$PROJECT"
COPY src/ src/
COPY simulators/ simulators/
# The check after publish fails the build when ASSEMBLY is not what the project produces.
RUN dotnet publish "$PROJECT" -c Release --no-restore -p:UseAppHost=false -o /app \
 && { test -f "/app/$ASSEMBLY.dll" || { echo "$PROJECT does not publish $ASSEMBLY.dll" >&2; exit 1; }; }

# Alpine runtime: small, and its busybox wget serves the health check (the kit runs with invariant globalization).
# The tool image uses it too (one base image to pull), though it needs only the .NET runtime.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-alpine AS runtime
ARG ASSEMBLY
ARG PORT=8080
ARG HEALTH_PATH=/alive
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=$PORT \
    DOTNET_gcServer=0 \
    KIT_ASSEMBLY=$ASSEMBLY \
    KIT_PORT=$PORT \
    KIT_HEALTH_PATH=$HEALTH_PATH
COPY --from=build /app ./
USER $APP_UID
EXPOSE $PORT
# An empty HEALTH_PATH (the one-shot CLI) has nothing to probe and always reports healthy.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=6 \
  CMD [ -z "$KIT_HEALTH_PATH" ] || wget -q -O /dev/null "http://127.0.0.1:$KIT_PORT$KIT_HEALTH_PATH" || exit 1
# exec: dotnet becomes PID 1 and receives docker's SIGTERM; compose `command:` arguments arrive as "$@".
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"$KIT_ASSEMBLY.dll\" \"$@\"", "--"]
