import { strict as assert } from 'node:assert';
import { onlyCard, type Card } from '../../scripts/support/card-content';
import {
  botInstalledInChannel,
  channelMention,
  executeAction,
  personalConversation,
  personalMessage,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { TestBot, type TestBotOptions } from './test-bot';

export interface BoardBotOptions extends TestBotOptions {
  /** People named in BOARD_ADMINS, met by the bot. */
  admins?: TestUser[];
  /** Action id → owner, assigned by the first admin before the test starts. */
  owners?: Record<string, TestUser>;
  /** Other people the bot has met (in the roster). */
  others?: TestUser[];
  /** Installed in the board channel, which the first admin has made the board's. */
  boardChannel?: boolean;
}

/**
 * A bot whose admins and owners have each chatted with it once (so it knows their Teams ids), with the owners
 * already assigned by the first admin; `others` are only in the Teams roster. The connector is reset.
 */
export async function startBoardBot(options: BoardBotOptions = {}): Promise<TestBot> {
  const { admins = [], owners = {}, others = [], boardChannel = false, ...rest } = options;
  const bot = await TestBot.start({
    ...rest,
    env: {
      ...(admins.length ? { BOARD_ADMINS: admins.map((admin) => admin.email).join(',') } : {}),
      ...rest.env,
    },
  });
  bot.meet(...new Set([...admins, ...Object.values(owners), ...others]));
  if (boardChannel) {
    assert.ok(admins[0], 'setting the board channel needs an admin');
    assert.equal((await bot.send(botInstalledInChannel(bot.serviceUrl, admins[0]))).status, 200);
    assert.equal(
      (await bot.send(channelMention(bot.serviceUrl, admins[0], 'set board channel'))).status,
      200,
    );
  }
  for (const person of new Set([...admins, ...Object.values(owners)])) {
    const response = await bot.send(personalMessage(bot.serviceUrl, person, 'help'));
    assert.equal(response.status, 200);
  }
  for (const [actionId, person] of Object.entries(owners)) {
    assert.ok(admins[0], 'assigning owners needs an admin');
    await say(bot, admins[0], `assign ${actionId} to ${person.email}`);
  }
  bot.connector.reset();
  return bot;
}

/** Sends a personal message and returns the card of the last reply. */
export async function say(bot: TestBot, user: TestUser, text: string): Promise<Card> {
  const response = await bot.send(personalMessage(bot.serviceUrl, user, text));
  assert.equal(response.status, 200);
  const sent = bot.connector.sentActivities();
  assert.ok(sent.length >= 1, `a reply to "${text}"`);
  return onlyCard(sent[sent.length - 1]);
}

/** Presses a card's Action.Execute button and returns the card the bot answers with. */
export async function press(
  bot: TestBot,
  user: TestUser,
  verb: string,
  data: unknown,
  conversation = personalConversation(user),
): Promise<Card> {
  const response = await bot.send(executeAction(bot.serviceUrl, user, verb, data, conversation));
  assert.equal(response.status, 200);
  return (response.body as { value: Card }).value;
}
