import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionsOf, cardText, onlyCard } from '../../scripts/support/card-content';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import {
  BOARD_CHANNEL_ID,
  botInstalledInChannel,
  channelConversation,
  channelMention,
  personalConversation,
  personalMessage,
  submitAction,
  testUser,
} from '../../scripts/support/teams-activities';
import { planRows } from '../support/plan-snapshot';
import type { ConnectorCall } from '../support/recording-connector';
import { TestBot } from '../support/test-bot';

const chair = testUser('Chris Chair', 'chair@oscb.example');
const owner = testUser('Olive Owner', 'olive.owner@agency.example');
/** In the tenant, owns nothing, not an admin. */
const member = testUser('Mo Member', 'mo.member@partner.example');

const LEADS: Record<string, { lead: string; due?: string }> = {
  '4.2': { lead: 'Thames Valley Police' },
  '5.1': { lead: 'Thames Valley Police', due: '2026-11-11' },
  '2.1': { lead: 'Oxford Health' },
  '4.1': { lead: 'Oxfordshire County Council' },
};

/** The shipped plan with lead agencies and one target date, written where the bot can load it. */
function planWithLeads(): string {
  const plan = JSON.parse(fs.readFileSync(shippedPlanFile, 'utf8')) as {
    priorities: { actions: { id: string }[] }[];
  };
  for (const priority of plan.priorities) {
    priority.actions = priority.actions.map((action) => ({ ...action, ...LEADS[action.id] }));
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'board-read-')), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  return file;
}

const at = (iso: string) => new Date(iso);
const postedActivity = (call: ConnectorCall) => call.body?.activity as Record<string, unknown>;

