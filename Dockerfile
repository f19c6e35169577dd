# tlsbot serve, one replica. Stateless: every replica shares one PostgreSQL (TLSBOT_DATABASE_URL);
# see docs/scale-out.md and deploy/main.bicep.

# Build: all dependencies, so that whatever `npm ci` runs at install (a compile step) has its tools;
# then the development ones are dropped.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY locales ./locales
COPY cards ./cards
COPY tsconfig.json tsconfig.build.json ./
# `npm ci` runs `prepare`: scripts/build.js compiles src/ into dist/ and makes the empty database template.
# The template's files are created owner-only (0600) by root here; `chmod` lets the runtime user read them
# (it copies them into a new TLSBOT_DATA_DIR).
COPY scripts/build.js ./scripts/build.js
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund && chmod -R a+rX dist

FROM node:20-slim
ENV NODE_ENV=production \
    TLSBOT_HOST=0.0.0.0 \
    PORT=3978 \
    TLSBOT_DATA_DIR=/home/node/.tlsbot
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# The image's own unprivileged user; the application files stay root-owned and read-only to it.
USER node
EXPOSE 3978
# Liveness: the process answers HTTP. Readiness (store reachable, migrations applied) is /readyz,
# which the orchestrator probes (deploy/main.bicep).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/tlsbot.js", "serve"]
