import bolt from '@slack/bolt';
const { App } = bolt;
const app = new App({ token: 'xoxb-1', appToken: 'xapp-1', socketMode: true, clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' } });
// @ts-ignore
console.log('bot client:', app.client.slackApiUrl, ' socket client:', app.receiver.client.webClient.slackApiUrl);
const app2 = new App({ token: 'xoxb-1', appToken: 'xapp-1', socketMode: true, clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' }, installerOptions: { clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' } } });
// @ts-ignore
console.log('with installerOptions -> socket client:', app2.receiver.client.webClient.slackApiUrl);
