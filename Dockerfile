# Production image: the API serving the built web app on one port. PostgreSQL comes from outside
# (DATABASE_URL); see docker-compose.yml. Node 24 comes from the base image here.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false npx nx run-many -t build -p api web --output-style=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
# The API's JavaScript heap is capped (as `npm start` and the benchmark run it): V8 otherwise grows it freely on a big
# host, and the API's RSS under load passed 550 MB with a live set of about 100 MB (docs/performance.md). glibc's mmap
# threshold is fixed: with the default (dynamic) one, argon2's 19 MiB block per password hash stays in malloc's arenas
# once freed, about 170 MB of RSS after a few logins.
ENV NODE_ENV=production PORT=3000 NODE_OPTIONS=--max-old-space-size=256 MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
# The API and the web app it serves; not dist/apps/web-bundle (the web build before compile hints are added).
COPY --from=build /app/dist/apps/api ./dist/apps/api
COPY --from=build /app/dist/apps/web ./dist/apps/web
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
