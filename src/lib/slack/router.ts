// One slash command (`/ig`) shared by several features: each registers its subcommands
// here, so `/ig help` lists them all and a feature never edits another's listener.
import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from './blocks.js';

export interface SubcommandContext {
  userId: string;
  channelId: string;
  /** Text after the subcommand name, trimmed. */
  args: string;
  triggerId: string;
  client: WebClient;
  respond: RespondFn;
}

export interface Subcommand {
  name: string;
  /** e.g. "list [words]" */
  usage: string;
  summary: string;
  /** Hidden from `/ig help` for people who aren't staff. */
  staffOnly?: boolean;
  /** Returns a reply to show the user ephemerally, or nothing when it answered itself (a modal). */
  run(ctx: SubcommandContext): Promise<Reply | void>;
}

export class CommandRouter {
  private readonly subcommands = new Map<string, Subcommand>();

  constructor(readonly command: string) {}

  add(subcommand: Subcommand): void {
    if (this.subcommands.has(subcommand.name)) throw new Error(`${this.command} ${subcommand.name} registered twice`);
    this.subcommands.set(subcommand.name, subcommand);
  }

  find(name: string): Subcommand | undefined {
    return this.subcommands.get(name.toLowerCase());
  }

  list(includeStaff: boolean): Subcommand[] {
    return [...this.subcommands.values()].filter((s) => includeStaff || !s.staffOnly);
  }

  /** Splits "join Data and Measurement" into ["join", "Data and Measurement"]. */
  static split(text: string): { name: string; args: string } {
    const trimmed = text.trim();
    const space = trimmed.search(/\s/);
    if (space === -1) return { name: trimmed.toLowerCase(), args: '' };
    return { name: trimmed.slice(0, space).toLowerCase(), args: trimmed.slice(space + 1).trim() };
  }
}

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
