// The program as files for operators: CSV (RFC 4180) and iCalendar (RFC 5545). Pure builders.
import { csvField } from '../../lib/csv.js';
import { localDate, localTime } from '../../lib/time.js';
import { IGWEEK_ZONE, slotEnd } from './rules.js';
import type { ProgramData } from './service.js';

export const EXPORT_FORMATS = ['csv', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Session = ProgramData['sessions'][number];

const endOf = (s: Session) => slotEnd(s.slot.startsAt);

function speakerNames(p: ProgramData, s: Session): string[] {
  return [...s.speakerUserIds.map(p.nameOf), ...s.outsideSpeakers];
}

// ---------------------------------------------------------------------------
// CSV

const CSV_COLUMNS = [
  'year', 'date', 'start_central', 'end_central', 'start_utc', 'end_utc', 'group', 'title', 'description', 'setup',
  'polls', 'breakout_rooms', 'speakers', 'moderator', 'registration_url', 'practice_session_utc', 'recording_url',
] as const;

const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');

export function programCsv(p: ProgramData): string {
  const rows = p.sessions.map((s) => {
    const end = endOf(s);
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      year: String(p.year),
      date: localDate(s.slot.startsAt, IGWEEK_ZONE),
      start_central: localTime(s.slot.startsAt, IGWEEK_ZONE),
      end_central: localTime(end, IGWEEK_ZONE),
      start_utc: s.slot.startsAt.toISOString(),
      end_utc: end.toISOString(),
      group: s.group.name,
      title: s.title ?? '',
      description: s.description ?? '',
      setup: s.setup?.toLowerCase() ?? '',
      polls: yesNo(s.polls),
      breakout_rooms: yesNo(s.breakoutRooms),
      speakers: speakerNames(p, s).join('; '),
      moderator: s.moderatorUserId ? p.nameOf(s.moderatorUserId) : '',
      registration_url: s.registrationUrl ?? '',
      practice_session_utc: s.practiceAt?.toISOString() ?? '',
      recording_url: s.recordingUrl ?? '',
    };
    return CSV_COLUMNS.map((c) => csvField(values[c])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].map((line) => `${line}\r\n`).join('');
}

// ---------------------------------------------------------------------------
// iCalendar

/** 20270301T160000Z */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded: CRLF then a space, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(p: ProgramData, s: Session, stamp: string): string[] {
  const speakers = speakerNames(p, s);
  const description = [
    s.description ?? '',
    speakers.length ? `Speakers: ${speakers.join(', ')}` : '',
    s.moderatorUserId ? `Moderator: ${p.nameOf(s.moderatorUserId)}` : '',
    s.registrationUrl ? `Register: ${s.registrationUrl}` : 'Registration link to come.',
  ].filter(Boolean);
  return [
    'BEGIN:VEVENT',
    `UID:igweek-${p.year}-session-${s.id}@convene`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${icsUtc(s.slot.startsAt)}`,
    `DTEND:${icsUtc(endOf(s))}`,
    `SUMMARY:${icsText(`${s.group.name}: ${s.title ?? 'Title to come'}`)}`,
    `DESCRIPTION:${icsText(description.join('\n\n'))}`,
    ...(s.registrationUrl ? [`URL:${s.registrationUrl}`] : []),
    'LOCATION:Zoom (registration required)',
    'END:VEVENT',
  ];
}

export function programIcs(p: ProgramData, now: Date): string {
  const stamp = icsUtc(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Convene//IG Week//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`IG Week ${p.year}`)}`,
    ...p.sessions.flatMap((s) => eventLines(p, s, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map((l) => `${foldLine(l)}\r\n`).join('');
}

export function exportProgram(p: ProgramData, format: ExportFormat, now: Date): string {
  return format === 'csv' ? programCsv(p) : programIcs(p, now);
}
