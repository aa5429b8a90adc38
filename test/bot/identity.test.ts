import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { cardText, onlyCard } from '../../scripts/support/card-content';
import { personalMessage, testUser, type TestUser } from '../../scripts/support/teams-activities';
import { planRows } from '../support/plan-snapshot';
import { TestBot } from '../support/test-bot';

const CHAIR_UPN = 'chair@oscb.example';
const KATE_UPN = 'kate@oscb.example';

describe('identity: Entra object id and UPN, never the mail attribute (real server, Azurite)', () => {
  let bot: TestBot;
  const chair = testUser('Chris Chair', CHAIR_UPN);

  before(async () => {
    bot = await TestBot.start({ env: { BOARD_ADMINS: `${CHAIR_UPN}, ${KATE_UPN}` } });
    bot.meet(chair);
  });
  after(async () => bot.stop());
  beforeEach(() => bot.connector.reset());

  /** A Teams account whose roster entry says exactly this. */
  function account(name: string, roster: { upn?: string; email?: string; aadObjectId?: string }): TestUser {
    const user = {
      id: `29:${randomUUID()}`,
      name,
      email: roster.upn ?? '',
      aadObjectId: roster.aadObjectId ?? randomUUID(),
    };
    bot.connector.addMember({
      id: user.id,
      name,
      userPrincipalName: roster.upn,
      email: roster.email,
      aadObjectId: user.aadObjectId,
    });
    return user;
  }

  async function say(user: TestUser, text: string): Promise<string> {
    bot.connector.reset();
    const response = await bot.send(personalMessage(bot.serviceUrl, user, text));
    assert.equal(response.status, 200);
    const sent = bot.connector.sentActivities().filter((activity) => activity.type === 'message');
    assert.equal(sent.length, 1, `one reply to "${text}"`);
    return cardText(onlyCard(sent[0]));
  }

  const rows = () => planRows(bot.bot.storage.tables.planStatus, bot.bot.plan.id);
  const status = (actionId: string) => bot.bot.stores.statusService.currentStatus(actionId);

  it('takes rights from the UPN, not from a roster email that names the chair', async () => {
    const intern = account('Ivy Intern', { upn: 'intern@oscb.example', email: CHAIR_UPN });
    const before = await rows();
    assert.match(
      await say(intern, 'assign 3.1 to intern@oscb.example'),
      /Only board admins can assign owners/,
    );
    assert.match(await say(intern, 'update 3.1 red Taken over'), /Only the owner or a board admin/);
    assert.doesNotMatch(await say(intern, 'help'), /preview digest/);
    assert.deepEqual(await rows(), before, 'nothing stored');
  });

  it('refuses a UPN spelt with a KELVIN SIGN, a full-width @ or a Cyrillic letter for an admin', async () => {
    const before = await rows();
    for (const upn of ['\u212Aate@oscb.example', 'kate\uFF20oscb.example', 'k\u0430te@oscb.example']) {
      const lookalike = account('Kate?', { upn });
      assert.match(await say(lookalike, 'assign 3.1 to kate@oscb.example'), /Only board admins/, upn);
    }
    assert.deepEqual(await rows(), before, 'nothing stored');
  });

  it('matches an admin UPN case-insensitively in ASCII', async () => {
    const kate = account('Kate Admin', { upn: 'Kate@OSCB.Example' });
    assert.match(await say(kate, 'assign 2.2 to owner.one@agency.example'), /2\.2 assigned/);
  });

  it('binds an admin UPN to the first object id; another account with that UPN gets nothing', async () => {
    const impostor = account('Chris Chair', { upn: CHAIR_UPN });
    const before = await rows();
    assert.match(await say(chair, 'show plan'), /Priority 1/);
    assert.match(await say(impostor, 'assign 2.3 to mallory@evil.example'), /Only board admins/);
    assert.match(await say(impostor, 'update 2.3 red x'), /I couldn't confirm who you are/);
    assert.deepEqual(await rows(), before, 'nothing stored');
    const warning = bot.logs.lines.find(
      (line) => line.msg === 'sign-in name presented by another Entra account: no rights granted',
    );
    assert.ok(warning, 'a warning is logged');
    assert.equal(warning.aadObjectId, impostor.aadObjectId);
    assert.equal(warning.boundTo, chair.aadObjectId);
  });

  it("binds the address a guest UPN reads back to: another spelling of the chair's name gets nothing", async () => {
    assert.match(await say(chair, 'show plan'), /Priority 1/);
    const before = await rows();
    for (const upn of [
      'chair_oscb.example#EXT#@oscbboard.onmicrosoft.com',
      'CHAIR_OSCB.EXAMPLE#ext#@elsewhere.example',
      'chair_oscb.example#EXT#@a#EXT#@b.example',
    ]) {
      const lookalike = account('Chris Chair', { upn });
      assert.match(await say(lookalike, 'assign 2.4 to mallory@evil.example'), /Only board admins/, upn);
      assert.doesNotMatch(await say(lookalike, 'help'), /preview digest/, upn);
    }
    assert.deepEqual(await rows(), before, 'nothing stored');
  });

  it("lets no second account take an owner's action through a guest spelling of their address", async () => {
    const carol = account('Carol Owner', { upn: 'carol@agency.example' });
    assert.match(await say(chair, 'assign 2.2 to carol@agency.example'), /2\.2 assigned/);
    assert.match(await say(carol, 'show plan'), /Priority 1/);
    const fake = account('Carol Owner', { upn: 'carol_agency.example#EXT#@x.example' });
    const before = await rows();
    assert.match(await say(fake, 'update 2.2 green fake'), /I couldn't confirm who you are|Only the owner/);
    assert.deepEqual(await rows(), before, 'nothing stored');
    assert.match(await say(carol, 'update 2.2 amber real'), /Saved/);
  });

  it('binds an owner to their object id: a renamed owner keeps the action, their old name does not', async () => {
    const owner = account('Olive Owner', { upn: 'olive@agency.example' });
    assert.match(await say(chair, 'assign 4.1 to olive@agency.example'), /4\.1 assigned/);
    assert.match(await say(owner, 'update 4.1 amber Started'), /Saved/);
    assert.equal((await status('4.1')).ownerAadObjectId, owner.aadObjectId);

    // Olive marries and her UPN changes; same Entra account.
    const renamed = account('Olive Married', {
      upn: 'olive.married@agency.example',
      aadObjectId: owner.aadObjectId,
    });
    assert.match(await say(renamed, 'update 4.1 green Done'), /Saved/);
    // …and sees it in "my actions", found by her object id, not her old address.
    assert.match(await say(renamed, 'my actions'), /4\.1/);

    // A new account later given Olive's old UPN (after hers was deleted) is not the owner.
    const newcomer = account('Oliver New', { upn: 'olive@agency.example' });
    const before = await rows();
    assert.match(
      await say(newcomer, 'update 4.1 red Not mine'),
      /I couldn't confirm who you are|Only the owner/,
    );
    assert.deepEqual(await rows(), before, 'nothing stored');
    assert.doesNotMatch(
      await say(newcomer, 'my actions'),
      /4\.1/,
      'her old address shows him nothing of hers',
    );
  });

  it('names each change by name and sign-in address, so an owner called "Chris Chair" is not taken for the chair', async () => {
    const namesake = account('Chris Chair', { upn: 'chris.chair@agency.example' });
    assert.match(await say(chair, 'assign 3.1 to chris.chair@agency.example'), /3\.1 assigned/);
    assert.match(await say(namesake, 'update 3.1 amber Started the audit'), /Saved/);
    const history = await say(chair, 'history 3.1');
    assert.match(history, /Chris Chair \(chris\.chair@agency\.example\)/);
    assert.match(history, new RegExp(`Chris Chair \\(${chair.email.replace(/\./g, '\\.')}\\)`));
    assert.match(await say(chair, 'show action 3.1'), /chris\.chair@agency\.example/);
  });

  it('lets a guest be assigned by the address people know them by, and by their guest UPN', async () => {
    const guest = account('Jane Police', {
      upn: 'jane_police.uk#EXT#@oscbboard.onmicrosoft.com',
      email: 'jane@police.uk',
    });
    assert.match(await say(chair, 'assign 4.2 to Jane@Police.uk'), /now owned by jane@police\.uk/);
    assert.match(await say(guest, 'update 4.2 green Joint protocol agreed'), /Saved/);
    assert.match(await say(guest, 'my actions'), /4\.2/);
    assert.match(
      await say(chair, 'assign 4.3 to jane_police.uk#EXT#@oscbboard.onmicrosoft.com'),
      /now owned by jane@police\.uk/,
    );
    assert.match(await say(guest, 'update 4.3 amber Waiting'), /Saved/);
  });

  it('keeps statuses stored before object ids working: the owner binds on their first update', async () => {
    const owner = account('Owen Older', { upn: 'owen@agency.example' });
    // An owner row as older versions stored it: the address only.
    const table = bot.bot.storage.tables.planStatus;
    await table.upsertEntity({
      partitionKey: bot.bot.plan.id,
      rowKey: 'cur|6.1',
      actionId: '6.1',
      rag: 'not_started',
      version: 0,
      ownerEmail: 'owen@agency.example',
    });
    assert.match(await say(owner, 'update 6.1 amber Carried over'), /Saved/);
    const current = await status('6.1');
    assert.equal(current.ownerEmail, 'owen@agency.example');
    assert.equal(current.ownerAadObjectId, owner.aadObjectId);
  });

  it('treats a roster entry without a UPN as someone who cannot update', async () => {
    const nameless = account('No Upn', { email: CHAIR_UPN });
    assert.match(await say(nameless, 'update 5.1 red x'), /I couldn't confirm who you are/);
  });
});
