// Buttons the first nudges carry. The conveners feature handles them; the value is the group id.
export const MEETING_OPEN_ACTION = 'conveners.meeting.open';
export const ELECTION_OPEN_ACTION = 'conveners.election.open';
