// The suite's Slack Web API is the product's emulation (src/slack-emulator), not a copy of it.
export * from '../../src/slack-emulator/emulator.js';
