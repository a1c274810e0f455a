# Multi-stage build of the web app. The data folder (SQLite database, uploads, local indexes) is a volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY AgentProvision.Core/AgentProvision.Core.csproj AgentProvision.Core/
COPY AgentProvision.Infrastructure/AgentProvision.Infrastructure.csproj AgentProvision.Infrastructure/
COPY AgentProvision.Web/AgentProvision.Web.csproj AgentProvision.Web/
RUN dotnet restore AgentProvision.Web/AgentProvision.Web.csproj
COPY AgentProvision.Core/ AgentProvision.Core/
COPY AgentProvision.Infrastructure/ AgentProvision.Infrastructure/
COPY AgentProvision.Web/ AgentProvision.Web/
RUN dotnet publish AgentProvision.Web/AgentProvision.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown -R $APP_UID /app/data
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataPath=/app/data
VOLUME ["/app/data"]
# Orchestrators probe /health/live (process) and /health/ready (database, and Redis when configured).
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "AgentProvision.Web.dll"]
