// The public site's HTTP side: routing, caching (Cache-Control, ETag, 304), and where it is
// served: beside Slack's endpoint on the app's port (Bolt custom routes), or on its own
// PUBLIC_SITE_PORT when that is set (the only way in Socket Mode, which has no HTTP server).
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { CustomRoute, Logger } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/time.js';
import { programIcs } from '../igweek/export.js';
import { comingYearAt, parseYear } from '../igweek/service.js';
import { CACHE_CONTROL, NOT_FOUND_CACHE_CONTROL, etagOf, kindFromParam, matchesEtag } from './rules.js';
import * as service from './service.js';
import * as views from './html.js';

interface Reply {
  status: number;
  type?: string;
  body?: string;
  headers?: Record<string, string>;
}

const HTML = 'text/html; charset=utf-8';

/** Answers one request to the site: the page, or undefined when the path isn't the site's. */
export async function answer(deps: service.SiteDeps, method: string, url: URL): Promise<Reply | undefined> {
  const path = url.pathname.replace(/(.)\/+$/, '$1');
  const notFound = async (): Promise<Reply> => ({
    status: 404,
    type: HTML,
    body: views.notFoundPage(await comingYearAt(deps.prisma, deps.clock())),
    headers: { 'cache-control': NOT_FOUND_CACHE_CONTROL },
  });
  if (path === '/groups' || path === '/groups.json' || path.startsWith('/groups/') || path === '/igweek' || path.startsWith('/igweek/')) {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, type: 'text/plain; charset=utf-8', body: 'Method not allowed\n', headers: { allow: 'GET, HEAD' } };
  } else return undefined;

  if (path === '/groups') {
    const kind = kindFromParam(url.searchParams.get('kind'));
    return { status: 200, type: HTML, body: views.directoryPage(await service.directory(deps, { q: url.searchParams.get('q') ?? '', kind })) };
  }
  if (path === '/groups.json') {
    return { status: 200, type: 'application/json; charset=utf-8', body: `${JSON.stringify(await service.groupsJson(deps), null, 2)}\n` };
  }
  if (path === '/igweek') {
    return { status: 302, headers: { location: `/igweek/${await comingYearAt(deps.prisma, deps.clock())}`, 'cache-control': NOT_FOUND_CACHE_CONTROL } };
  }
  const groupSlug = path.match(/^\/groups\/([^/]+)$/)?.[1];
  if (groupSlug !== undefined) {
    const page = await service.groupPage(deps, decodeURIComponent(groupSlug));
    if (page.kind === 'missing') return notFound();
    if (page.kind === 'moved') return { status: 301, headers: { location: `/groups/${page.slug}`, 'cache-control': CACHE_CONTROL } };
    return { status: 200, type: HTML, body: views.groupPage(page.group, page.igWeekYear) };
  }
  const week = path.match(/^\/igweek\/(\d{4})(\.ics)?$/);
  const year = week ? parseYear(week[1]!) : undefined;
  if (!week || year === undefined) return notFound();
  const program = await service.igWeekProgram(deps, year);
  if (week[2]) {
    return {
      status: 200,
      type: 'text/calendar; charset=utf-8',
      body: programIcs(program.data, program.changedAt),
      headers: { 'content-disposition': `inline; filename="igweek-${year}.ics"` },
    };
  }
  return { status: 200, type: HTML, body: views.programPage(program, await comingYearAt(deps.prisma, deps.clock())) };
}

/** Writes a reply with its cache headers; a 200 whose ETag the client already has becomes a 304. */
function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'x-content-type-options': 'nosniff', 'cache-control': CACHE_CONTROL, ...reply.headers };
  if (reply.body !== undefined && reply.status === 200) {
    const etag = etagOf(reply.body);
    headers.etag = etag;
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  if (reply.type) headers['content-type'] = reply.type;
  if (reply.body !== undefined) headers['content-length'] = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, headers);
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

export interface SiteOptions {
  prisma: PrismaClient;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** The interface PUBLIC_SITE_PORT listens on (the local workspace keeps to 127.0.0.1); unset: all. */
  host?: string;
}

export function handler(o: SiteOptions) {
  const deps: service.SiteDeps = { prisma: o.prisma, clock: o.clock, orgTimezone: o.config.orgTimezone };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    answer(deps, (req.method ?? 'GET').toUpperCase(), url)
      .then((reply) => send(req, res, reply ?? { status: 404, type: 'text/plain; charset=utf-8', body: 'Not found\n', headers: { 'cache-control': NOT_FOUND_CACHE_CONTROL } }))
      .catch((error: unknown) => {
        o.logger.error(`Public site: ${req.method} ${url.pathname} failed`, error);
        if (!res.headersSent) send(req, res, { status: 500, type: 'text/plain; charset=utf-8', body: 'Something went wrong.\n', headers: { 'cache-control': 'no-store' } });
        else res.end();
      });
  };
}

export interface PublicSite {
  /** Bolt custom routes: the site on the app's own port (none when it has a port of its own). */
  routes: CustomRoute[];
  /** Starts the site's own server when PUBLIC_SITE_PORT is set; the port it bound. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
  /** Where the site is served once started: its own port, or undefined (the app's port, or nowhere in Socket Mode). */
  readonly port: number | undefined;
}

const PATHS = ['/groups', '/groups.json', '/groups/:slug', '/igweek', '/igweek/:year'];

/** The public site for the app: mounted on the app's port, or on PUBLIC_SITE_PORT. */
export function mount(o: SiteOptions): PublicSite {
  const handle = handler(o);
  const own = o.config.publicSitePort;
  let server: Server | undefined;
  let bound: number | undefined;
  return {
    routes: own === undefined ? PATHS.map((path) => ({ path, method: ['GET', 'HEAD'], handler: handle })) : [],
    get port() {
      return bound;
    },
    async start() {
      if (own === undefined) return undefined;
      server = createServer(handle);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(own, o.host, () => resolve());
      });
      bound = (server.address() as { port: number }).port;
      return bound;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
