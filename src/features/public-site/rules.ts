// The public site's rules: slugs, kind names in URLs, how to join, caching. Pure, no I/O.
import { createHash } from 'node:crypto';
import type { Eligibility, GroupKind, GroupLevel } from '../../generated/prisma/enums.js';
import { ELIGIBILITY_LABELS, groupKey } from '../directory/rules.js';

/**
 * The group's address: its name in lower case, words joined by hyphens ("Data & Measurement" →
 * "data-and-measurement"). Without its hyphens a slug is the group's unique key (groupKey), so
 * two groups never share one and a slug finds its group by key.
 */
export function groupSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The key a slug stands for (groupKey of the name); undefined for text no slug looks like. */
export function keyOfSlug(slug: string): string | undefined {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return undefined;
  return groupKey(slug);
}

/** Kinds as written in URLs and JSON. */
export const KIND_PARAMS: Record<GroupKind, string> = { CORE_IG: 'core-ig', PLA_IG: 'pla-ig', MIG: 'mig' };

export function kindFromParam(param: string | null | undefined): GroupKind | undefined {
  const wanted = (param ?? '').trim().toLowerCase();
  return (Object.keys(KIND_PARAMS) as GroupKind[]).find((k) => KIND_PARAMS[k] === wanted);
}

export const LEVEL_LABELS: Record<GroupLevel, string> = { DIVISION: 'Division', SECTION: 'Section' };

/** How to join a group: the Slack command and who may. */
export function howToJoin(groupName: string, eligibility: Eligibility): { command: string; eligibility: string } {
  const who: Record<Eligibility, string> = {
    ANYONE: `${ELIGIBILITY_LABELS.ANYONE}: anyone in the association's Slack workspace may join.`,
    PLA_MEMBERS: `Open to ${ELIGIBILITY_LABELS.PLA_MEMBERS}, as the association's membership roster shows them.`,
    ALA_MEMBERS: `Open to ${ELIGIBILITY_LABELS.ALA_MEMBERS}, as the association's membership roster shows them.`,
  };
  return { command: `/ig join ${groupName}`, eligibility: who[eligibility] };
}

/** How long browsers and proxies may keep a page. */
export const CACHE_CONTROL = 'public, max-age=300';
/** Not-found pages are kept briefly: a group created a minute later should appear soon. */
export const NOT_FOUND_CACHE_CONTROL = 'public, max-age=60';

/** A strong ETag of a body: the same content always gets the same tag. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Does an If-None-Match header name this tag (or `*`)? Weak tags compare by their opaque part. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
