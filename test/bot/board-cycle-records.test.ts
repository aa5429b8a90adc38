import { strict as assert } from 'node:assert';
import { personalMessage, type TestUser } from '../../scripts/support/teams-activities';
import { actionsOf, cardText, inputsOf, onlyCard, type Card } from '../../scripts/support/card-content';
import { press, say as sayTo, startBoardBot } from '../support/board-bot';
import { chair, owner, stranger } from '../support/people';
import type { TestBot } from '../support/test-bot';
import { fieldsOf } from '../support/history-fields';

/** The board's record (issue 12): impact, evidence, corrective action, target dates, lead agencies, history by period. */
describe('the board cycle record: richer updates, target dates, lead agencies, history by period (real server, Azurite)', () => {
  let bot: TestBot;

  // 2 December 2026, midday in London: every change below is stamped with this clock.
  let now = new Date('2026-12-02T12:00:00Z');

  beforeEach(async () => {
    now = new Date('2026-12-02T12:00:00Z');
    bot = await startBoardBot({
      admins: [chair],
      owners: { '2.1': owner, '2.2': owner, '4.3': owner, '5.1': owner },
      others: [stranger],
      clock: () => now,
    });
  });
  afterEach(async () => bot.stop());

  const history = async (actionId: string) =>
    (await bot.bot.stores.statusService.history(actionId, 1000)).map(fieldsOf);
  const current = async (actionId: string) => bot.bot.stores.statusService.currentStatus(actionId);
  const say = async (user: TestUser, text: string): Promise<Card> => sayTo(bot, user, text);
  const execute = async (user: TestUser, data: unknown): Promise<Card> =>
    press(bot, user, 'updateStatus', data);

  /** A red update with an impact, evidence link and corrective action, through the form; the bot's answer. */
  async function slipAudit(): Promise<Card> {
    const data = await formData(owner, '5.1');
    return execute(owner, {
      ...data,
      rag: 'red',
      note: 'Audit slipped a month',
      impact: 'Fewer repeat referrals in the pilot area',
      evidenceLink: 'https://oxon.sharepoint.com/sites/board/audit.pdf',
      correctiveAction: 'Extra audit panel in January',
    });
  }

  const inputValue = (card: Card, id: string) => inputsOf(card).find((input) => input.id === id)?.value;

  async function formData(user: TestUser, actionId: string): Promise<Record<string, unknown>> {
    const card = await say(user, `show action ${actionId}`);
    const submit = actionsOf(card).find((action) => action.verb === 'updateStatus');
    assert.ok(submit?.data, 'the form is there');
    return submit.data;
  }

  function openUrls(card: Card): string[] {
    const found: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        const record = node as Record<string, unknown>;
        if (record.type === 'Action.OpenUrl') found.push(String(record.url));
        Object.values(record).forEach(walk);
      }
    };
    walk(card);
    return found;
  }

  describe('the richer update form', () => {
    it('impact, evidence link and corrective action round-trip through Action.Execute into one history row', async () => {
      const before = await history('5.1');
      const card = await slipAudit();
      const text = cardText(card);
      assert.match(text, /Saved: .* → Red/);
      assert.match(text, /Impact so far: \nFewer repeat referrals in the pilot area/);
      assert.match(text, /Corrective action: \nExtra audit panel in January/);
      assert.deepEqual(openUrls(card), ['https://oxon.sharepoint.com/sites/board/audit.pdf']);
      const after = await history('5.1');
      assert.equal(after.length, before.length + 1, 'one history row');
      const [entry] = after;
      assert.equal(entry.kind, 'status');
      assert.equal(entry.impact, 'Fewer repeat referrals in the pilot area');
      assert.equal(entry.evidenceUrl, 'https://oxon.sharepoint.com/sites/board/audit.pdf');
      assert.equal(entry.correctiveAction, 'Extra audit panel in January');
      const status = await current('5.1');
      assert.equal(status.correctiveAction, 'Extra audit panel in January');
      assert.equal(status.ragSince, now.toISOString(), 'the RAG changed now');
      // The next form starts from what was said, so the owner restates rather than retypes it.
      const next = await say(owner, 'show action 5.1');
      assert.equal(inputValue(next, 'impact'), 'Fewer repeat referrals in the pilot area');
      assert.equal(inputValue(next, 'correctiveAction'), 'Extra audit panel in January');
    });

    it('ragSince stays at the last RAG change when the RAG does not change', async () => {
      await slipAudit();
      const since = (await current('5.1')).ragSince;
      now = new Date('2026-12-03T12:00:00Z');
      const data = await formData(owner, '5.1');
      await execute(owner, { ...data, rag: 'red', note: 'Still late', correctiveAction: 'Panel booked' });
      assert.equal((await current('5.1')).ragSince, since);
    });

    it('red without a corrective action is refused, the form kept with everything typed', async () => {
      const data = await formData(owner, '5.1');
      const before = await history('5.1');
      const typed = {
        rag: 'red',
        note: 'Behind again',
        impact: 'Some impact',
        evidenceLink: 'https://example.org/report',
        correctiveAction: '  ',
      };
      const card = await execute(owner, { ...data, ...typed });
      assert.match(cardText(card), /Not saved: A red status needs a corrective action/);
      assert.equal(inputValue(card, 'rag'), 'red');
      assert.equal(inputValue(card, 'note'), typed.note);
      assert.equal(inputValue(card, 'impact'), typed.impact);
      assert.equal(inputValue(card, 'evidenceLink'), typed.evidenceLink);
      assert.ok(
        actionsOf(card).some((action) => action.verb === 'updateStatus'),
        'the form can be sent again',
      );
      assert.deepEqual(await history('5.1'), before, 'nothing stored');
    });

    const badLinks: [string, string, RegExp][] = [
      ['javascript:', 'javascript:alert(1)', /Only https:\/\/ links can be recorded/],
      ['http:', 'http://example.org/report', /Only secure links/],
      ['data:', 'data:text/html,<b>hi</b>', /Only https:\/\/ links can be recorded/],
      ['spaces', 'https://example.org/my report.pdf', /cannot contain spaces/],
      ['2,000+ characters', `https://example.org/${'a'.repeat(2000)}`, /at most 2,000 characters/],
      ['no scheme', 'example.org/report', /starting https:\/\//],
    ];
    for (const [name, link, problem] of badLinks) {
      it(`an evidence link with ${name} is refused, the form kept with everything typed`, async () => {
        const data = await formData(owner, '4.3');
        const before = await history('4.3');
        const card = await execute(owner, {
          ...data,
          rag: 'amber',
          note: 'Training booked',
          impact: 'More staff trained',
          evidenceLink: link,
        });
        assert.match(cardText(card), /Not saved: Evidence link: /);
        assert.match(cardText(card), problem);
        assert.equal(inputValue(card, 'evidenceLink'), link);
        assert.equal(inputValue(card, 'note'), 'Training booked');
        assert.equal(inputValue(card, 'impact'), 'More staff trained');
        assert.equal(inputValue(card, 'rag'), 'amber');
        assert.deepEqual(openUrls(card), [], 'never a button');
        assert.deepEqual(await history('4.3'), before, 'nothing stored');
      });
    }

    it('the personal-data check reads every box, and "Store as written" stores them all', async () => {
      const data = await formData(owner, '4.3');
      const before = await history('4.3');
      const card = await execute(owner, {
        ...data,
        rag: 'red',
        note: 'Behind',
        impact: 'Helped the family at OX4 2SH',
        correctiveAction: 'Call NHS 943 476 5919',
      });
      assert.match(cardText(card), /seems to contain|a full postcode|an NHS number/);
      assert.deepEqual(await history('4.3'), before, 'nothing stored until confirmed');
      assert.equal(inputValue(card, 'impact'), 'Helped the family at OX4 2SH');
      const store = actionsOf(card).find((action) => action.title === 'Store as written');
      assert.ok(store?.data);
      assert.equal(store.data.impact, 'Helped the family at OX4 2SH');
      assert.equal(store.data.correctiveAction, 'Call NHS 943 476 5919');
      const saved = await execute(owner, store.data);
      assert.match(cardText(saved), /Saved: .* → Red/);
      const [entry] = await history('4.3');
      assert.equal(entry.impact, 'Helped the family at OX4 2SH');
      assert.equal(entry.correctiveAction, 'Call NHS 943 476 5919');
    });

    it('a redaction takes out every text of the change, in history and in the current status', async () => {
      const form = await execute(owner, {
        ...(await formData(owner, '4.3')),
        rag: 'red',
        note: 'Behind',
        impact: 'Helped the family at OX4 2SH',
        correctiveAction: 'Call NHS 943 476 5919',
      });
      const store = actionsOf(form).find((action) => action.title === 'Store as written');
      await execute(owner, store?.data);
      const [change] = await history('4.3');
      assert.ok(change.impact && change.correctiveAction);
      const card = await say(chair, `redact 4.3 #${change.version} because it identified a family`);
      assert.match(cardText(card), /now reads "\[redacted by Chris Chair/);
      const redacted = (await history('4.3')).find((entry) => entry.version === change.version);
      assert.match(String(redacted?.note), /^\[redacted by Chris Chair/);
      assert.equal(redacted?.impact, redacted?.note);
      assert.equal(redacted?.correctiveAction, redacted?.note);
      const status = await current('4.3');
      assert.equal(status.impact, redacted?.note);
      assert.equal(status.correctiveAction, redacted?.note);
      const shown = cardText(await say(chair, 'history 4.3'));
      assert.doesNotMatch(shown, /OX4 2SH|943 476 5919/);
    });

    it('a typed "update red" still works: its note is both progress and corrective action', async () => {
      await say(owner, 'update 2.2 red Waiting on the provider');
      const status = await current('2.2');
      assert.equal(status.rag, 'red');
      assert.equal(status.note, 'Waiting on the provider');
      assert.equal(status.correctiveAction, 'Waiting on the provider');
      assert.equal((await history('2.2'))[0].correctiveAction, 'Waiting on the provider');
    });

    it('a typed "update amber" keeps the impact and evidence it did not restate', async () => {
      const data = await formData(owner, '2.2');
      await execute(owner, {
        ...data,
        rag: 'amber',
        note: 'Moving',
        impact: 'Impact kept',
        evidenceLink: 'https://example.org/kept',
      });
      await say(owner, 'update 2.2 amber Still moving');
      const status = await current('2.2');
      assert.equal(status.impact, 'Impact kept');
      assert.equal(status.evidenceUrl, 'https://example.org/kept');
      assert.equal(status.correctiveAction, undefined);
      assert.equal((await history('2.2'))[0].impact, undefined, 'the typed change said nothing of impact');
    });

    it('"my actions" forms carry the new boxes per action and save them', async () => {
      const list = await say(owner, 'my actions');
      const submit = actionsOf(list).find(
        (action) => action.verb === 'updateStatus' && action.data?.actionId === '2.1',
      );
      assert.ok(submit?.data);
      for (const id of ['impact-2.1', 'evidence-2.1', 'corrective-2.1']) {
        assert.ok(
          inputsOf(list).some((input) => input.id === id),
          id,
        );
      }
      const card = await execute(owner, {
        ...submit.data,
        'rag-2.1': 'red',
        'note-2.1': 'Late',
        'impact-2.1': 'Impact from the list',
        'evidence-2.1': 'https://example.org/list',
        'corrective-2.1': '',
      });
      assert.match(cardText(card), /My actions/);
      assert.match(cardText(card), /A red status needs a corrective action/);
      assert.equal(inputValue(card, 'impact-2.1'), 'Impact from the list');
      assert.equal(inputValue(card, 'evidence-2.1'), 'https://example.org/list');
      const saved = await execute(owner, {
        ...submit.data,
        'rag-2.1': 'red',
        'note-2.1': 'Late',
        'impact-2.1': 'Impact from the list',
        'evidence-2.1': 'https://example.org/list',
        'corrective-2.1': 'Escalated to the exec',
      });
      assert.match(cardText(saved), /Saved: .* → Red/);
      const [entry] = await history('2.1');
      assert.equal(entry.correctiveAction, 'Escalated to the exec');
      assert.equal(entry.evidenceUrl, 'https://example.org/list');
    });
  });

  describe('target dates', () => {
    it('the first "due" sets the target; the card shows it', async () => {
      const card = await say(owner, 'due 5.1 31 March 2027');
      assert.match(cardText(card), /Target date set: 31 March 2027/);
      assert.match(cardText(card), /Target: \n31 March 2027/);
      const status = await current('5.1');
      assert.equal(status.targetDate, '2027-03-31');
      assert.equal(status.revisedTargetDate, undefined);
      const [entry] = await history('5.1');
      assert.equal(entry.kind, 'target');
      assert.equal(entry.targetDate, '2027-03-31');
      assert.equal(entry.previousTargetDate, undefined);
    });

    it('a revision keeps the original and records old → new and the reason', async () => {
      await say(owner, 'due 5.1 31 March 2027');
      const card = await say(chair, 'due 5.1 30/06/2027 because the audit moved');
      assert.match(cardText(card), /Target moved from 31 March 2027 to 30 June 2027/);
      assert.match(cardText(card), /revised from 31 March 2027/);
      const status = await current('5.1');
      assert.equal(status.targetDate, '2027-03-31', 'the original is kept');
      assert.equal(status.revisedTargetDate, '2027-06-30');
      const [entry] = await history('5.1');
      assert.deepEqual(
        [entry.kind, entry.targetDate, entry.previousTargetDate, entry.reason],
        ['target', '2027-06-30', '2027-03-31', 'the audit moved'],
      );
      const shown = cardText(await say(owner, 'history 5.1'));
      assert.match(shown, /Target date moved from 31 March 2027 to 30 June 2027/);
      assert.match(shown, /Reason: \nthe audit moved/);
    });

    it('the same date again changes nothing', async () => {
      await say(owner, 'due 5.1 2027-06-30');
      const before = await history('5.1');
      const card = await say(owner, 'due 5.1 2027-06-30');
      assert.match(cardText(card), /already the target date/);
      assert.deepEqual(await history('5.1'), before);
    });

    const badDates: [string, RegExp][] = [
      ['due 5.1 31 February 2027', /February 2027 has 28 days/],
      ['due 5.1 next week', /could not read that as a date/],
      ['due 5.1 03/31/2027', /day first/],
      ['due 5.1 31 March 2099', /more than 10 years ahead/],
      [`due 5.1 ${'9'.repeat(5000)}`, /too long for a date/],
      ['due 5.1 30 June 2027 because NHS 943 476 5919', /The reason looks as though it holds an NHS number/],
    ];
    for (const [text, problem] of badDates) {
      it(`"${text.slice(0, 50)}" is refused and nothing is stored`, async () => {
        const before = await history('5.1');
        const card = await say(owner, text);
        assert.match(cardText(card), /Nothing was saved/);
        assert.match(cardText(card), problem);
        assert.deepEqual(await history('5.1'), before);
      });
    }

    it('past its date and not complete, an action shows "overdue by 12 days" on its card and in my actions', async () => {
      await say(owner, 'due 2.1 20 November 2026');
      now = new Date('2026-12-02T12:00:00Z');
      assert.match(cardText(await say(owner, 'show action 2.1')), /20 November 2026\n · overdue by 12 days/);
      assert.match(cardText(await say(owner, 'my actions')), /20 November 2026\n · overdue by 12 days/);
      now = new Date('2026-12-03T12:00:00Z');
    });

    it('a complete action is not overdue', async () => {
      await say(owner, 'due 2.1 20 November 2026');
      await say(owner, 'update 2.1 complete Done');
      const text = cardText(await say(owner, 'show action 2.1'));
      assert.match(text, /Target: \n20 November 2026/);
      assert.doesNotMatch(text, /overdue/);
    });

    it('a redelivered "due" (or "lead") changes the record once and is answered the same way', async () => {
      for (const text of ['due 4.3 1 May 2027 because panel moved', 'lead 4.3 Oxfordshire County Council']) {
        const before = (await history('4.3')).length;
        const activity = personalMessage(bot.serviceUrl, chair, text);
        await bot.send(activity);
        const first = cardText(onlyCard(bot.connector.sentActivities().at(-1)));
        await bot.send(activity);
        const second = cardText(onlyCard(bot.connector.sentActivities().at(-1)));
        assert.equal((await history('4.3')).length, before + 1, text);
        assert.match(second, /Target date set|Lead agency set/);
        assert.equal(second.split('\n')[0], first.split('\n')[0]);
      }
    });

    it('someone who is neither owner nor admin is refused, and nothing is stored', async () => {
      const before = await history('5.1');
      const card = await say(stranger, 'due 5.1 1 May 2027');
      assert.match(cardText(card), /Only the owner or a board admin can set the target date/);
      assert.deepEqual(await history('5.1'), before);
    });
  });

  describe('lead agencies', () => {
    it('an admin sets the lead; the card shows it; history records it', async () => {
      const card = await say(chair, 'lead 5.1 Thames Valley Police');
      assert.match(cardText(card), /Lead agency set: Thames Valley Police/);
      assert.match(cardText(card), /Lead agency: \nThames Valley Police/);
      assert.equal((await current('5.1')).leadAgency, 'Thames Valley Police');
      const [entry] = await history('5.1');
      assert.deepEqual(
        [entry.kind, entry.leadAgency, entry.previousLeadAgency],
        ['lead', 'Thames Valley Police', undefined],
      );
    });

    it('a change records the previous lead', async () => {
      await say(chair, 'lead 5.1 Thames Valley Police');
      await say(chair, 'lead 5.1 Oxford Health NHS Foundation Trust');
      const [entry] = await history('5.1');
      assert.deepEqual(
        [entry.leadAgency, entry.previousLeadAgency],
        ['Oxford Health NHS Foundation Trust', 'Thames Valley Police'],
      );
      assert.match(
        cardText(await say(chair, 'history 5.1')),
        /Lead agency changed from \nThames Valley Police\n to \nOxford Health NHS Foundation Trust/,
      );
    });

    const refused: [string, TestUser, RegExp][] = [
      ['the owner (not an admin)', owner, /Only board admins can set the lead agency/],
      ['someone else', stranger, /Only board admins can set the lead agency/],
    ];
    for (const [who, user, problem] of refused) {
      it(`${who} is refused, and nothing is stored`, async () => {
        const before = await history('5.1');
        assert.match(cardText(await say(user, 'lead 5.1 Anyone')), problem);
        assert.deepEqual(await history('5.1'), before);
      });
    }

    it('a name that is too long, or holds personal data, is refused', async () => {
      const before = await history('5.1');
      assert.match(cardText(await say(chair, `lead 5.1 ${'A'.repeat(121)}`)), /at most 120 characters/);
      assert.match(cardText(await say(chair, 'lead 5.1 Team at OX4 2SH')), /a full postcode/);
      assert.deepEqual(await history('5.1'), before);
    });
  });

  describe('history by period', () => {
    it('an action: every change in the period, newest first, of every kind', async () => {
      await slipAudit();
      await say(owner, 'due 5.1 31 March 2027');
      await say(chair, 'due 5.1 30/06/2027 because the audit moved');
      await say(chair, 'lead 5.1 Thames Valley Police');
      await say(chair, 'lead 5.1 Oxford Health NHS Foundation Trust');
      const text = cardText(await say(stranger, 'history 5.1 since 1 December 2026'));
      assert.match(text, /History of 5\.1/);
      assert.match(text, /changes to 5\.1 since 1 December 2026, newest first/);
      const lead = text.indexOf('Lead agency changed');
      const target = text.indexOf('Target date moved');
      const status = text.indexOf('Corrective action: \nExtra audit panel');
      assert.ok(lead >= 0 && target > lead && status > target, 'newest first, every kind');
    });

    it('a page of a period is answered as what it is, not as a bad date', async () => {
      const text = cardText(await say(owner, 'history priority 5 since 1 April 2026 page 2'));
      assert.match(text, /The changes to priority 5 since 1 April 2026 fill 1 page/);
      assert.doesNotMatch(text, /date/i);
    });

    it('a period with nothing in it says so', async () => {
      const text = cardText(await say(owner, 'history 5.1 from 1 Jan 2026 to 31 Mar 2026'));
      assert.match(text, /No changes to 5\.1 from 1 January 2026 to 31 March 2026/);
    });

    it('the period ends at the end of its last day in London', async () => {
      await slipAudit();
      now = new Date('2026-12-03T12:00:00Z');
      await say(owner, 'update 5.1 red Still late');
      const text = cardText(await say(owner, 'history 5.1 from 1 Nov 2026 to 2 December 2026'));
      assert.doesNotMatch(text, /Still late/, 'the 3 December change is after the period');
      assert.match(text, /Audit slipped a month/);
    });

    it('a priority: its actions together, 25 to a page, with the rest counted honestly', async () => {
      const by = { name: chair.name, email: chair.email };
      for (let index = 1; index <= 30; index++) {
        await bot.bot.stores.statusService.updateStatus({
          actionId: '2.3',
          ragWord: index % 2 ? 'green' : 'complete',
          note: `bulk ${index}`,
          by,
        });
      }
      const text = cardText(await say(owner, 'history priority 2 since 1 December 2026'));
      assert.match(text, /History of priority 2/);
      const total = (await Promise.all(['2.1', '2.2', '2.3', '2.4'].map(history)))
        .flat()
        .filter((entry) => (entry.at ?? '') >= '2026-12-01').length;
      assert.match(text, new RegExp(`${total} changes to priority 2 since 1 December 2026`));
      assert.match(text, new RegExp(`Page 1 of ${Math.ceil(total / 25)}\\. ${total - 25} older changes`));
      assert.match(text, /bulk 30/);
      assert.doesNotMatch(text, /bulk 1\b/);
    });

    const badPeriods: [string, RegExp][] = [
      ['history 5.1 since 1 April 2099', /more than 10 years ahead|after today/],
      ['history 5.1 from 31 Mar 2026 to 1 Jan 2026', /before it starts/],
      ['history 5.1 since yesterday-ish', /could not read that as a date/],
      [`history 5.1 since ${'1 '.repeat(200)}`, /too long for a period/],
    ];
    for (const [text, problem] of badPeriods) {
      it(`"${text.slice(0, 50)}" is answered with the problem`, async () => {
        assert.match(cardText(await say(owner, text)), problem);
      });
    }
  });

  it('every new command is in help', async () => {
    const text = cardText(await say(chair, 'help'));
    for (const command of ['due 5.1 31 March 2027', 'lead 5.1 <agency>', 'history 5.1 since 1 April 2026']) {
      assert.ok(text.includes(command), command);
    }
  });
});
