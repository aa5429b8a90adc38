import { strict as assert } from 'node:assert';
import { TestBot } from '../support/test-bot';

describe('reliability: /healthz and a stored row the bot cannot read', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await TestBot.start();
  });
  after(async () => bot.stop());

  it('answers 503 while the row it reads does not pass the schema every command reads it with, 200 again once mended', async () => {
    const { plan, storage } = bot.bot;
    const actionId = plan.priorities[0].actions[0].id;
    const health = async () => (await fetch(`${bot.url}/healthz`)).status;
    assert.equal(await health(), 200);
    const rowKey = `cur|${actionId}`;
    // What another tool (not npm run import, which refuses it) could write.
    await storage.tables.planStatus.upsertEntity(
      { partitionKey: plan.id, rowKey, actionId, rag: 'purple', version: 'seven' },
      'Replace',
    );
    assert.equal(await health(), 503);
    await storage.tables.planStatus.deleteEntity(plan.id, rowKey);
    assert.equal(await health(), 200);
  });
});
