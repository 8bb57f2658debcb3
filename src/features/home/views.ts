import { type Block, type Reply, context, divider, header, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';

export interface HelpLine {
  usage: string;
  summary: string;
}

export interface HelpOptions {
  /** What the command is for, when it isn't `/ig` (each command's help has its own text). */
  intro?: string;
  /** The app's other slash commands, one line each (for `/ig help`). */
  otherCommands?: { command: string; summary: string }[];
}

const IG_INTRO = '*Convene* runs our interest groups in Slack. Here is what you can do:';

export function helpReply(command: string, lines: HelpLine[], unknown?: string, opts: HelpOptions = {}): Reply {
  const intro = unknown ? `\`${command} ${escapeMrkdwn(unknown)}\` isn't a command I know. Here is what I can do:` : (opts.intro ?? IG_INTRO);
  const blocks: Block[] = [section(intro), section(lines.map((l) => `\`${command} ${l.usage}\` — ${l.summary}`).join('\n'))];
  if (opts.otherCommands?.length) {
    blocks.push(section(`*Other commands*\n${opts.otherCommands.map((c) => `\`${c.command}\` — ${c.summary}`).join('\n')}`));
  }
  if (!opts.intro) blocks.push(context('Group names can be typed loosely: any case, no punctuation, or just the start of the name.'));
  return { text: intro, blocks };
}

export interface HomeData {
  groups: { name: string; kind: string; convener: boolean }[];
  staff: boolean;
}

export function homeView(data: HomeData, help: HelpLine[]): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [header('Convene')];
  if (data.groups.length === 0) {
    blocks.push(section("You haven't joined any interest groups yet. Try `/ig list` to browse the directory."));
  } else {
    blocks.push(
      section(
        `*Your groups*\n${data.groups
          .slice(0, 40)
          .map((g) => `• ${escapeMrkdwn(g.name)} — ${g.kind}${g.convener ? ' · _convener_' : ''}`)
          .join('\n')}`,
      ),
    );
  }
  blocks.push(divider(), section(`*Commands*\n${help.map((l) => `\`/ig ${l.usage}\` — ${l.summary}`).join('\n')}`));
  if (data.staff) blocks.push(context('You are staff: `/ig admin` manages roles and channels.'));
  return { type: 'home', blocks };
}
