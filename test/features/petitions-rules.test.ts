// Pure petition rules with fixed instants (the suite runs in Pacific/Kiritimati on purpose).
import { describe, expect, it } from 'vitest';
import {
  channelName,
  feedbackDateProblem,
  findDuplicates,
  leaderProblem,
  maySign,
  milestoneCount,
  namesAreSimilar,
  petitionDates,
  progressLine,
  purposeOverlap,
  transitionOverdue,
  warningAt,
} from '../../src/features/petitions/rules.js';
import { SEED_GROUPS } from '../../src/features/roster/seed-groups.js';

const ZONE = 'America/Chicago';
const good = { ala: true, core: true, pla: false, standing: 'GOOD' as const };

describe('petition dates', () => {
  it('opens at 9:00 Chicago the morning after the feedback period and expires at the end of the 120th day', () => {
    const d = petitionDates('CORE_IG', new Date('2027-06-10T15:00:00Z'), '2027-06-23', ZONE);
    expect(d.opensAt.toISOString()).toBe('2027-06-24T14:00:00.000Z'); // 09:00 CDT
    expect(d.expiresAt.toISOString()).toBe('2027-10-23T04:59:59.000Z'); // Oct 22 23:59:59 CDT
  });

  it('opens at once without a feedback period; expiry keeps Chicago wall-clock time across DST', () => {
    const now = new Date('2026-11-25T16:00:00Z');
    const d = petitionDates('MIG', now, null, ZONE);
    expect(d.opensAt).toEqual(now);
    expect(d.expiresAt.toISOString()).toBe('2027-03-26T04:59:59.000Z'); // Mar 25 23:59:59 CDT (DST began Mar 14)
  });

  it('warns at 9:00 Chicago 14 and 3 days before the expiry day', () => {
    const expiresAt = new Date('2027-03-26T04:59:59Z');
    expect(warningAt(expiresAt, 14, ZONE).toISOString()).toBe('2027-03-11T15:00:00.000Z'); // 09:00 CST
    expect(warningAt(expiresAt, 3, ZONE).toISOString()).toBe('2027-03-22T14:00:00.000Z'); // 09:00 CDT
  });

  it('judges a feedback date in the org zone, not the server zone', () => {
    // 21:00 on Nov 24 in Chicago is already Nov 25 in UTC and in Kiritimati.
    const now = new Date('2026-11-25T03:00:00Z');
    expect(feedbackDateProblem('2026-11-24', now, ZONE)).toBeUndefined();
    expect(feedbackDateProblem('2026-11-23', now, ZONE)).toMatch(/in the past/);
    expect(feedbackDateProblem('2027-03-01', now, ZONE)).toMatch(/under 90 days/);
  });
});

describe('thresholds and people', () => {
  it('computes milestone counts and progress lines', () => {
    expect([milestoneCount(10, 50), milestoneCount(10, 90), milestoneCount(100, 90), milestoneCount(7, 50)]).toEqual([5, 9, 90, 4]);
    expect(progressLine(7, 10)).toBe('7 of 10 signatures');
    expect(progressLine(12, 10)).toBe('12 signatures (10 needed)');
  });

  it('lets anyone sign for a Core interest group, only ALA members in good standing for a MIG', () => {
    expect(maySign('CORE_IG', null)).toEqual({ allowed: true });
    expect(maySign('MIG', good)).toEqual({ allowed: true });
    expect(maySign('MIG', null)).toMatchObject({ allowed: false, reason: expect.stringMatching(/not on the membership roster/) });
    expect(maySign('MIG', { ...good, ala: false })).toMatchObject({ allowed: false, reason: expect.stringMatching(/ALA membership in good standing/) });
    expect(maySign('MIG', { ...good, standing: 'LAPSED' })).toMatchObject({ allowed: false, reason: expect.stringMatching(/lapsed/) });
  });

  it('requires conveners to be Core members and MIG organizers ALA members, in good standing', () => {
    expect(leaderProblem('CORE_IG', 'Cora', good)).toBeUndefined();
    expect(leaderProblem('CORE_IG', 'Pat', { ...good, core: false })).toMatch(/Pat is not a Core member/);
    expect(leaderProblem('CORE_IG', 'Lee', { ...good, standing: 'LAPSED' })).toMatch(/Lee is not a Core member in good standing/);
    expect(leaderProblem('MIG', 'Nobody', null)).toMatch(/organizers must be ALA members/);
  });
});

