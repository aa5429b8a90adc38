import { strict as assert } from 'node:assert';
import {
  decideEscalation,
  escalationDay,
  type EscalationFacts,
} from '../../../domain/escalation/escalation-rule';

const UK = 'Europe/London';
const PLAN_START = '2026-01-05T09:00:00Z';
const settings = (now: string) => ({
  now: new Date(now),
  timeZone: UK,
  afterDays: 28,
  planStart: PLAN_START,
});
const owned: EscalationFacts = {
  rag: 'amber',
  updatedAt: '2026-10-01T22:30:00Z', // 23:30 on 1 October, UK summer time
  ownerEmail: 'olive.owner@agency.example',
  ownerSince: '2026-03-01T10:00:00Z',
  lastRemindedAt: '2026-10-19T08:00:00Z',
};

describe('the escalation rule (UK calendar days)', () => {
  const cases: [string, EscalationFacts, string, string][] = [
    // Silent since 23:30 BST on 1 Oct: 28 days later is 29 Oct on the UK calendar, whatever the hour.
    ['27 UK days after the last update: not yet', owned, '2026-10-28T23:59:00Z', 'quiet'],
    [
      '28 UK days after, just past midnight GMT (the clocks went back between)',
      owned,
      '2026-10-29T00:01:00Z',
      'escalate',
    ],
    [
      'silent long enough, but never reminded during this silence: remind first',
      { ...owned, lastRemindedAt: '2026-09-30T08:00:00Z' },
      '2026-11-10T09:00:00Z',
      'remindFirst',
    ],
    [
      'no reminder at all: remind first',
      { ...owned, lastRemindedAt: undefined },
      '2026-11-10T09:00:00Z',
      'remindFirst',
    ],
    ['complete: never escalated', { ...owned, rag: 'complete' }, '2027-06-01T09:00:00Z', 'quiet'],
    ['no owner for 28 days from the plan start', { rag: 'not_started' }, '2026-02-02T00:30:00Z', 'escalate'],
    ['no owner for 27 days from the plan start', { rag: 'not_started' }, '2026-02-01T23:30:00Z', 'quiet'],
    // A new owner on 20 Oct: their silence counts from then, not from the last update on 1 Oct.
    [
      'an owner who took over mid-way, 27 days after taking over',
      { ...owned, ownerSince: '2026-10-20T11:00:00Z', lastRemindedAt: '2026-11-03T09:00:00Z' },
      '2026-11-16T12:00:00Z',
      'quiet',
    ],
    [
      'the same owner, 28 days after taking over and reminded since',
      { ...owned, ownerSince: '2026-10-20T11:00:00Z', lastRemindedAt: '2026-11-03T09:00:00Z' },
      '2026-11-17T00:00:00Z',
      'escalate',
    ],
    [
      'a new owner reminded only before they took over is reminded first',
      { ...owned, ownerSince: '2026-10-20T11:00:00Z', lastRemindedAt: '2026-10-19T08:00:00Z' },
      '2026-11-17T09:00:00Z',
      'remindFirst',
    ],
    [
      'an update after the reminder restarts the silence',
      { ...owned, updatedAt: '2026-10-20T08:00:00Z' },
      '2026-11-16T09:00:00Z',
      'quiet',
    ],
  ];
  for (const [name, facts, now, expected] of cases) {
    it(name, () => assert.equal(decideEscalation(facts, settings(now)).kind, expected));
  }

  it('says why and for how long', () => {
    assert.deepEqual(decideEscalation(owned, settings('2026-11-15T12:00:00Z')), {
      kind: 'escalate',
      why: 'ownerSilent',
      silentSince: owned.updatedAt,
      silentDays: 45,
    });
    const unowned = decideEscalation({ rag: 'not_started' }, settings('2026-03-01T12:00:00Z'));
    assert.equal(unowned.kind === 'escalate' && unowned.why, 'noOwner');
  });

  it('never counts silence from before the plan started', () => {
    const old = { ...owned, updatedAt: '2025-01-01T09:00:00Z', ownerSince: '2025-01-01T09:00:00Z' };
    assert.equal(
      decideEscalation({ ...old, lastRemindedAt: '2026-01-20T09:00:00Z' }, settings('2026-02-01T09:00:00Z'))
        .kind,
      'quiet',
    );
  });

  it('names the first UK day on which the action can be escalated', () => {
    assert.deepEqual(escalationDay(owned, { timeZone: UK, afterDays: 28, planStart: PLAN_START }), {
      year: 2026,
      month: 10,
      day: 29,
    });
  });
});
