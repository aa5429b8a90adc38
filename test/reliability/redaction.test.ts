import { strict as assert } from 'node:assert';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { actionsOf, cardText, inputsOf, onlyCard, type Card } from '../../scripts/support/card-content';
import {
  executeAction,
  personalConversation,
  personalMessage,
  submitAction,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { sharedAzurite } from '../support/azurite';
import { startBoardBot } from '../support/board-bot';
import { chair, owner } from '../support/people';
import type { TestBot } from '../support/test-bot';
import { fieldsOf } from '../support/history-fields';

/** What must leave the record: a child's NHS number, stored "as written" after the warning. */
const SECRET = '943 476 5919';
const NOTE = `child ${SECRET} seen at home, plan agreed`;
const REASON = 'Identified a child';

/** Every property of every row of every table this bot uses, as text. */
async function everyStoredValue(connectionString: string, prefix: string): Promise<string[]> {
  const service = TableServiceClient.fromConnectionString(connectionString, {
    allowInsecureConnection: true,
  });
  const values: string[] = [];
  let tables = 0;
  for await (const table of service.listTables()) {
    if (!table.name?.startsWith(prefix)) continue;
    tables += 1;
    const client = TableClient.fromConnectionString(connectionString, table.name, {
      allowInsecureConnection: true,
    });
    for await (const row of client.listEntities()) values.push(`${table.name}: ${JSON.stringify(row)}`);
  }
  assert.ok(tables >= 5, `scanned ${tables} tables`);
  return values;
}

describe('redaction: a note taken out of the record, with an audit trail', function () {
  this.timeout(60_000);
  let bot: TestBot;
  let logsBeforeRedaction = 0;
  let postedAt = '';

  before(async () => {
    bot = await startBoardBot({
      admins: [chair],
      owners: { '5.1': owner },
      boardChannel: true,
      sendBackoffMs: 5,
      reminderGapMs: 1,
    });
    await say(owner, 'update 5.1 amber Audit booked');
    // The personal-data warning, then "store as written": the note is kept as typed.
    const warned = await say(owner, `update 5.1 red ${NOTE}`);
    const storeAsWritten = actionsOf(warned).find((action) => action.data?.confirmPersonalData === true);
    assert.ok(storeAsWritten?.data, 'a store-as-written button');
    const response = await bot.send(
      executeAction(bot.serviceUrl, owner, 'updateStatus', storeAsWritten.data, personalConversation(owner)),
    );
    assert.equal(response.status, 200);
    assert.equal((await bot.bot.stores.statusService.currentStatus('5.1')).note, NOTE);
    const posted = await bot.bot.useCases.weeklyDigest.run({ force: true });
    assert.equal(posted.kind, 'posted');
    postedAt = `/v3/conversations/${posted.conversationId}/activities/${posted.activityId}`;
    assert.match(JSON.stringify(bot.connector.sentActivities()), new RegExp(SECRET), 'the digest showed it');
    const stored = await everyStoredValue((await sharedAzurite()).connectionString, bot.tablePrefix);
    const holding = new Set(stored.filter((row) => row.includes(SECRET)).map((row) => row.split(':')[0]));
    assert.deepEqual(
      [...holding].map((table) => table.slice(bot.tablePrefix.length)).sort(),
      ['digests', 'planstatus'],
      'before: in history, the current row and the posted digest kept for updating',
    );
  });
  after(async () => bot.stop());

  async function say(user: TestUser, text: string): Promise<Card> {
    const activity = personalMessage(bot.serviceUrl, user, text);
    assert.equal((await bot.send(activity)).status, 200);
    const reply = bot.connector.sentActivities().find((sent) => sent.replyToId === activity.id);
    return onlyCard(reply);
  }

  it('numbers each change and gives admins a Redact button that asks for the reason', async () => {
    const card = await say(chair, 'history 5.1');
    const text = cardText(card);
    assert.match(text, /#3\b/);
    assert.match(text, /#2\b/);
    const redact = actionsOf(card).filter((action) => action.data?.verb === 'redactChange');
    assert.deepEqual(
      redact.map((action) => action.data?.version),
      [3, 2],
      'a Redact button on each change with a note',
    );
    const reasonInputs = inputsOf(card).filter((input) => String(input.id).startsWith('reason-'));
    assert.ok(reasonInputs.length >= 2, 'a reason box per row');
    assert.ok(
      reasonInputs.every((input) => input.isRequired === true && !input.value),
      'empty and required',
    );
  });

  it('gives no Redact button to an owner', async () => {
    const card = await say(owner, 'history 5.1');
    assert.deepEqual(
      actionsOf(card).filter((action) => action.data?.verb === 'redactChange'),
      [],
    );
  });

  it('refuses an owner, a missing reason and a change without a note, storing nothing', async () => {
    const before = await everyStoredValue((await sharedAzurite()).connectionString, bot.tablePrefix);
    assert.match(cardText(await say(owner, `redact 5.1 #3 because ${REASON}`)), /admin/i);
    assert.match(cardText(await say(chair, 'redact 5.1 #3')), /reason/i);
    assert.match(cardText(await say(chair, 'redact 5.1 #1 because wrong')), /no note/i);
    assert.match(cardText(await say(chair, 'redact 5.1 #9 because wrong')), /no change #9|only 3 changes/i);
    const submitted = await bot.send(
      submitAction(
        bot.serviceUrl,
        chair,
        { verb: 'redactChange', actionId: '5.1', version: 3, 'reason-3': '   ' },
        personalConversation(chair),
      ),
    );
    assert.equal(submitted.status, 200);
    const after = await everyStoredValue((await sharedAzurite()).connectionString, bot.tablePrefix);
    assert.deepEqual(
      after.filter((row) => !row.includes('"partitionKey":"person"')),
      before.filter((row) => !row.includes('"partitionKey":"person"')),
    );
  });

  it('replaces the note with who, when and why, keeps status, author and time, and audits it', async () => {
    const [original] = await bot.bot.stores.statusService.history('5.1', 1);
    logsBeforeRedaction = bot.logs.raw.length;
    bot.connector.reset();
    const history = await say(chair, 'history 5.1');
    const button = actionsOf(history).find(
      (action) => action.data?.verb === 'redactChange' && action.data.version === 3,
    );
    assert.ok(button?.data);
    const response = await bot.send(
      submitAction(
        bot.serviceUrl,
        chair,
        { ...button.data, 'reason-3': REASON },
        personalConversation(chair),
      ),
    );
    assert.equal(response.status, 200);
    const reply = cardText(onlyCard(bot.connector.sentActivities().at(-1)));
    assert.match(reply, /redacted/i);

    const entries = (await bot.bot.stores.statusService.history('5.1', 10)).map(fieldsOf);
    const audit = entries[0];
    assert.equal(audit.kind, 'redaction');
    assert.equal(audit.redactsVersion, 3);
    assert.equal(audit.reason, REASON);
    assert.equal(audit.byEmail, chair.email);
    const redacted = entries.find((entry) => entry.version === 3);
    assert.ok(redacted);
    assert.match(
      redacted.note ?? '',
      new RegExp(`^\\[redacted by Chris Chair, \\d{1,2} \\w{3,4} \\d{4}: ${REASON}\\]$`),
    );
    assert.deepEqual(
      [redacted.toRag, redacted.fromRag, redacted.byEmail, redacted.at],
      [original.toRag, original.fromRag, original.byEmail, original.at],
    );
    const current = await bot.bot.stores.statusService.currentStatus('5.1');
    assert.equal(current.rag, 'red');
    assert.equal(current.note, redacted.note, 'the current note was this one, so it is redacted too');
    assert.equal(current.updatedByEmail, owner.email);
  });

  it('leaves the removed text nowhere in storage: every table, every row, every property', async () => {
    const rows = await everyStoredValue((await sharedAzurite()).connectionString, bot.tablePrefix);
    const found = rows.filter((row) => row.includes(SECRET) || row.includes('943476'));
    assert.deepEqual(found, []);
    assert.ok(rows.some((row) => row.includes('[redacted by Chris Chair')));
  });

  it('wrote nothing of it to the logs (debug level), neither when it was saved nor during the redaction', () => {
    assert.ok(bot.logs.raw.length > logsBeforeRedaction, 'the redaction was logged');
    assert.deepEqual(
      bot.logs.raw.filter((line) => line.includes(SECRET)),
      [],
    );
  });

  it('updated the digest card the bot had posted, in place', () => {
    const puts = bot.connector.calls.filter((call) => call.method === 'PUT');
    assert.equal(
      puts.length,
      1,
      JSON.stringify(bot.connector.calls.map((call) => `${call.method} ${call.path}`)),
    );
    const body = JSON.stringify(puts[0].body);
    assert.doesNotMatch(body, new RegExp(SECRET));
    assert.match(body, /\[redacted by Chris Chair/);
    assert.equal(puts[0].path, postedAt, 'the digest post itself, in its own conversation');
  });

  it('shows the redaction in history, and offers no second redaction of the same change', async () => {
    const card = await say(chair, 'history 5.1');
    const text = cardText(card);
    assert.match(text, /#4\b/);
    assert.match(text, /redacted the note of #3/i);
    assert.match(text, new RegExp(REASON));
    assert.doesNotMatch(text, new RegExp(SECRET));
    const versions = actionsOf(card)
      .filter((action) => action.data?.verb === 'redactChange')
      .map((action) => action.data?.version);
    assert.deepEqual(versions, [2]);
    assert.match(cardText(await say(chair, `redact 5.1 #3 because ${REASON}`)), /already redacted/i);
  });

  it('takes a typed redact command too', async () => {
    const reply = cardText(await say(chair, 'redact 5.1 #2 because Named a family member'));
    assert.match(reply, /redacted/i);
    const [audit] = (await bot.bot.stores.statusService.history('5.1', 1)).map(fieldsOf);
    assert.equal(audit.redactsVersion, 2);
    const second = (await bot.bot.stores.statusService.history('5.1', 10))
      .map(fieldsOf)
      .find((entry) => entry.version === 2);
    assert.match(second?.note ?? '', /^\[redacted by Chris Chair, .*: Named a family member\]$/);
    assert.equal(
      (await bot.bot.stores.statusService.currentStatus('5.1')).note?.includes('Identified'),
      true,
      'current note unchanged: it came from #3',
    );
  });

  it('a redelivered redaction is applied once and answered the same', async () => {
    await say(owner, 'update 5.1 amber Met the family at home');
    const [change] = await bot.bot.stores.statusService.history('5.1', 1);
    const activity = personalMessage(
      bot.serviceUrl,
      chair,
      `redact 5.1 #${change.version} because Too much detail`,
    );
    await bot.send(activity);
    await bot.send(activity);
    const replies = bot.connector
      .sentActivities()
      .filter((sent) => sent.replyToId === activity.id)
      .map((sent) => cardText(onlyCard(sent)));
    assert.equal(replies.length, 2);
    assert.match(replies[0], /redacted/i);
    assert.equal(replies[1], replies[0]);
    const entries = await bot.bot.stores.statusService.history('5.1', 3);
    assert.deepEqual(
      entries.map((entry) => entry.kind),
      ['redaction', 'status', 'redaction'],
      'one audit row for two deliveries',
    );
  });

  it('still redacts, and says so, when Teams refuses to update the posted card', async () => {
    const unique = 'Seen by the Wexley family GP';
    await say(owner, `update 5.1 red ${unique}`);
    assert.equal((await bot.bot.useCases.weeklyDigest.run({ force: true })).kind, 'posted');
    const [change] = await bot.bot.stores.statusService.history('5.1', 1);
    bot.connector.failNext({ match: (call) => call.method === 'PUT', status: 403, times: Infinity });
    const reply = cardText(await say(chair, `redact 5.1 #${change.version} because Named a family`));
    assert.match(reply, /redacted/i);
    assert.match(reply, /could not be updated in Teams/);
    const rows = await everyStoredValue((await sharedAzurite()).connectionString, bot.tablePrefix);
    assert.deepEqual(
      rows.filter((row) => row.includes('Wexley')),
      [],
    );
  });
});
