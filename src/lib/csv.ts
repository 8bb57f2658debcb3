// A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and newlines in quotes.

export interface CsvRow {
  /** 1-based line number in the file where the row starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export class CsvError extends Error {}

function parseRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) throw new CsvError(`line ${recordLine}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  // Blank lines carry no data.
  return records.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
}

/** Parses CSV with a header row; header names are trimmed and lower-cased. */
export function parseCsv(text: string, required: string[]): CsvRow[] {
  const [head, ...rest] = parseRecords(text);
  if (!head) throw new CsvError('the file is empty; expected a header row');
  const names = head.fields.map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length) throw new CsvError(`line 1: the header is missing ${missing.map((m) => `"${m}"`).join(', ')} (expected ${required.join(',')})`);
  return rest.map((r) => ({
    line: r.line,
    values: Object.fromEntries(names.map((n, i) => [n, (r.fields[i] ?? '').trim()])),
  }));
}

// ---------------------------------------------------------------------------
// Writing (RFC 4180): CRLF line ends, fields quoted when they hold a comma, quote or line break.

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header row of `columns`, then one line per row (missing values are empty). */
export function csvTable<C extends string>(columns: readonly C[], rows: Partial<Record<C, string>>[]): string {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c] ?? '')).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}
