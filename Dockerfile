# Convene's production image: the compiled app (npm run build) on plain node.
# Build: docker build -t convene .   Run with PostgreSQL: docker compose up (compose.yaml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# npm ci's postinstall generates the Prisma client from prisma/schema.prisma (scripts/prisma-generate.mjs).
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Migrations are applied at start-up from prisma/migrations.
COPY --from=build /app/prisma ./prisma
RUN mkdir -p /data && chown node:node /data
USER node
# The embedded database (when DATABASE_URL is not set) lives here.
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Node as PID 1 gets SIGTERM from `docker stop` and shuts down gracefully (README, "Operations").
CMD ["node", "--liftoff-only", "--max-semi-space-size=2", "dist/main.js"]
