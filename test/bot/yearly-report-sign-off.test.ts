import { strict as assert } from 'node:assert';
import { FILE_CONSENT_CONTENT_TYPE, FILE_INFO_CONTENT_TYPE } from '../../bot/file-consent';
import {
  channelMention,
  personalMessage,
  testUser,
  type TestUser,
} from '../../scripts/support/teams-activities';
import { TableYearlyReportLedger } from '../../storage/yearly-report-ledger';
import type { YearlyReportView } from '../../views/yearly-report-view-model';
import { fileConsentInvoke } from '../support/file-consent-activity';
import { attachmentsOf, texts, type Sent } from '../support/sent-cards';
import { TestBot } from '../support/test-bot';
import { readZipEntries } from '../support/zip-entries';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olu Owner', 'owner@agency.example');
const dana = testUser('Dana Lee', 'dana.lee@tvp.example');
const carol = testUser('Carol Chief', 'carol@oxon.example');
const ivy = testUser('Ivy Board', 'ivy@icb.example');
const scrutineer = testUser('Sam Scrutineer', 'sam@scrutiny.example');
const TOKEN = 'yearly-upload-token';

const groupMessage = (serviceUrl: string, user: TestUser, text: string) => ({
  ...personalMessage(serviceUrl, user, text),
  conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true },
});

const consentCards = (sent: Sent[]) => attachmentsOf(sent, FILE_CONSENT_CONTENT_TYPE);

