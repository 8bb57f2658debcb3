// Signed requests to the app, as Slack sends them: the product's driver (src/slack-emulator), shared with the local workspace.
export * from '../../src/slack-emulator/driver.js';