describe('the board cycle, read side: show agency, exceptions, direction of travel (real server)', () => {
  let now = at('2026-11-02T09:00:00Z');
  let afterExtraDigests = '';
  let bot: TestBot;
  let planFile: string;

  async function say(user: typeof chair, text: string): Promise<string> {
    bot.connector.reset();
    assert.equal((await bot.send(personalMessage(bot.serviceUrl, user, text))).status, 200);
    const sent = bot.connector.sentActivities();
    return cardText(onlyCard(sent[sent.length - 1]));
  }

  async function card(user: typeof chair, text: string) {
    bot.connector.reset();
    assert.equal((await bot.send(personalMessage(bot.serviceUrl, user, text))).status, 200);
    const sent = bot.connector.sentActivities();
    return onlyCard(sent[sent.length - 1]);
  }

  /** The week's scheduled digest, or with `force` an extra one (which "amber for 3 digests" does not count). */
  async function postDigest(force = false): Promise<void> {
    const result = await bot.bot.useCases.weeklyDigest.run({ force });
    assert.equal(result.kind, 'posted');
  }

  before(async () => {
    planFile = planWithLeads();
    bot = await TestBot.start({
      env: { BOARD_ADMINS: chair.email, PLAN_FILE: planFile, STALE_DAYS: '14' },
      clock: () => now,
      sendBackoffMs: 5,
      reminderGapMs: 1,
    });
    bot.meet(chair, owner, member);
    await bot.send(botInstalledInChannel(bot.serviceUrl, chair));
    await bot.send(channelMention(bot.serviceUrl, chair, 'set board channel'));
    for (const text of [`assign 2.1 to ${owner.email}`, `assign 4.3 to ${owner.email}`]) {
      await say(chair, text);
    }
    // Three extra digests in one afternoon with 2.2 amber at each: not three weeks.
    now = at('2026-10-26T09:00:00Z');
    await say(chair, 'update 2.2 amber Extra digests only');
    for (const minute of ['10', '11', '12']) {
      now = at(`2026-10-26T10:${minute}:00Z`);
      await postDigest(true);
    }
    afterExtraDigests = await say(member, 'exceptions');
    // Three weekly digests: 4.3 amber at each, 6.2 green at each.
    for (const week of ['2026-11-02', '2026-11-09', '2026-11-16']) {
      now = at(`${week}T09:00:00Z`);
      if (week === '2026-11-02') {
        await say(owner, 'update 2.1 red Referral pathway stalled');
        await say(chair, 'update 6.1 green On track');
      }
      await say(owner, `update 4.3 amber Week of ${week}: still waiting on the audit`);
      await say(chair, `update 5.1 green Week of ${week}: on track`);
      await say(chair, `update 6.2 green Week of ${week}: on track`);
      now = at(`${week}T10:00:00Z`);
      await postDigest();
    }
    now = at('2026-11-23T09:00:00Z');
    await say(chair, 'update 6.2 red Training provider withdrew');
  });
  after(async () => {
    await bot.stop();
    fs.rmSync(path.dirname(planFile), { recursive: true, force: true });
  });

  describe('exceptions', () => {
    it('lists red, amber unchanged for 3 digests, overdue, stale and never-updated actions by priority, for a plain member', async () => {
      const text = await say(member, 'exceptions');
      for (const expected of [
        "Needs the board's attention",
        'Priority 1: Improve board effectiveness',
        '1.1 ',
        'never updated',
        ' 2.1 ',
        'olive.owner@agency.example',
        'Oxford Health',
        'no update for 21 days',
        // A typed red's note is its corrective action too.
        'Referral pathway stalled',
        'Training provider withdrew',
        'Amber with no change for 3 digests',
        'overdue by 12 days',
        'target 11 November 2026',
        ' 6.2 ',
        '↓ worsening (was Green)',
      ]) {
        assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
      }
      // 6.1 is green and updated 21 days ago: stale, listed; 5.1 green but past its plan date.
      assert.match(text, /6\.1 [\s\S]*no update for 21 days/);
    });

    it('counts weekly digests only towards "amber for 3 digests", not extra ones from post digest', () => {
      assert.doesNotMatch(afterExtraDigests, /Amber with no change/);
    });

    it('answers "show exceptions" in the board channel to anyone', async () => {
      bot.connector.reset();
      await bot.send(channelMention(bot.serviceUrl, member, 'show exceptions'));
      const sent = bot.connector.sentActivities();
      assert.match(cardText(onlyCard(sent[sent.length - 1])), /Amber with no change for 3 digests/);
    });
  });

  describe('show agency', () => {
    it('one match: the agency’s actions with status, direction, owner and dates', async () => {
      const text = await say(member, 'show agency police');
      assert.match(text, /Thames Valley Police/);
      assert.match(text, /2 actions in the plan/);
      assert.match(text, /4\.2 /);
      assert.match(text, /5\.1 /);
      assert.match(text, /overdue by 12 days/);
      assert.match(text, /→ no change/, '5.1 was green at the last digest and is green now');
    });

    it('several matches: a button for each, and a button shows that agency', async () => {
      const choice = await card(member, 'show agency oxford');
      assert.match(cardText(choice), /More than one lead agency fits "oxford"/);
      const buttons = actionsOf(choice);
      assert.deepEqual(
        buttons.map((button) => button.data?.command),
        ['show agency Oxford Health', 'show agency Oxfordshire County Council'],
      );
      bot.connector.reset();
      await bot.send(submitAction(bot.serviceUrl, member, buttons[1].data, personalConversation(member)));
      const sent = bot.connector.sentActivities();
      const shown = cardText(onlyCard(sent[sent.length - 1]));
      assert.match(shown, /Oxfordshire County Council/);
      assert.match(shown, /4\.1 /);
    });

    it('no match: says so and offers the agencies there are', async () => {
      const answer = await card(member, 'show agency fire brigade');
      assert.match(cardText(answer), /No lead agency matches "fire brigade"/);
      assert.deepEqual(
        actionsOf(answer).map((button) => button.data?.command),
        [
          'show agency Oxford Health',
          'show agency Oxfordshire County Council',
          'show agency Thames Valley Police',
        ],
      );
    });

    it('a near miss finds the agency', async () => {
      assert.match(await say(member, 'show agency polise'), /2 actions in the plan/);
    });
  });

  describe('direction of travel on the other cards', () => {
    it('the priority card shows each action’s direction since the last digest', async () => {
      const text = await say(member, 'show priority 6');
      assert.match(text, /↓ worsening \(was Green\)/);
      assert.match(text, /→ no change/);
    });

    it('the action card shows its direction since the last digest', async () => {
      assert.match(await say(member, 'show action 6.2'), /↓ worsening \(was Green\)/);
    });

    it('the plan card rolls direction up per priority', async () => {
      assert.match(await say(member, 'show plan'), /↓ 1 worsening/);
    });
  });

  describe('the weekly digest', () => {
    it('has "Needs the board’s attention" and a button to the full report', async () => {
      bot.connector.reset();
      await postDigest(true);
      const posts = bot.connector.channelPosts(BOARD_CHANNEL_ID);
      const posted = onlyCard(postedActivity(posts[posts.length - 1]));
      const text = cardText(posted);
      assert.match(text, /Needs the board's attention/);
      // Built against the three digests before it.
      assert.match(text, /Amber with no change for 3 digests/);
      assert.match(text, /Training provider withdrew/);
      assert.ok(actionsOf(posted).some((button) => button.data?.command === 'exceptions'));
    });
  });

  describe('buttons only show', () => {
    it('pressing every button on the exceptions, agency and choice cards stores and posts nothing', async () => {
      const cards = [
        await card(member, 'exceptions'),
        await card(member, 'show agency police'),
        await card(member, 'show agency oxford'),
        await card(member, 'show agency fire brigade'),
      ];
      const before = await planRows(bot.bot.storage.tables.planStatus, bot.bot.plan.id);
      const digestsBefore = (await bot.bot.stores.postedDigests.list()).length;
      let pressed = 0;
      for (const shown of cards) {
        for (const button of actionsOf(shown)) {
          for (const conversation of [personalConversation(member), channelConversation()]) {
            bot.connector.reset();
            const response = await bot.send(submitAction(bot.serviceUrl, member, button.data, conversation));
            assert.equal(response.status, 200);
            assert.equal(bot.connector.channelPosts(BOARD_CHANNEL_ID).length, 0);
            pressed += 1;
          }
        }
      }
      assert.ok(pressed >= 20, `${pressed} presses`);
      assert.deepEqual(await planRows(bot.bot.storage.tables.planStatus, bot.bot.plan.id), before);
      assert.equal((await bot.bot.stores.postedDigests.list()).length, digestsBefore);
    });
  });
});
