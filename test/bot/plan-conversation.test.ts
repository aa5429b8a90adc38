import { strict as assert } from 'node:assert';
import { actionsOf, cardText, onlyCard } from '../../scripts/support/card-content';
import {
  botInstalledInChannel,
  botInstalledPersonally,
  channelMention,
  personalMessage,
  submitAction,
  personalConversation,
  testUser,
} from '../../scripts/support/teams-activities';
import { TestBot } from '../support/test-bot';

describe('the plan in conversation (real server, Bot Framework protocol)', () => {
  let bot: TestBot;
  const chair = testUser('Chris Chair', 'chair@oscb.example');

  before(async () => {
    bot = await TestBot.start({ env: { BOARD_ADMINS: chair.email } });
    bot.meet(chair);
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  async function ask(text: string, how: 'personal' | 'channel' = 'personal') {
    const activity =
      how === 'personal'
        ? personalMessage(bot.serviceUrl, chair, text)
        : channelMention(bot.serviceUrl, chair, text);
    const response = await bot.send(activity);
    assert.equal(response.status, 200);
    const sent = bot.connector.sentActivities();
    assert.equal(sent.length, 1, `one reply to "${text}"`);
    return sent[0];
  }

  it('answers "show priority 5" in a personal chat with the priority card and its actions', async () => {
    const card = onlyCard(await ask('show priority 5'));
    const text = cardText(card);
    assert.match(text, /Priority 5/);
    assert.match(text, /neglect/i);
    assert.match(text, /5\.1/);
    assert.match(text, /No owner yet/);
    assert.match(text, /Not started/);
  });

  it('posts the reply to the conversation through the connector, replying to the message', async () => {
    const asked = personalMessage(bot.serviceUrl, chair, 'show priority 5');
    assert.equal((await bot.send(asked)).status, 200);
    const call = bot.connector.calls.find((candidate) => candidate.method === 'POST');
    assert.ok(call);
    // The Teams SDK replies as Teams documents it: a POST to the conversation naming the message it answers.
    assert.match(call.path, /^\/v3\/conversations\/a:personal-29:[^/]+\/activities$/);
    const sent = call.body as { replyToId?: unknown; from?: { id?: unknown } };
    assert.equal(sent.replyToId, asked.id, 'replyToId names the message');
    assert.equal(sent.from?.id, (asked.recipient as { id: string }).id, 'from the bot');
  });

  it('answers an @mention in a channel', async () => {
    const reply = await ask('show priority 5', 'channel');
    assert.match(cardText(onlyCard(reply)), /Priority 5/);
    const call = bot.connector.calls.find((candidate) => candidate.method === 'POST');
    assert.match(call?.path ?? '', /19:board-general@thread\.tacv2/);
  });

  const equivalents: [string, RegExp][] = [
    ['SHOW PRIORITY 5', /Priority 5/],
    ['priority 5', /Priority 5/],
    ['p5', /Priority 5/],
    ['show neglect', /Priority 5/],
    ['show adolescents', /Priority 4/],
    ['show plan', /Priority 8/],
    ['show aim 2', /Aim 2/],
    ['show action 4.3', /4\.3/],
    ['help', /show priority/i],
  ];
  for (const [text, expected] of equivalents) {
    it(`understands "${text}"`, async () => {
      assert.match(cardText(onlyCard(await ask(text))), expected);
    });
  }

  it('says which priorities exist for an unknown number', async () => {
    assert.match(cardText(onlyCard(await ask('show priority 9'))), /priorities 1[–-]8/);
  });

  it('says which aims exist for an unknown aim', async () => {
    assert.match(cardText(onlyCard(await ask('show aim 4'))), /aims 1[–-]3/);
  });

  it('suggests the right command for a typo', async () => {
    const card = onlyCard(await ask('shwo priority 5'));
    assert.ok(actionsOf(card).some((action) => action.data?.command === 'show priority 5'));
  });

  it('the plan card offers a button per priority that opens it', async () => {
    const card = onlyCard(await ask('show plan'));
    const buttons = actionsOf(card).filter((action) => action.data?.verb === 'runCommand');
    for (let priority = 1; priority <= 8; priority++) {
      assert.ok(
        buttons.some((button) => button.data?.command === `show priority ${priority}`),
        `button for priority ${priority}`,
      );
    }
    const response = await bot.send(
      submitAction(
        bot.serviceUrl,
        chair,
        { verb: 'runCommand', command: 'show priority 3' },
        personalConversation(chair),
      ),
    );
    assert.equal(response.status, 200);
    const sent = bot.connector.sentActivities();
    assert.match(cardText(onlyCard(sent[sent.length - 1])), /Priority 3/);
  });

  it('greets a channel it is installed in', async () => {
    const response = await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
    assert.equal(response.status, 200);
    assert.match(cardText(onlyCard(bot.connector.sentActivities()[0])), /show priority/i);
  });

  it('greets a person who installs it', async () => {
    await bot.send(botInstalledPersonally(bot.serviceUrl, chair));
    assert.equal(bot.connector.sentActivities().length, 1);
  });

  it('reports health', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', store: 'up' });
  });

  it('logs one line per turn with its latency', async () => {
    await ask('show plan');
    const turns = bot.logs.lines.filter((line) => line.msg === 'turn');
    assert.ok(turns.length > 0);
    assert.equal(typeof turns[turns.length - 1].latencyMs, 'number');
  });
});
