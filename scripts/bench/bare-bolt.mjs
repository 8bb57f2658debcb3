// The benchmark's yardstick: the same Bolt, HTTP receiver and signature check as Convene, and
// listeners that only ack. Whatever Convene adds on top shows as the ratio in the table.
import bolt from '@slack/bolt';

const { App, LogLevel } = bolt;
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  customRoutes: [{ path: '/readyz', method: ['GET'], handler: (_req, res) => res.writeHead(200).end('ok') }],
});
app.command(/.*/, async ({ ack }) => ack());
app.action(/.*/, async ({ ack }) => ack());
const server = await app.start(Number(process.env.PORT ?? 0));
console.log(`bare Bolt is listening on port ${server.address().port}`);
process.on('SIGTERM', () => app.stop().then(() => process.exit(0)));