describe('the yearly report in Teams: the file, the partners’ sign-off, the scrutineer’s comment', function () {
  this.timeout(180_000);
  let bot: TestBot;
  let ledger: TableYearlyReportLedger;
  // Inside 2025-26 while the record is made, then December 2026 (2026-27 is still running: a draft).
  let now = new Date('2026-03-10T10:00:00Z');

  before(async () => {
    bot = await TestBot.start({
      env: {
        BOARD_ADMINS: chair.email,
        LEAD_PARTNERS: `Thames Valley Police=${dana.email}; Oxfordshire County Council=${carol.email}; Integrated Care Board=${ivy.email}`,
        SCRUTINEER: scrutineer.email,
      },
      clock: () => now,
      uploadTimeoutMs: 2000,
    });
    bot.meet(chair, owner, dana, carol, ivy, scrutineer);
    ledger = new TableYearlyReportLedger(bot.bot.storage.tables.boardPacks);
    assert.match(await say(chair, 'update 5.1 amber Audit of early help delayed'), /5\.1/);
    now = new Date('2026-06-10T10:00:00Z');
    assert.match(await say(chair, 'update 4.3 green Pilot running in two localities'), /4\.3/);
    now = new Date('2026-12-07T10:00:00Z');
  });
  beforeEach(() => bot.connector.reset());
  after(async () => bot?.stop());

  async function exchange(activity: Record<string, unknown>): Promise<Sent[]> {
    const before = bot.connector.sentActivities().length;
    const { status } = await bot.send(activity);
    assert.equal(status, 200);
    await bot.bot.workAfterAnswer.settled();
    return bot.connector.sentActivities().slice(before);
  }

  async function say(user: TestUser, text: string): Promise<string> {
    return texts(await exchange(personalMessage(bot.serviceUrl, user, text)));
  }

  async function report(year: string): Promise<YearlyReportView> {
    const built = await bot.bot.useCases.yearlyReports.build(year, 'test');
    assert.ok(built.ok);
    return built.view;
  }

  const lineOf = (view: YearlyReportView, agency: string) =>
    view.signOffs.find((line) => line.agency === agency);
  const rowsOf = async (year: string, user: TestUser) =>
    (await ledger.signOffs(year)).filter((row) => row.byEmail === user.email);

  describe('sign-off by a lead safeguarding partner', () => {
    it('a partner signs the draft: the answer shows what was signed, the report a draft’s sign-off', async () => {
      const answer = await say(dana, 'sign off yearly report 2026-27');
      const view = await report('2026-27');
      assert.match(answer, /Signed: a draft’s sign-off/);
      assert.match(answer, /Signed for Thames Valley Police by Dana Lee/);
      assert.match(answer, new RegExp(`DRAFT yearly report 2026-27 as at 7 Dec(ember)? 2026`));
      assert.ok(answer.includes(`content fingerprint ${view.fingerprint}`), answer);
      const line = lineOf(view, 'Thames Valley Police');
      assert.equal(line?.signed, 'this version');
      assert.match(line?.state ?? '', /Signed by Dana Lee .* for this content .*a draft's sign-off/);
      const [row] = await rowsOf('2026-27', dana);
      assert.deepEqual(
        { agency: row.agency, draft: row.draft, fingerprint: row.fingerprint, by: row.byAadObjectId },
        { agency: 'Thames Valley Police', draft: true, fingerprint: view.fingerprint, by: dana.aadObjectId },
      );
      assert.equal(lineOf(view, 'Integrated Care Board')?.state, 'Not yet signed');
    });

    it('a draft’s sign-off still holds the next day when nothing was recorded', async () => {
      now = new Date('2026-12-08T10:00:00Z');
      try {
        assert.equal(lineOf(await report('2026-27'), 'Thames Valley Police')?.signed, 'this version');
      } finally {
        now = new Date('2026-12-07T10:00:00Z');
      }
    });

    it('the same partner signing the same content again keeps the first sign-off and says so', async () => {
      const [first] = await rowsOf('2026-27', dana);
      const answer = await say(dana, 'sign off yearly report 2026-27');
      assert.match(answer, /Already signed/);
      assert.match(answer, /that first sign-off is kept/);
      assert.deepEqual(await rowsOf('2026-27', dana), [first]);
    });

    for (const [who, user] of [
      ['an action owner', owner],
      ['a board admin', chair],
      ['the scrutineer', scrutineer],
    ] as const) {
      it(`${who}, not a lead partner, is refused in one line and nothing is stored`, async () => {
        const before = (await ledger.signOffs('2026-27')).length;
        const sent = await exchange(personalMessage(bot.serviceUrl, user, 'sign off yearly report 2026-27'));
        assert.equal(
          texts(sent).trim(),
          'Only the lead safeguarding partners can sign off the yearly report',
        );
        assert.equal((await ledger.signOffs('2026-27')).length, before);
      });
    }

    it("another Entra account presenting a partner's sign-in name (once the partner was met) is refused", async () => {
      const impostor = testUser('Dana Lee', dana.email);
      bot.meet(impostor);
      const before = await ledger.signOffs('2026-27');
      const sent = await exchange(
        personalMessage(bot.serviceUrl, impostor, 'sign off yearly report 2026-27'),
      );
      assert.match(texts(sent), /Only the lead safeguarding partners|couldn't confirm who you are/);
      assert.deepEqual(await ledger.signOffs('2026-27'), before);
    });

    it('a partner asking in a channel is told to sign in a personal chat, and nothing is stored', async () => {
      const sent = await exchange(channelMention(bot.serviceUrl, carol, 'sign off yearly report 2026-27'));
      assert.match(texts(sent), /personal chat/);
      assert.deepEqual(await rowsOf('2026-27', carol), []);
    });

    it('a year that does not work is refused politely and nothing is stored', async () => {
      assert.match(await say(carol, 'sign off yearly report 2026-28'), /not one year after another/);
      assert.match(await say(carol, 'sign off yearly report 2099-00'), /has not begun/);
      assert.deepEqual(await rowsOf('2026-27', carol), []);
    });

    it('a redelivered sign-off (the same activity, in turn or at once) is recorded once and answered as the first', async () => {
      const activity = personalMessage(bot.serviceUrl, carol, 'sign off yearly report 2026-27');
      const first = texts(await exchange(activity));
      const again = texts(await exchange(activity));
      assert.match(first, /Signed for Oxfordshire County Council/);
      assert.equal(again, first);
      await Promise.all([bot.send(activity), bot.send(activity)]);
      assert.equal((await rowsOf('2026-27', carol)).length, 1);
    });
  });

  describe('a change to the record after a sign-off', () => {
    it('a redaction inside a closed year: the report shows an earlier version, the partner is told once and may sign again', async () => {
      const signed = await say(ivy, 'sign off yearly report 2025-26');
      assert.match(signed, /^Signed$/m);
      assert.doesNotMatch(signed, /draft/i);
      const before = await report('2025-26');
      assert.equal(lineOf(before, 'Integrated Care Board')?.signed, 'this version');

      assert.match(await say(chair, 'redact 5.1 #1 because it named a child'), /redact/i);
      const after = await report('2025-26');
      assert.notEqual(after.fingerprint, before.fingerprint);
      const line = lineOf(after, 'Integrated Care Board');
      assert.equal(line?.signed, 'an earlier version');
      assert.match(line?.state ?? '', /for an earlier version/);

      const toIvy = () =>
        bot.connector.calls.filter(
          (call) =>
            call.method === 'POST' && call.path === `/v3/conversations/a:personal-${ivy.id}/activities`,
        );
      bot.connector.reset();
      await bot.bot.useCases.yearlySignOffs.tellEarlierVersionsLogged();
      await bot.bot.useCases.yearlySignOffs.tellEarlierVersionsLogged();
      assert.equal(toIvy().length, 1, 'told once');
      assert.match(texts(toIvy().map((call) => call.body ?? {})), /your sign-off is for an earlier version/);

      assert.match(await say(ivy, 'sign off yearly report 2025-26'), /^Signed$/m);
      assert.equal(lineOf(await report('2025-26'), 'Integrated Care Board')?.signed, 'this version');
      assert.equal((await rowsOf('2025-26', ivy)).length, 2, 'both sign-offs are kept');
    });

    it('a late update inside the running year overtakes a draft’s sign-off', async () => {
      // Signed for the content as it now stands (the redaction above changed it too: the year's starting
      // statuses are part of the record behind it).
      assert.match(await say(dana, 'sign off yearly report 2026-27'), /Signed/);
      assert.equal(lineOf(await report('2026-27'), 'Thames Valley Police')?.signed, 'this version');
      assert.match(await say(chair, 'update 6.1 amber Themes agreed late'), /6\.1/);
      assert.equal(lineOf(await report('2026-27'), 'Thames Valley Police')?.signed, 'an earlier version');
    });
  });

  describe('telling partners their sign-off is for an earlier version, when Teams fails', () => {
    const told = (user: TestUser) =>
      bot.connector.calls.filter(
        (call) =>
          call.method === 'POST' &&
          call.path === `/v3/conversations/a:personal-${user.id}/activities` &&
          /your sign-off is for an earlier version/.test(texts([call.body ?? {}])),
      ).length;
    const postsTo = (user?: TestUser) => (call: { method: string; path: string }) =>
      call.method === 'POST' &&
      (user
        ? call.path === `/v3/conversations/a:personal-${user.id}/activities`
        : /\/v3\/conversations\/[^/]+\/activities$/.test(call.path));
    const check = () => bot.bot.useCases.yearlySignOffs.tellEarlierVersionsLogged();

    async function signThenChange(note: string): Promise<void> {
      // A minute on, so that each partner's latest sign-off is the one made here.
      now = new Date(now.getTime() + 60_000);
      assert.match(await say(carol, 'sign off yearly report 2026-27'), /Signed|Already signed/);
      assert.match(await say(ivy, 'sign off yearly report 2026-27'), /Signed|Already signed/);
      await check(); // Dana's older sign-off is told of here, out of the counts below.
      assert.match(await say(chair, `update 5.1 red ${note}`), /5\.1/);
      bot.connector.reset();
    }

    it('a notice Teams refuses (500) is given back: the partner is told once, on a later run', async () => {
      await signThenChange('Later news');
      bot.connector.failNext({ match: postsTo(), status: 500, times: 100 });
      await check();
      await check();
      await check();
      // Every attempt was refused; each run tried both partners again.
      assert.ok(told(carol) >= 3 && told(ivy) >= 3, `${told(carol)} ${told(ivy)}`);
      bot.connector.reset();
      await check();
      await check();
      assert.deepEqual([told(carol), told(ivy)], [1, 1], 'each told exactly once');
    });

    it("one partner's failed notice does not hold up the others'", async () => {
      await signThenChange('Even later news');
      bot.connector.failNext({ match: postsTo(carol), status: 500, times: 100 });
      await check();
      assert.ok(told(carol) >= 1, 'Carol was tried, and refused');
      assert.equal(told(ivy), 1, 'Ivy was told all the same');
      bot.connector.reset();
      await check();
      await check();
      assert.deepEqual([told(carol), told(ivy)], [1, 0], 'Carol told once, Ivy not again');
    });

    it('the notice is true whatever changed: it names updates, redactions and the partnership', async () => {
      await signThenChange('News for the wording');
      await check();
      const notice = texts(bot.connector.calls.filter(postsTo(carol)).map((call) => call.body ?? {}));
      assert.match(
        notice,
        /the content behind the report has changed since you signed: a late update, a redaction, or a change to the plan, the partners or the scrutineer/,
      );
      assert.doesNotMatch(notice, /\(a late update or a redaction\)/);
    });
  });

  describe('a sign-off redelivered after the record changed', () => {
    it('is answered as the first was, with the fingerprint that was signed, and says the content has changed since', async () => {
      const activity = personalMessage(bot.serviceUrl, ivy, 'sign off yearly report 2026-27');
      const first = texts(await exchange(activity));
      const signed = /content fingerprint ([0-9a-f]{16})/.exec(first)?.[1];
      assert.ok(signed, first);
      assert.match(await say(chair, 'update 4.3 amber One locality paused'), /4\.3/);
      const now = (await report('2026-27')).fingerprint;
      assert.notEqual(now, signed);
      const again = texts(await exchange(activity));
      assert.ok(again.startsWith(first), `${again}\n--- was ---\n${first}`);
      assert.match(again.slice(first.length), new RegExp(`has changed since.*${now}`, 's'));
      assert.equal(lineOf(await report('2026-27'), 'Integrated Care Board')?.signed, 'an earlier version');
    });
  });

  describe("the scrutineer's comment", () => {
    const COMMENT = 'Impact evidence is thin for priority 4; ask for audit results next year.';

    it('is saved once, even when redelivered, and appears in the report', async () => {
      const activity = personalMessage(
        bot.serviceUrl,
        scrutineer,
        `scrutineer comment yearly report 2026-27 ${COMMENT}`,
      );
      const first = texts(await exchange(activity));
      assert.match(first, /Comment saved/);
      assert.equal(texts(await exchange(activity)), first);
      const comments = await ledger.comments('2026-27');
      assert.equal(comments.length, 1);
      const view = await report('2026-27');
      assert.deepEqual(
        view.comments.map((comment) => comment.text),
        [COMMENT],
      );
    });

    for (const [where, place] of [
      ['a channel', channelMention],
      ['a group chat', groupMessage],
    ] as const) {
      it(`is refused in ${where}, where others read it, and nothing is stored`, async () => {
        const before = await ledger.comments('2026-27');
        const sent = await exchange(
          place(bot.serviceUrl, scrutineer, `scrutineer comment yearly report 2026-27 ${COMMENT}`),
        );
        assert.match(texts(sent), /only in a personal chat/);
        assert.doesNotMatch(texts(sent), /Comment saved/);
        assert.deepEqual(await ledger.comments('2026-27'), before);
      });
    }

    it('is refused from anyone else, and when it holds personal data; nothing is stored', async () => {
      assert.match(
        await say(dana, `scrutineer comment yearly report 2026-27 ${COMMENT}`),
        /Only the independent scrutineer/,
      );
      assert.match(
        await say(
          scrutineer,
          'scrutineer comment yearly report 2026-27 See the child with NHS number 943 476 5919',
        ),
        /looks as though it holds an NHS number/,
      );
      assert.match(
        await say(scrutineer, 'scrutineer comment yearly report 2026-27'),
        /Type the year, then your comment/,
      );
      assert.equal((await ledger.comments('2026-27')).length, 1);
    });
  });

  describe('`yearly report 2026-27`: the Word file through file consent', () => {
    function accept(user: TestUser, context: unknown, id?: string) {
      const name = 'OSCB yearly report 2026-27 DRAFT.docx';
      const invoke = fileConsentInvoke(bot.serviceUrl, user, {
        action: 'accept',
        context,
        uploadInfo: {
          name,
          uploadUrl: bot.connector.uploadUrl(name, TOKEN),
          contentUrl: `https://contoso-my.sharepoint.com/personal/chair/Documents/Applications/${encodeURIComponent(name)}`,
          uniqueId: '2250D938-8870-4044-9F2C-5BBDEBA70C8C',
          fileType: 'docx',
        },
      });
      return id ? { ...invoke, id } : invoke;
    }

    it('an admin is offered the file; the accept uploads it once, however often Teams redelivers it', async () => {
      const sent = await exchange(personalMessage(bot.serviceUrl, chair, 'yearly report 2026-27'));
      assert.match(texts(sent), /Yearly report 2026-27 \(DRAFT\) as at 7 Dec/);
      const [card] = consentCards(sent);
      assert.equal(card.name, 'OSCB yearly report 2026-27 DRAFT.docx');
      assert.deepEqual(card.content.acceptContext, { kind: 'yearlyReport', year: '2026-27', format: 'docx' });
      assert.equal(bot.connector.uploads.length, 0, 'nothing is sent before the person accepts');

      const invoke = accept(chair, card.content.acceptContext);
      const answered = await exchange(invoke);
      await exchange(invoke);
      await Promise.all([bot.send(invoke), bot.send(invoke)]);
      await bot.bot.workAfterAnswer.settled();
      assert.equal(bot.connector.uploads.length, 1, 'one upload for one accept');
      assert.equal(attachmentsOf(answered, FILE_INFO_CONTENT_TYPE).length, 1);

      const entries = await readZipEntries(bot.connector.uploads[0].bytes);
      const document = entries.find((entry) => entry.name === 'word/document.xml');
      assert.ok(document);
      const xml = document.data.toString('utf8');
      assert.match(xml, /7\. Sign-off/);
      assert.match(xml, /Signed by Carol Chief/);
      assert.match(xml, /for an earlier version/);
      assert.match(xml, /Comments from the independent scrutineer/);
      assert.ok(xml.includes('Impact evidence is thin for priority 4'));
    });

    it('is refused to a non-admin, and in a channel, with no file offered', async () => {
      const asOwner = await exchange(personalMessage(bot.serviceUrl, owner, 'yearly report 2026-27'));
      assert.match(texts(asOwner), /Only board admins/);
      assert.equal(consentCards(asOwner).length, 0);
      const inChannel = await exchange(channelMention(bot.serviceUrl, chair, 'yearly report 2026-27'));
      assert.match(texts(inChannel), /personal chat/);
      assert.equal(consentCards(inChannel).length, 0);
      assert.match(await say(chair, 'yearly report 2099-00'), /has not begun/);
    });

    it('an accept by a non-admin uploads nothing', async () => {
      const sent = await exchange(accept(owner, { kind: 'yearlyReport', year: '2026-27', format: 'docx' }));
      assert.match(texts(sent), /Only board admins/);
      assert.equal(bot.connector.uploads.length, 0);
    });

    for (const [why, context] of [
      ['a year not yet begun', { kind: 'yearlyReport', year: '2099-00', format: 'docx' }],
      ['years that do not follow', { kind: 'yearlyReport', year: '2026-28', format: 'docx' }],
      ['words for a year', { kind: 'yearlyReport', year: '<b>2026</b>', format: 'docx' }],
      ['an Excel yearly report', { kind: 'yearlyReport', year: '2026-27', format: 'xlsx' }],
      ['another kind', { kind: 'minutes', year: '2026-27', format: 'docx' }],
      ['a claim of rights', { kind: 'yearlyReport', year: '2026-27', format: 'docx', admin: true }],
      ['a pack kind with a year', { kind: 'pack', year: '2026-27', format: 'docx' }],
    ] as const) {
      it(`an accept with a forged context (${why}) is refused politely and nothing is uploaded`, async () => {
        const sent = await exchange(accept(chair, context));
        assert.match(texts(sent), /could not be read/);
        assert.equal(bot.connector.uploads.length, 0);
      });
    }
  });
});
