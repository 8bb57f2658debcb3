// The public pages over real HTTP, on the app's own port (and on PUBLIC_SITE_PORT): the directory
// and its search, a group's page, the IG Week program and its iCalendar file, /groups.json, 404s,
// caching, and no email, member or Slack id on any of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Harness, startHarness } from '../support/harness.js';
import { AI, AI_SLUG, PRIVATE, REGISTRATION, seedPublicData } from './public-site-support.js';

let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-25T16:00:00Z' });
  base = `http://127.0.0.1:${h.port}`;
  await seedPublicData(h);
});
afterAll(() => h?.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  return { res, body: await res.text() };
}

/** The group names listed on a directory page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<h2><a href="\/groups\/[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('GET /groups', () => {
  it('lists the active groups by name, dissolved ones gone, as a page that needs no script', async () => {
    const { res, body } = await get('/groups');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(listed(body)).toEqual([AI, 'Public Library Technology', 'Rural Libraries']);
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<form class="search" method="get" action="/groups"');
    expect(body).not.toMatch(/<script|<link /);
    expect(body).toContain('3 groups');
  });

  it('searches like /ig list (every word must match, name or purpose) and filters by kind', async () => {
    expect(listed((await get('/groups?q=machine+libraries')).body)).toEqual([AI]);
    expect(listed((await get('/groups?q=LIBRARIES')).body)).toEqual([AI, 'Public Library Technology', 'Rural Libraries']);
    expect(listed((await get('/groups?q=libraries+rural')).body)).toEqual(['Rural Libraries']);
    expect(listed((await get('/groups?kind=pla-ig')).body)).toEqual(['Public Library Technology']);
    expect(listed((await get('/groups?kind=core-ig')).body)).toEqual([AI]);
    const none = await get('/groups?kind=mig&q=machine');
    expect(listed(none.body)).toEqual([]);
    expect(none.body).toContain('No group matches');
    expect(none.body).toContain('<option value="mig" selected>');
    expect(none.body).toContain('value="machine"');
    // An unknown kind is no filter.
    expect(listed((await get('/groups?kind=bogus')).body)).toHaveLength(3);
  });

  it('escapes what people typed', async () => {
    const { body } = await get(`/groups?q=${encodeURIComponent('"><b>x')}`);
    expect(body).toContain('value="&quot;&gt;&lt;b&gt;x"');
    expect(body).not.toContain('"><b>x');
  });
});

describe('GET /groups/<slug>', () => {
  it("shows the group's purpose, kind, level, conveners and liaison by name, how to join, the next meetings and its IG Week session", async () => {
    const { res, body } = await get(`/groups/${AI_SLUG}`);
    expect(res.status).toBe(200);
    expect(body).toContain('<h1>Artificial Intelligence &amp; Libraries</h1>');
    expect(body).toContain('Core interest group · Division level');
    expect(body).toContain('<p>Explores machine learning in library services.</p>');
    expect(body).toContain('We meet &lt;monthly&gt; &amp; share notes.');
    // Roster names: the Slack-linked convener and the one known only by email.
    expect(body).toContain('<dt>Conveners</dt><dd>Ana María Convener and Bo Email-Only</dd>');
    expect(body).toContain('<dt>Staff liaison</dt><dd>Jane Staff</dd>');
    expect(body).toContain('<code>/ig join Artificial Intelligence &amp; Libraries</code>');
    expect(body).toContain("Open to everyone: anyone in the association's Slack workspace may join.");
    expect(body).toContain('Jan 20, 2027 (virtual)');
    expect(body).not.toContain('Jun 10, 2026');
    expect(body).toContain('IG Week 2027');
    expect(body).toContain('AI in cataloging');
    expect(body).toContain('Mon, Mar 1 · 10:00–11:00 AM Central');
    expect(body).toContain(`<a href="${REGISTRATION}">Register<span class="visually-hidden"> for AI in cataloging</span></a>`);
  });

  it('says who may join a PLA group and a MIG, and that conveners are still to come', async () => {
    const pla = (await get('/groups/public-library-technology')).body;
    expect(pla).toContain('PLA interest group');
    expect(pla).toContain("Open to PLA personal members, as the association's membership roster shows them.");
    expect(pla).toContain('<dt>Conveners</dt><dd>To be announced</dd>');
    expect(pla).not.toContain('IG Week 2027</h2>');
    const mig = (await get('/groups/rural-libraries')).body;
    expect(mig).toContain('Membership initiative group');
    expect(mig).toContain('Open to ALA members in good standing');
  });

  it('answers 404 for a dissolved or unknown group, and sends another spelling of a slug to the real one', async () => {
    for (const path of ['/groups/old-dissolved-group', '/groups/no-such-group', '/groups/..%2Fetc', '/igweek/1999', '/igweek/abcd', '/igweek/2027.csv']) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(body, path).toContain('<h1>Page not found</h1>');
      expect(body, path).not.toContain('Old Dissolved Group');
    }
    const moved = await get('/groups/artificialintelligenceandlibraries');
    expect(moved.res.status).toBe(301);
    expect(moved.res.headers.get('location')).toBe(`/groups/${AI_SLUG}`);
  });

  it('keeps a slug while the name stays, and follows a rename', async () => {
    const g = await h.prisma.group.findFirstOrThrow({ where: { name: 'Rural Libraries' } });
    await h.prisma.group.update({ where: { id: g.id }, data: { name: 'Rural & Small Libraries', key: 'ruralandsmalllibraries' } });
    try {
      expect((await get('/groups/rural-libraries')).res.status).toBe(404);
      expect((await get('/groups/rural-and-small-libraries')).res.status).toBe(200);
    } finally {
      await h.prisma.group.update({ where: { id: g.id }, data: { name: 'Rural Libraries', key: 'rurallibraries' } });
    }
  });
});

describe('GET /igweek/<year> and /igweek/<year>.ics', () => {
  it('shows the program by day in Central time, with each group, title and registration link', async () => {
    const { res, body } = await get('/igweek/2027');
    expect(res.status).toBe(200);
    expect(body).toContain('<h1>IG Week 2027</h1>');
    expect(body).toContain('Monday, March 1 to Friday, March 5, 2027');
    expect(body).toContain('<h2 id="day-1">Monday, March 1</h2>');
    expect(body).toContain(
      `<tr><td>10:00–11:00 AM</td><td><a href="/groups/${AI_SLUG}">Artificial Intelligence &amp; Libraries</a></td><td>AI in cataloging</td><td><a href="${REGISTRATION}">`,
    );
    expect(body).toContain('<th scope="col">Time (Central)</th>');
    expect(body).toContain('<a href="/igweek/2027.ics">');
    expect(body).not.toContain('Should not appear');
    expect(body).not.toContain('Old Dissolved Group');
  });

  it('/igweek sends to the coming year; a year with no sessions says so', async () => {
    const coming = await get('/igweek');
    expect(coming.res.status).toBe(302);
    expect(coming.res.headers.get('location')).toBe('/igweek/2027');
    const empty = await get('/igweek/2031');
    expect(empty.res.status).toBe(200);
    expect(empty.body).toContain('The program has no sessions yet.');
    // Reading a year writes nothing.
    expect(await h.prisma.igWeek.count({ where: { year: 2031 } })).toBe(0);
  });

  it('serves the program as iCalendar (the IG Week export), without dissolved groups, the same file until it changes', async () => {
    const { res, body } = await get('/igweek/2027.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body).toContain('DTSTART:20270301T160000Z\r\n');
    expect(body).toContain('SUMMARY:Artificial Intelligence & Libraries: AI in cataloging\r\n');
    expect(body).toContain('Speakers: Ana María Convener');
    expect(body).not.toContain('Should not appear');
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const again = await get('/igweek/2027.ics');
    expect(again.body).toBe(body);
    expect(again.res.headers.get('etag')).toBe(res.headers.get('etag'));
  });
});

describe('GET /groups.json', () => {
  it('gives the association\'s website every active group in the documented shape', async () => {
    const { res, body } = await get('/groups.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const json = JSON.parse(body) as { groups: Record<string, unknown>[] };
    expect(json.groups.map((g) => g.name)).toEqual([AI, 'Public Library Technology', 'Rural Libraries']);
    expect(json.groups[0]).toEqual({
      slug: AI_SLUG,
      path: `/groups/${AI_SLUG}`,
      name: AI,
      kind: 'core-ig',
      kindLabel: 'Core interest group',
      level: 'Division',
      purpose: 'Explores machine learning in library services.\n\nWe meet <monthly> & share notes.',
      conveners: ['Ana María Convener', 'Bo Email-Only'],
      staffLiaison: 'Jane Staff',
      howToJoin: { command: `/ig join ${AI}`, eligibility: "Open to everyone: anyone in the association's Slack workspace may join." },
      nextMeetings: [{ date: '2027-01-20', format: 'Virtual' }],
      igWeekSession: { year: 2027, startsAt: '2027-03-01T16:00:00.000Z', endsAt: '2027-03-01T17:00:00.000Z', title: 'AI in cataloging', registrationUrl: REGISTRATION },
    });
    expect(json.groups[1]).toMatchObject({ kind: 'pla-ig', level: null, conveners: [], staffLiaison: null, nextMeetings: [], igWeekSession: null });
  });
});

describe('caching', () => {
  it('every page says public, max-age=300 with an ETag, and answers 304 to If-None-Match until it changes', async () => {
    for (const path of ['/groups', '/groups?q=rural', `/groups/${AI_SLUG}`, '/groups.json', '/igweek/2027', '/igweek/2027.ics']) {
      const first = await get(path);
      expect(first.res.headers.get('cache-control'), path).toBe('public, max-age=300');
      const etag = first.res.headers.get('etag');
      expect(etag, path).toMatch(/^"[\w-]{27}"$/);
      const cached = await get(path, { 'if-none-match': etag! });
      expect(cached.res.status, path).toBe(304);
      expect(cached.body, path).toBe('');
      expect(cached.res.headers.get('etag'), path).toBe(etag);
      expect((await get(path, { 'if-none-match': '"stale", W/' + etag })).res.status, path).toBe(304);
      expect((await get(path, { 'if-none-match': '"stale"' })).res.status, path).toBe(200);
    }
    const before = await get(`/groups/${AI_SLUG}`);
    await h.prisma.group.updateMany({ where: { name: AI }, data: { description: 'A new purpose.' } });
    try {
      const after = await get(`/groups/${AI_SLUG}`, { 'if-none-match': before.res.headers.get('etag')! });
      expect(after.res.status).toBe(200);
      expect(after.body).toContain('A new purpose.');
    } finally {
      await h.prisma.group.updateMany({ where: { name: AI }, data: { description: 'Explores machine learning in library services.\n\nWe meet <monthly> & share notes.' } });
    }
    expect((await get('/groups/no-such-group')).res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('answers HEAD without a body, and refuses to be written to', async () => {
    const head = await fetch(`${base}/groups`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
    expect(await head.text()).toBe('');
    const post = await fetch(`${base}/groups`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(404);
  });
});

describe('no personal data', () => {
  it('no page has an email address, a Slack id, a member or a dissolved group', async () => {
    const paths = ['/groups', '/groups?q=libraries', '/groups?kind=core-ig', '/groups.json', '/igweek/2027', '/igweek/2027.ics', '/groups/no-such-group'];
    const slugs = [...(await get('/groups')).body.matchAll(/href="(\/groups\/[a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(slugs).toHaveLength(3);
    for (const path of [...paths, ...slugs]) {
      const { res, body } = await get(path);
      expect([200, 404], path).toContain(res.status);
      expect(body, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
      expect(body, path).not.toMatch(/\b[UW][A-Z0-9]{6,}\b/);
      for (const secret of [...PRIVATE.emails, ...PRIVATE.ids, ...PRIVATE.memberNames, ...PRIVATE.dissolved]) expect(body, `${path}: ${secret}`).not.toContain(secret);
      expect(body, path).not.toMatch(/member count|members:/i);
    }
  });
});

describe('PUBLIC_SITE_PORT', () => {
  it('serves the pages on their own port, and not beside Slack', async () => {
    const other = await startHarness({ env: { PUBLIC_SITE_PORT: '0' } });
    try {
      await seedPublicData(other);
      const sitePort = other.convene.site.port;
      expect(sitePort).toBeGreaterThan(0);
      expect(sitePort).not.toBe(other.port);
      const page = await fetch(`http://127.0.0.1:${sitePort}/groups/${AI_SLUG}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Ana María Convener and Bo Email-Only');
      expect((await fetch(`http://127.0.0.1:${sitePort}/healthz`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${other.port}/groups`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${other.port}/healthz`)).status).toBe(200);
    } finally {
      await other.close();
    }
    await expect(fetch(`http://127.0.0.1:${other.convene.site.port}/groups`)).rejects.toThrow();
  });

  it('is how Socket Mode serves them (it has no HTTP server of its own)', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_APP_TOKEN: 'xapp-t', SLACK_API_URL: h.fake.url, PUBLIC_SITE_PORT: '0', LOG_LEVEL: 'error' });
    const socket = buildApp({ config, db: h.db, mode: 'socket', clock: h.clock.now });
    expect(socket.site.routes).toEqual([]);
    const port = await socket.site.start();
    try {
      const page = await fetch(`http://127.0.0.1:${port}/groups?kind=core-ig`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(AI.replace('&', '&amp;'));
    } finally {
      await socket.site.stop();
    }
  });
});
