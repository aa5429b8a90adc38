import { strict as assert } from 'node:assert';
import { StatusService } from '../../app/status-service';
import type { Person } from '../../domain/person';
import { loadPlan } from '../../plan/load-plan';
import { shippedPlanFile } from '../../scripts/support/repo-paths';
import { fieldsOf } from '../support/history-fields';
import { MemoryStatusStore } from '../support/memory-status-store';

/** Every use case of the action record on the in-memory store: the rules, without Azurite or Teams. */
describe('the action record use cases (in memory)', () => {
  const plan = loadPlan(shippedPlanFile);
  const now = new Date('2026-12-02T10:00:00Z');
  const chair: Person = { name: 'Chris Chair', email: 'chair@oscb.example', aadObjectId: 'chair-id' };
  const owner: Person = { name: 'Olive Owner', email: 'olive@agency.example', aadObjectId: 'olive-id' };
  const stranger: Person = { name: 'Sam Stranger', email: 'sam@agency.example', aadObjectId: 'sam-id' };
  let store: MemoryStatusStore;
  let service: StatusService;

  async function assignOlive(delivery?: string) {
    return service.assignOwner({ actionId: '5.1', ownerEmail: owner.email ?? '', by: chair, delivery });
  }

  beforeEach(() => {
    store = new MemoryStatusStore();
    service = new StatusService(plan, store, [chair.email ?? ''], () => now);
  });

  describe('status updates', () => {
    it('the owner saves an update: one status change, with the object id learnt', async () => {
      await assignOlive();
      const outcome = await service.updateStatus({
        actionId: '5.1',
        ragWord: 'amber',
        note: 'Audit booked',
        by: owner,
      });
      assert.equal(outcome.kind, 'saved');
      const status = await service.currentStatus('5.1');
      assert.deepEqual(
        [status.rag, status.note, status.version, status.ownerAadObjectId],
        ['amber', 'Audit booked', 2, 'olive-id'],
      );
      const [entry] = (await service.history('5.1', 1)).map(fieldsOf);
      assert.deepEqual(
        [entry?.kind, entry?.fromRag, entry?.toRag, entry?.note],
        ['status', 'not_started', 'amber', 'Audit booked'],
      );
    });

    const refusals: [string, () => Promise<{ kind: string }>, string][] = [
      [
        'an unknown action',
        () => service.updateStatus({ actionId: '9.9', ragWord: 'red', note: 'x', by: chair }),
        'unknownAction',
      ],
      [
        'an unknown status word',
        () => service.updateStatus({ actionId: '5.1', ragWord: 'purple', note: '', by: chair }),
        'invalid',
      ],
      [
        'nobody signed in',
        () => service.updateStatus({ actionId: '5.1', ragWord: 'green', note: '', by: { name: 'Anon' } }),
        'noIdentity',
      ],
      [
        'someone who is neither owner nor admin',
        () => service.updateStatus({ actionId: '5.1', ragWord: 'green', note: '', by: stranger }),
        'notAllowed',
      ],
      [
        'red without a corrective action on the form',
        () =>
          service.updateStatus({
            actionId: '5.1',
            ragWord: 'red',
            note: 'Late',
            by: chair,
            baseVersion: 0,
            details: {},
          }),
        'invalid',
      ],
      [
        'a note naming a child',
        () =>
          service.updateStatus({
            actionId: '5.1',
            ragWord: 'amber',
            note: 'Met with the family at OX4 2SH',
            by: chair,
          }),
        'checkPersonalData',
      ],
      [
        'a form from a version the record never reached',
        () =>
          service.updateStatus({
            actionId: '5.1',
            ragWord: 'amber',
            note: '',
            by: chair,
            baseVersion: 7,
            details: {},
          }),
        'invalid',
      ],
    ];
    for (const [name, run, kind] of refusals) {
      it(`stores nothing for ${name}: ${kind}`, async () => {
        assert.equal((await run()).kind, kind);
        assert.equal(store.appends.attempted, 0);
        assert.equal(await store.read('5.1'), undefined);
      });
    }

    it('a form drawn before someone else saved asks again; "submit anyway" from the new version saves', async () => {
      await service.updateStatus({ actionId: '5.1', ragWord: 'amber', note: 'First', by: chair });
      const stale = await service.updateStatus({
        actionId: '5.1',
        ragWord: 'green',
        note: 'Mine',
        by: chair,
        baseVersion: 0,
        details: {},
      });
      assert.equal(stale.kind, 'changedSinceForm');
      const again = await service.updateStatus({
        actionId: '5.1',
        ragWord: 'green',
        note: 'Mine',
        by: chair,
        baseVersion: 1,
        details: {},
      });
      assert.equal(again.kind, 'saved');
    });

    it('a typed update keeps the impact and evidence; a form restates them', async () => {
      const details = {
        impact: 'Fewer referrals',
        evidenceLink: 'https://example.org/a',
        correctiveAction: '',
      };
      await service.updateStatus({
        actionId: '5.1',
        ragWord: 'amber',
        note: 'Form',
        by: chair,
        baseVersion: 0,
        details,
      });
      await service.updateStatus({ actionId: '5.1', ragWord: 'green', note: 'Typed', by: chair });
      const status = await service.currentStatus('5.1');
      assert.deepEqual([status.impact, status.evidenceUrl], ['Fewer referrals', 'https://example.org/a']);
      await service.updateStatus({
        actionId: '5.1',
        ragWord: 'green',
        note: 'Form again',
        by: chair,
        baseVersion: 2,
        details: {},
      });
      const cleared = await service.currentStatus('5.1');
      assert.deepEqual([cleared.impact, cleared.evidenceUrl], [undefined, undefined]);
    });

    it('a redelivered update is stored once and answered as the first was', async () => {
      const request = { actionId: '5.1', ragWord: 'amber', note: 'Once', by: chair, delivery: 'c|a-1' };
      const first = await service.updateStatus(request);
      await service.updateStatus({ actionId: '5.1', ragWord: 'green', note: 'Later', by: chair });
      const again = await service.updateStatus(request);
      assert.equal(again.kind, 'saved');
      assert.equal(first.kind, 'saved');
      if (again.kind !== 'saved' || first.kind !== 'saved') return;
      assert.deepEqual(
        [again.previous.rag, again.current.rag, again.current.version],
        ['not_started', 'amber', 1],
      );
      assert.equal((await service.history('5.1', 10)).length, 2);
    });
  });

  describe('owners', () => {
    it('an admin assigns; the same owner again is unchanged; a redelivery is answered as assigned', async () => {
      assert.equal((await assignOlive('c|a-2')).kind, 'assigned');
      assert.equal((await assignOlive()).kind, 'unchanged');
      const again = await assignOlive('c|a-2');
      assert.equal(again.kind, 'assigned');
      assert.equal((await service.history('5.1', 10)).length, 1);
    });

    it('only an admin assigns', async () => {
      const outcome = await service.assignOwner({
        actionId: '5.1',
        ownerEmail: 'x@agency.example',
        by: owner,
      });
      assert.equal(outcome.kind, 'notAllowed');
      assert.equal(store.appends.attempted, 0);
    });
  });

  describe('target dates and lead agencies', () => {
    it('the first target is kept; a revision records the old date and the reason', async () => {
      const first = await service.setTarget({ actionId: '5.1', dateText: '31 March 2027', by: chair });
      assert.equal(first.kind, 'set');
      const revised = await service.setTarget({
        actionId: '5.1',
        dateText: '30 June 2027',
        reason: 'the audit moved',
        by: chair,
      });
      assert.equal(revised.kind, 'set');
      if (revised.kind !== 'set') return;
      assert.deepEqual(
        [revised.change.targetDate, revised.change.previousTargetDate, revised.change.reason],
        ['2027-06-30', '2027-03-31', 'the audit moved'],
      );
      const status = await service.currentStatus('5.1');
      assert.deepEqual([status.targetDate, status.revisedTargetDate], ['2027-03-31', '2027-06-30']);
      assert.equal(
        (await service.setTarget({ actionId: '5.1', dateText: '2027-06-30', by: chair })).kind,
        'unchanged',
      );
    });

    it('a target needs the owner or an admin, and a readable date', async () => {
      assert.equal(
        (await service.setTarget({ actionId: '5.1', dateText: '2027-03-31', by: stranger })).kind,
        'notAllowed',
      );
      assert.equal(
        (await service.setTarget({ actionId: '5.1', dateText: 'soonish', by: chair })).kind,
        'invalid',
      );
      assert.equal(store.appends.attempted, 0);
    });

    it('a lead is set by an admin, records the previous one, and the same name is no change', async () => {
      const set = await service.setLead({ actionId: '5.1', agency: 'Thames Valley Police', by: chair });
      assert.equal(set.kind, 'set');
      const changed = await service.setLead({
        actionId: '5.1',
        agency: 'Oxford Health',
        by: chair,
        delivery: 'c|a-3',
      });
      assert.equal(changed.kind === 'set' && changed.change.previousLeadAgency, 'Thames Valley Police');
      assert.equal(
        (await service.setLead({ actionId: '5.1', agency: ' oxford  HEALTH', by: chair })).kind,
        'unchanged',
      );
      const redelivered = await service.setLead({
        actionId: '5.1',
        agency: 'Oxford Health',
        by: chair,
        delivery: 'c|a-3',
      });
      assert.equal(redelivered.kind, 'set', 'a redelivery is answered as the first delivery was');
      assert.equal(
        (await service.setLead({ actionId: '5.1', agency: 'Police', by: owner })).kind,
        'notAllowed',
      );
      assert.equal((await service.history('5.1', 10)).length, 2);
    });
  });

  describe('redactions', () => {
    async function redactable() {
      await service.updateStatus({
        actionId: '5.1',
        ragWord: 'red',
        note: 'Named the child',
        by: chair,
        baseVersion: 0,
        details: {
          impact: 'Named the child',
          correctiveAction: 'Call the school',
          evidenceLink: 'https://example.org/e',
        },
        confirmPersonalData: true,
      });
    }

    it('takes every text of the change out, in history and the current status, recorded as a change', async () => {
      await redactable();
      const request = {
        actionId: '5.1',
        version: 1,
        reason: 'Identified a child',
        by: chair,
        delivery: 'c|a-4',
      };
      const prepared = await service.prepareRedaction(request);
      assert.equal(prepared.kind, 'ready');
      if (prepared.kind !== 'ready') return;
      assert.deepEqual(prepared.removed.sort(), [
        'Call the school',
        'Named the child',
        'https://example.org/e',
      ]);
      const outcome = await service.redactChange({ ...request, at: prepared.at });
      assert.equal(outcome.kind, 'redacted');
      const [audit, change] = (await service.history('5.1', 10)).map(fieldsOf);
      assert.deepEqual(
        [audit?.kind, audit?.redactsVersion, audit?.reason],
        ['redaction', 1, 'Identified a child'],
      );
      assert.deepEqual(
        [change?.note, change?.impact, change?.correctiveAction, change?.evidenceUrl, change?.redacted],
        [prepared.replacement, prepared.replacement, prepared.replacement, undefined, true],
      );
      const status = await service.currentStatus('5.1');
      assert.deepEqual(
        [status.note, status.impact, status.evidenceUrl],
        [prepared.replacement, prepared.replacement, undefined],
      );
      const again = await service.redactChange(request);
      assert.equal(again.kind, 'redacted', 'a redelivery is answered as the first was');
      assert.equal((await service.redactChange({ ...request, delivery: undefined })).kind, 'alreadyRedacted');
      assert.equal((await service.history('5.1', 10)).length, 2);
    });

    it('refuses what cannot be redacted, storing nothing', async () => {
      await redactable();
      await assignOlive();
      const attempts = store.appends.attempted;
      const cases: [Parameters<StatusService['redactChange']>[0], string][] = [
        [{ actionId: '5.1', version: 9, reason: 'x', by: chair }, 'noSuchChange'],
        [{ actionId: '5.1', version: 2, reason: 'x', by: chair }, 'noNote'],
        [{ actionId: '5.1', version: 1, reason: '', by: chair }, 'invalidReason'],
        [{ actionId: '5.1', version: 1, reason: 'x', by: owner }, 'notAllowed'],
        [{ actionId: '9.9', version: 1, reason: 'x', by: chair }, 'unknownAction'],
      ];
      for (const [request, kind] of cases) {
        assert.equal((await service.redactChange(request)).kind, kind, kind);
        assert.equal((await service.prepareRedaction(request)).kind, kind, kind);
      }
      assert.equal(store.appends.attempted, attempts);
    });
  });
});
