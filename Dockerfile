# OSCB Plan Bot: build with dev dependencies, run with production dependencies and the compiled dist/.
#   docker build -t oscb-plan-bot .
#   docker run --rm -p 3978:3978 --env-file .env oscb-plan-bot
# (.env must set BOT_ID and storage: without BOT_ID the bot is in local mode and listens on loopback only,
# so the mapped port answers nothing even though the health check passes.)
# test/deploy/dockerfile.test.ts runs the runtime stage's steps without a Docker daemon; keep its RUN
# steps to the ones it knows (it names any other).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY app ./app
COPY bot ./bot
COPY cards ./cards
COPY documents ./documents
COPY domain ./domain
COPY plan ./plan
COPY storage ./storage
COPY views ./views
COPY workers ./workers
COPY scripts ./scripts
COPY test ./test
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
ENV PORT=3978
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: the package's prepare step builds with TypeScript, which a production install lacks.
RUN npm ci --omit=dev --ignore-scripts
COPY --from=build /app/dist/.build-stamp ./dist/.build-stamp
COPY --from=build /app/dist/app ./dist/app
COPY --from=build /app/dist/bot ./dist/bot
COPY --from=build /app/dist/cards ./dist/cards
COPY --from=build /app/dist/documents ./dist/documents
COPY --from=build /app/dist/domain ./dist/domain
COPY --from=build /app/dist/plan ./dist/plan
COPY --from=build /app/dist/storage ./dist/storage
COPY --from=build /app/dist/views ./dist/views
COPY --from=build /app/dist/workers ./dist/workers
COPY --from=build /app/dist/scripts ./dist/scripts
COPY scripts/build ./scripts/build
COPY plan ./plan
# Only for LOCAL_STORAGE=embedded (a trial without Azure): the one place the app may write.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, no shell: node is PID 1 and receives SIGTERM itself; the bot stops taking new turns,
# lets in-flight turns finish and exits. Nothing here spawns children, so no init process is needed.
STOPSIGNAL SIGTERM
CMD ["node", "dist/bot/main.js"]
