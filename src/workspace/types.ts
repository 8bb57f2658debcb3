// The local workspace facade (issue #9): the seam between the Slack emulation + local boot (src/slack-emulator,
// src/workspace) and the browser client (src/workspace/web). See WORKSPACE-CONTRACT.md. Types only.

export interface DemoPerson { id: string; name: string; title: string; tz: string; roles: string[]; demo: true }
export interface WsChannel { id: string; name: string; isDm: boolean; isPrivate: boolean; isArchived: boolean; memberIds: string[] }
export interface WsMessage {
  channel: string; ts: string; userId: string;           // author (bot user id for the app)
  text?: string; blocks?: unknown[]; threadTs?: string; replyCount: number;
  ephemeralFor?: string;                                 // only that person sees it ("Only visible to you")
  edited?: boolean;
}
export interface WsView { id: string; type: 'modal' | 'home'; view: Record<string, unknown>; userId: string; stackIndex: number }
export interface WsError { ok: false; error: string; fieldErrors?: Record<string, string> }  // fieldErrors from response_action: errors (block_id -> message)
export type WsChange =
  | { type: 'message'; channel: string; ts: string } | { type: 'message_changed'; channel: string; ts: string }
  | { type: 'message_deleted'; channel: string; ts: string } | { type: 'views'; userId: string }
  | { type: 'channels' } | { type: 'clock'; now: string } | { type: 'reset' };

export interface Workspace {
  readonly botUserId: string;
  people(): DemoPerson[];
  channels(viewer: string): WsChannel[];                 // sidebar: public channels, the viewer's private ones, the viewer's DM with the app
  dmChannel(viewer: string): Promise<string>;            // opens (or returns) the viewer's DM with the app
  messages(viewer: string, channel: string, threadTs?: string): WsMessage[]; // ephemeral ones only for their person
  home(viewer: string): Promise<WsView | undefined>;    // sends app_home_opened like Slack, returns the published view
  publishedHome(viewer: string): WsView | undefined;     // the Home view as last published, no event sent (the page's refresh after a 'views' change)
  modals(viewer: string): WsView[];                      // the viewer's open modal stack, bottom first
  now(): Date;
  // What a person does; each is sent to the app exactly as Slack would (signed requests, trigger_ids, response_urls).
  postMessage(viewer: string, channel: string, text: string, threadTs?: string): Promise<WsMessage | WsError>;
  command(viewer: string, channel: string, command: string, text: string): Promise<{ ok: true } | WsError>;
  action(viewer: string, where: { channel: string; ts: string } | { viewId: string }, action: { actionId: string; blockId?: string; value?: string; selected?: unknown }): Promise<{ ok: true } | WsError>;
  submitView(viewer: string, viewId: string, values: Record<string, Record<string, unknown>>): Promise<{ ok: true } | WsError>;  // values: block_id -> action_id -> state value as Slack's view.state.values
  closeView(viewer: string, viewId: string): Promise<void>;   // view_closed when notify_on_close
  advanceClock(to: Date): Promise<{ now: Date; sent: number }>; // forward only; runs transitions + nudges at `to` via the scheduler's tick code
  reset(): Promise<void>;                                 // wipes app data + workspace state, re-seeds demo data, clock back to the real now
  onChange(listener: (c: WsChange) => void): () => void;
  commands(): { command: string; usageHint: string; description: string }[];  // from src/surface.ts (the manifest)
}
