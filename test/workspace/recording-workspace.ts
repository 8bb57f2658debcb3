// A Workspace facade that records what the page's routes ask of it, for testing server.ts at
// its seam (routes, validation, Slack's state shapes). The real facade is tested with the app.
import type { DemoPerson, WsChange, WsChannel, WsError, WsMessage, WsView, Workspace } from '../../src/workspace/types.js';

export interface Call {
  method: string;
  args: unknown[];
}

export class RecordingWorkspace implements Workspace {
  readonly botUserId = 'UBOT';
  calls: Call[] = [];
  clock = new Date('2027-01-14T18:00:00Z');
  listeners = new Set<(c: WsChange) => void>();
  answer: { ok: true } | WsError = { ok: true };
  persons: DemoPerson[] = [
    { id: 'UCHI', name: 'Cora Convener', title: 'Core convener', tz: 'America/Chicago', roles: ['convener'], demo: true },
    { id: 'UTOK', name: 'Kenji <Tanaka>', title: 'PLA member', tz: 'Asia/Tokyo', roles: [], demo: true },
  ];
  chans: WsChannel[] = [
    { id: 'CGENERAL', name: 'general', isDm: false, isPrivate: false, isArchived: false, memberIds: [] },
    { id: 'DCHI', name: 'UCHI', isDm: true, isPrivate: true, isArchived: false, memberIds: ['UCHI', 'UBOT'] },
  ];
  msgs: WsMessage[] = [];
  views: WsView[] = [];

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  people(): DemoPerson[] {
    return this.persons;
  }
  channels(viewer: string): WsChannel[] {
    return this.chans.filter((c) => !c.isDm || c.memberIds.includes(viewer));
  }
  async dmChannel(viewer: string): Promise<string> {
    return `D${viewer.slice(1)}`;
  }
  messages(viewer: string, channel: string, threadTs?: string): WsMessage[] {
    return this.msgs.filter((m) => m.channel === channel && (!m.ephemeralFor || m.ephemeralFor === viewer) && (threadTs ? m.threadTs === threadTs || m.ts === threadTs : !m.threadTs || m.threadTs === m.ts));
  }
  async home(viewer: string): Promise<WsView | undefined> {
    this.record('home', viewer);
    return this.views.find((v) => v.type === 'home' && v.userId === viewer);
  }
  publishedHome(viewer: string): WsView | undefined {
    return this.views.find((v) => v.type === 'home' && v.userId === viewer);
  }
  modals(viewer: string): WsView[] {
    return this.views.filter((v) => v.type === 'modal' && v.userId === viewer);
  }
  now(): Date {
    return this.clock;
  }
  async postMessage(viewer: string, channel: string, text: string, threadTs?: string): Promise<WsMessage | WsError> {
    this.record('postMessage', viewer, channel, text, threadTs);
    const m: WsMessage = { channel, ts: '1800000000.000900', userId: viewer, text, replyCount: 0, ...(threadTs ? { threadTs } : {}) };
    return m;
  }
  async command(viewer: string, channel: string, command: string, text: string): Promise<{ ok: true } | WsError> {
    this.record('command', viewer, channel, command, text);
    return this.answer;
  }
  async action(viewer: string, where: { channel: string; ts: string } | { viewId: string }, action: { actionId: string; blockId?: string; value?: string; selected?: unknown }): Promise<{ ok: true } | WsError> {
    this.record('action', viewer, where, action);
    return this.answer;
  }
  async submitView(viewer: string, viewId: string, values: Record<string, Record<string, unknown>>): Promise<{ ok: true } | WsError> {
    this.record('submitView', viewer, viewId, values);
    return this.answer;
  }
  async closeView(viewer: string, viewId: string): Promise<void> {
    this.record('closeView', viewer, viewId);
  }
  async advanceClock(to: Date): Promise<{ now: Date; sent: number }> {
    this.record('advanceClock', to);
    this.clock = to;
    return { now: to, sent: 2 };
  }
  async reset(): Promise<void> {
    this.record('reset');
  }
  onChange(listener: (c: WsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(c: WsChange): void {
    for (const l of this.listeners) l(c);
  }
  commands(): { command: string; usageHint: string; description: string }[] {
    return [{ command: '/ig', usageHint: 'help | list [words]', description: 'Interest groups' }];
  }
}
