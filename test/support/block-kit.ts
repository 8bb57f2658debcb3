// Block Kit validation lives in the product's Slack emulation: edit src/slack-emulator/block-kit.ts, not this file.
export * from '../../src/slack-emulator/block-kit.js';
