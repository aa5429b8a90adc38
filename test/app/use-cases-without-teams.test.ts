import { strict as assert } from 'node:assert';
import { BoardChannel } from '../../app/board-channel';
import { ShowPlan } from '../../app/show-plan';
import type { ActionStatus } from '../../domain/action-status';
import type { BoardChannel as StoredBoardChannel, BoardChannelStore } from '../../domain/digest-ports';
import type { KnownTeam, KnownTeamStore } from '../../domain/known-teams';
import type { Person } from '../../domain/person';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';

/** Use cases take plain inputs and answer view-models: no Teams SDK, no card JSON, no server needed. */
describe('use cases run without Teams', () => {
  const plan = loadPlan(shippedPlanFile);
  const now = new Date('2026-12-02T10:00:00Z');
  const viewClock = () => ({ now, timeZone: 'Europe/London' });
  const silent = { info() {}, warn() {}, error() {} };
  const chair: Person = { name: 'Chair', email: 'chair@board.example', aadObjectId: 'a-1' };
  const member: Person = { name: 'Member', email: 'member@agency.example', aadObjectId: 'a-2' };

  it('show priority answers the priority card view with each action’s stored status', async () => {
    const statuses = new Map<string, ActionStatus>([
      ['5.1', { actionId: '5.1', rag: 'red', note: 'Audit late', version: 1, updatedAt: now.toISOString() }],
    ]);
    const previous = {
      takenAt: now.toISOString(),
      actions: { '5.1': { rag: 'amber' as const, version: 0 } },
    };
    const answer = await new ShowPlan(
      plan,
      { readAll: async () => ({ statuses, previous }) },
      viewClock,
    ).priority(5);
    assert.equal(answer.screen.card, 'priority');
    if (answer.screen.card !== 'priority') return;
    const action = answer.screen.view.actions.find((entry) => entry.id === '5.1');
    assert.equal(action?.status.rag, 'red');
    assert.equal(action?.status.note, 'Audit late');
    assert.equal(action?.cycle?.travel?.text, '↓ worsening (was Amber)');
  });

  it('show priority 99 answers a notice that names the plan’s range, and reads nothing', async () => {
    let reads = 0;
    const store = {
      readAll: async () => {
        reads += 1;
        return { statuses: new Map() };
      },
    };
    const answer = await new ShowPlan(plan, store, viewClock).priority(99);
    assert.equal(answer.screen.card, 'notice');
    assert.match(JSON.stringify(answer.screen.view), /priorities 1–8/);
    assert.equal(reads, 0);
  });

  describe('set board channel', () => {
    const stored: StoredBoardChannel[] = [];
    const boardChannels: BoardChannelStore = {
      get: async () => stored.at(-1),
      set: async (channel) => void stored.push(channel),
      markInactive: async () => {},
    };
    const teams: KnownTeamStore = { record: async (_team: KnownTeam) => {}, all: async () => [] };
    const isAdmin = (person: Person) => person.email === chair.email;
    const setup = new BoardChannel(boardChannels, teams, isAdmin, () => now, silent);
    const channel = { conversationId: '19:board@thread.tacv2', reference: { conversation: { id: 'x' } } };

    it('refuses a member and stores nothing', async () => {
      const answer = await setup.set(member, channel);
      assert.match(answer.summary, /Only board admins/);
      assert.equal(stored.length, 0);
    });

    it('outside a team channel explains where, and stores nothing', async () => {
      const answer = await setup.set(chair, undefined);
      assert.match(answer.summary, /has to be a team channel/);
      assert.equal(stored.length, 0);
    });

    it('records the channel for an admin, with who and when', async () => {
      const answer = await setup.set(chair, channel);
      assert.equal(answer.summary, 'Board channel set');
      assert.deepEqual(stored, [
        { ...channel, active: true, setAt: now.toISOString(), setBy: 'chair@board.example' },
      ]);
    });
  });
});