describe('duplicate check', () => {
  const candidates = SEED_GROUPS.map((g, id) => ({ type: 'group' as const, id, name: g.name, text: g.description, label: 'group' }));

  it('calls names similar when they normalise the same, share most words, or one contains the other', () => {
    expect(namesAreSimilar('Data & Measurement', 'Data and Measurement')).toBe(true);
    expect(namesAreSimilar('Consumer Health', 'Health')).toBe(true);
    expect(namesAreSimilar('Comics and Graphic Novels', 'Graphic Novels & Comics in Libraries')).toBe(true);
    expect(namesAreSimilar('Library Makerspaces', 'LibraryLab / Library Boing Boing')).toBe(false);
    expect(namesAreSimilar('Open Data', 'Data and Measurement')).toBe(false);
  });

  it('finds overlapping purposes by shared topic words, ignoring the words every statement uses', () => {
    const shared = purposeOverlap(
      'Fostering an improved climate for diversity and inclusion in libraries, raising issues of concern with diverse populations.',
      SEED_GROUPS.find((g) => g.name.startsWith('Diversity'))!.description,
    );
    expect(shared).toEqual(expect.arrayContaining(['climate', 'diversity', 'improved']));
    expect(shared).not.toContain('library');
    expect(purposeOverlap('A group for librarians who share ideas with members.', 'Librarians share ideas; open to all members of the association.')).toEqual([]);
  });

  it('ranks name matches first and says why; an unrelated proposal matches nothing', () => {
    const comics = findDuplicates(
      { name: 'Comics and Graphic Novels', purpose: 'A home for librarians who collect comic books and graphic novels, for collection development and programming.' },
      candidates,
    );
    expect(comics[0]).toMatchObject({ candidate: { name: 'Graphic Novels & Comics in Libraries' }, similarName: true });
    expect(comics[0]!.sharedWords).toEqual(expect.arrayContaining(['comic', 'graphic', 'novel']));
    const civic = findDuplicates({ name: 'Civic Dialogue', purpose: 'Library-led community engagement: facilitating public forums and deliberative dialogue with local partnerships.' }, candidates);
    expect(civic.map((m) => [m.candidate.name, m.similarName])).toEqual([['Libraries Foster Community Engagement', false]]);
    expect(findDuplicates({ name: 'Rare Maps Cataloging', purpose: 'Catalogers of historical maps and atlases discussing metadata standards and digitization.' }, candidates)).toEqual([]);
  });
});

describe('channel names', () => {
  it('lower-cases, hyphenates, drops accents and symbols', () => {
    expect(channelName('Graphic Novels & Comics in Libraries')).toBe('graphic-novels-and-comics-in-libraries');
    expect(channelName('Bibliothèques  Numériques!!')).toBe('bibliotheques-numeriques');
    expect(channelName('<!channel> @here')).toBe('channel-here');
    expect(channelName('***')).toBe('new-group');
  });

  it('keeps to 80 characters, suffix included', () => {
    const long = 'Interest Group on '.repeat(10);
    expect(channelName(long).length).toBeLessThanOrEqual(80);
    const third = channelName(long, 3);
    expect(third.length).toBeLessThanOrEqual(80);
    expect(third).toMatch(/^[a-z0-9_-]+-3$/);
    expect(channelName('Metadata Wranglers', 2)).toBe('metadata-wranglers-2');
  });
});

describe('transitionOverdue', () => {
  const at = (iso: string) => new Date(iso);
  const p = { opensAt: at('2027-03-01T15:00:00Z'), expiresAt: at('2027-05-01T15:00:00Z') };
  it('is due for a petition in feedback once it should have opened, and one collecting once it should have expired', () => {
    expect(transitionOverdue({ ...p, status: 'IN_REVIEW' }, at('2027-03-01T14:59:59Z'))).toBe(false);
    expect(transitionOverdue({ ...p, status: 'IN_REVIEW' }, at('2027-03-01T15:00:00Z'))).toBe(true);
    expect(transitionOverdue({ ...p, status: 'COLLECTING' }, at('2027-04-30T15:00:00Z'))).toBe(false);
    expect(transitionOverdue({ ...p, status: 'COLLECTING' }, at('2027-05-01T15:00:00Z'))).toBe(true);
    expect(transitionOverdue({ ...p, status: 'AWAITING_APPROVAL' }, at('2027-06-01T00:00:00Z'))).toBe(false);
  });
});
