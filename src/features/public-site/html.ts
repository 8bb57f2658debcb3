// The public pages as HTML (html.ts, not views.ts: views.ts files are Block Kit, checked by the view catalog):
// server-rendered, semantic, one small inline stylesheet, no script. Pure: data in, a document out; all data escaped.
import type { GroupKind } from '../../generated/prisma/enums.js';
import { andList } from '../../lib/slack/people.js';
import { formatDate, formatTimeSpan, formatWeekday } from '../../lib/time.js';
import { GROUP_KINDS } from '../directory/kinds.js';
import { IGWEEK_ZONE, IGWEEK_ZONE_NAME } from '../igweek/rules.js';
import { KIND_PARAMS } from './rules.js';
import type { PublicGroup, PublicProgram, PublicSession } from './service.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text safe inside elements and double-quoted attributes (the only kind these pages write). */
export function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

/** Only http(s) links are made links; anything else (javascript:…) is not. */
function safeUrl(url: string | null): string | undefined {
  return url && /^https?:\/\//i.test(url.trim()) ? url.trim() : undefined;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid #ccc}
header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1.5rem;margin:0;padding:.75rem 0}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem}
h1{font-size:1.9rem;margin:1.25rem 0 .5rem}
h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
.meta{color:#4a4a4a;margin:.25rem 0}
form.search{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:1rem 0;padding:1rem;background:#f3f5f8;border-radius:.5rem}
form.search label{display:block;font-weight:600}
form.search input,form.search select,form.search button{font:inherit;padding:.4rem .6rem;border:1px solid #6b6b6b;border-radius:.25rem}
form.search button{background:#0b4f8a;color:#fff;border-color:#0b4f8a;cursor:pointer}
ul.groups{list-style:none;padding:0}
ul.groups li{border-top:1px solid #ddd;padding:.5rem 0}
ul.groups h2{margin:.25rem 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid #ddd}
code{background:#f3f5f8;padding:.1rem .3rem;border-radius:.2rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{color:#4a4a4a;font-size:.9rem;border-top:1px solid #ccc;margin-top:2rem;padding-top:.75rem;padding-bottom:1.5rem}
`;

function layout(title: string, igWeekYear: number, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<a class="skip" href="#main">Skip to content</a>
<nav aria-label="Site"><ul><li><a href="/groups">Interest groups</a></li><li><a href="/igweek/${igWeekYear}">IG Week ${igWeekYear}</a></li></ul></nav>
</header>
<main id="main">
${body}
</main>
<footer><p>Interest groups of the association. Members join and take part in Slack.</p></footer>
</body>
</html>
`;
}

function paragraphs(text: string): string {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts.map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`).join('\n') : '<p>No description yet.</p>';
}

function metaLine(g: PublicGroup): string {
  return [g.kindLabel, g.level ? `${g.level} level` : null].filter(Boolean).map((t) => esc(t!)).join(' · ');
}

function sessionTime(s: { startsAt: Date; endsAt: Date }): string {
  return `${formatTimeSpan(s.startsAt, s.endsAt, IGWEEK_ZONE)} ${IGWEEK_ZONE_NAME}`;
}

function registration(url: string | null, title: string): string {
  const href = safeUrl(url);
  return href ? `<a href="${esc(href)}">Register<span class="visually-hidden"> for ${esc(title)}</span></a>` : 'Registration link to come';
}

// ---------------------------------------------------------------------------
// /groups

export function directoryPage(d: { query: string; kind?: GroupKind; groups: PublicGroup[]; igWeekYear: number }): string {
  const kinds = (Object.keys(GROUP_KINDS) as GroupKind[])
    .map((k) => `<option value="${KIND_PARAMS[k]}"${d.kind === k ? ' selected' : ''}>${esc(GROUP_KINDS[k].plural)}</option>`)
    .join('');
  const filtered = d.query || d.kind;
  const count = `${d.groups.length} ${d.groups.length === 1 ? 'group' : 'groups'}${filtered ? ' found' : ''}`;
  const items = d.groups
    .map(
      (g) => `<li>
<h2><a href="/groups/${esc(g.slug)}">${esc(g.name)}</a></h2>
<p class="meta">${metaLine(g)}</p>
${g.purpose ? `<p>${esc(firstSentences(g.purpose))}</p>` : ''}
</li>`,
    )
    .join('\n');
  const body = `<h1>Interest groups</h1>
<p>Every active group of the association: what it is for, who convenes it and how to join.</p>
<form class="search" method="get" action="/groups" role="search" aria-label="Groups">
<div><label for="q">Words in the name or purpose</label><input id="q" name="q" type="search" value="${esc(d.query)}"></div>
<div><label for="kind">Kind</label><select id="kind" name="kind"><option value="">All kinds</option>${kinds}</select></div>
<div><button type="submit">Search</button></div>
</form>
<p id="count">${count}${filtered ? ` · <a href="/groups">Show all groups</a>` : ''}</p>
${d.groups.length ? `<ul class="groups">\n${items}\n</ul>` : '<p>No group matches. Try fewer words.</p>'}
<p>For the association's website: <a href="/groups.json">the directory as JSON</a>.</p>`;
  return layout(d.query ? `Interest groups matching “${d.query}”` : 'Interest groups', d.igWeekYear, body);
}

/** The first 300 characters of a purpose, cut at a word. */
function firstSentences(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 300) return flat;
  return `${flat.slice(0, 300).replace(/\s+\S*$/, '')}…`;
}

// ---------------------------------------------------------------------------
// /groups/<slug>

function sessionBlock(s: PublicSession | null): string {
  if (!s) return '';
  const title = s.title ?? 'Title to come';
  return `<section aria-labelledby="igweek">
<h2 id="igweek">IG Week ${s.year}</h2>
<p><strong>${esc(title)}</strong><br>${esc(sessionTime(s))}</p>
<p>${registration(s.registrationUrl, title)} · <a href="/igweek/${s.year}">The whole program</a></p>
</section>`;
}

export function groupPage(g: PublicGroup, igWeekYear: number): string {
  const conveners = g.conveners.length ? esc(andList(g.conveners)) : 'To be announced';
  const meetings = g.nextMeetings.length
    ? `<ul>${g.nextMeetings.map((m) => `<li>${esc(formatDate(m.date))} (${esc(m.format.toLowerCase())})</li>`).join('')}</ul>`
    : '';
  const body = `<h1>${esc(g.name)}</h1>
<p class="meta">${metaLine(g)}</p>
<section aria-labelledby="purpose">
<h2 id="purpose">Purpose</h2>
${paragraphs(g.purpose)}
</section>
<section aria-labelledby="people">
<h2 id="people">People</h2>
<dl>
<dt>${g.conveners.length === 1 ? 'Convener' : 'Conveners'}</dt><dd>${conveners}</dd>
<dt>Staff liaison</dt><dd>${g.staffLiaison ? esc(g.staffLiaison) : 'To be announced'}</dd>
</dl>
</section>
<section aria-labelledby="join">
<h2 id="join">How to join</h2>
<p>${esc(g.join.eligibility)}</p>
<p>In Slack, type <code>${esc(g.join.command)}</code>.</p>
</section>
${meetings ? `<section aria-labelledby="meetings">\n<h2 id="meetings">Next business meetings</h2>\n${meetings}\n</section>` : ''}
${sessionBlock(g.igWeekSession)}
<p><a href="/groups">All interest groups</a></p>`;
  return layout(g.name, igWeekYear, body);
}

// ---------------------------------------------------------------------------
// /igweek/<year>

export function programPage(p: PublicProgram, igWeekYear: number): string {
  const any = p.days.some((d) => d.sessions.length);
  const days = p.days
    .map((d, i) => {
      const rows = d.sessions
        .map((s) => {
          const title = s.title ?? 'Title to come';
          const time = formatTimeSpan(s.startsAt, s.endsAt, IGWEEK_ZONE).split(' · ')[1] ?? '';
          return `<tr><td>${esc(time)}</td><td><a href="/groups/${esc(s.slug)}">${esc(s.group)}</a></td><td>${esc(title)}</td><td>${registration(s.registrationUrl, title)}</td></tr>`;
        })
        .join('\n');
      const table = rows
        ? `<table>
<thead><tr><th scope="col">Time (${IGWEEK_ZONE_NAME})</th><th scope="col">Group</th><th scope="col">Session</th><th scope="col">Registration</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
        : '<p>No sessions this day.</p>';
      return `<section aria-labelledby="day-${i + 1}">\n<h2 id="day-${i + 1}">${esc(formatWeekday(d.day))}</h2>\n${table}\n</section>`;
    })
    .join('\n');
  const first = p.days[0]?.day;
  const last = p.days.at(-1)?.day;
  const span = first && last ? `${formatWeekday(first)} to ${formatWeekday(last)}, ${p.year}` : String(p.year);
  const body = `<h1>IG Week ${p.year}</h1>
<p>${esc(span)}. One-hour sessions on Zoom, free to attend with registration. Times are ${IGWEEK_ZONE_NAME} time.</p>
${any ? `<p><a href="/igweek/${p.year}.ics">Add the program to your calendar (iCalendar)</a></p>\n${days}` : '<p>The program has no sessions yet.</p>'}`;
  return layout(`IG Week ${p.year}`, igWeekYear, body);
}

// ---------------------------------------------------------------------------
// Not found

export function notFoundPage(igWeekYear: number): string {
  return layout('Page not found', igWeekYear, `<h1>Page not found</h1>
<p>There is no such page. The group may have been renamed or dissolved.</p>
<p><a href="/groups">All interest groups</a></p>`);
}
