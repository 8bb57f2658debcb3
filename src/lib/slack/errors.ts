// Errors a user caused and should read (shown as an ephemeral reply), as opposed to faults.
import type { z } from 'zod';

/** A refusal or problem the user can act on; its message is shown to them as is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Field-level errors for a modal, keyed by block_id (Slack's `response_action: "errors"`). */
export class FieldErrors extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors).join('; '));
    this.name = 'FieldErrors';
  }
}

/** Turns a zod error into modal errors, using each issue's first path element as the block_id. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return new FieldErrors(errors);
}

export interface ErrorLogger {
  error(...msg: unknown[]): void;
}

/** What the user sees when a command or action fails: their own mistake verbatim, a fault in general terms. */
export function errorReply(error: unknown, logger: ErrorLogger): { text: string } {
  if (error instanceof UserError) return { text: error.message };
  if (error instanceof FieldErrors) return { text: error.message };
  logger.error(error);
  return { text: ':x: Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, tell staff (details are in the app log).' };
}
