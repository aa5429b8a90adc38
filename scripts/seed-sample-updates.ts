import { loadConfig, npmFlags } from '../bot/config';
import { composeBot } from '../bot/composition-root';
import { describeFailure } from '../bot/one-line-problem';
import { DAY_MS } from '../domain/days';
import type { Person } from '../domain/person';
import { answeredHelp } from './support/help-flag';

const USAGE = `Usage: npm run seed -- [--force] [--allow-real-storage]

Writes sample owners and backdated status updates to the local store, to try the cards and the digest.
  --force               add them even though the store already holds changes (they would be buried)
  --allow-real-storage  write to a real Azure storage account (never a board's own record)
With embedded storage, stop the bot first: one process at a time uses the data folder.`;

/**
 * `npm run seed`: sample owners and status updates, for trying the cards and `npm run digest --dry-run`
 * locally. Fictional people at example.org agencies; never any detail about a child or family. Refuses
 * real storage accounts: sample data must not reach a board's record.
 */
const ADMIN: Person = { name: 'Sample Business Manager', email: 'business.manager@oscb.example.org' };

const SAMPLE: {
  actionId: string;
  owner: string;
  /** Fictional; a pack names an owner as people know them, never by the part of an address before the @. */
  ownerName: string;
  updates: [daysAgo: number, rag: string, note: string][];
}[] = [
  {
    actionId: '1.1',
    owner: 'board.manager@oscb.example.org',
    ownerName: 'Sam Carter',
    updates: [
      [40, 'amber', 'Review of arrangements against Working Together drafted; sub-group comments due.'],
      [9, 'green', 'Revised arrangements agreed at the board.'],
    ],
  },
  {
    actionId: '2.2',
    owner: 'da.lead@council.example.org',
    ownerName: 'Dana Lee',
    updates: [
      [30, 'amber', 'Joint domestic abuse pathway with OSAB delayed by staffing; interim lead named.'],
    ],
  },
  {
    actionId: '4.3',
    owner: 'exploitation.lead@police.example.org',
    ownerName: 'Chris Morgan',
    updates: [
      [20, 'amber', 'Criminal exploitation screening tool piloted in two localities.'],
      [
        3,
        'red',
        'Pilot paused: data-sharing agreement not yet signed by two partners. Escalated to the chair.',
      ],
    ],
  },
  {
    actionId: '4.4',
    owner: 'inclusion.lead@schools.example.org',
    ownerName: 'Priya Shah',
    updates: [[25, 'green', 'Headteacher forum agreed a protocol for pupils not in full-time education.']],
  },
  {
    actionId: '5.1',
    owner: 'neglect.lead@council.example.org',
    ownerName: 'Alex Reid',
    updates: [
      [35, 'amber', 'Audit of the neglect toolkit booked for March.'],
      [6, 'green', 'Toolkit audit done; refresher sessions scheduled.'],
    ],
  },
  {
    actionId: '6.1',
    owner: 'training.lead@oscb.example.org',
    ownerName: 'Jo Evans',
    updates: [[60, 'green', 'Training programme published for the year.']],
  },
  {
    actionId: '7.1',
    owner: 'audit.lead@health.example.org',
    ownerName: 'Ruth Okafor',
    updates: [
      [
        12,
        'amber',
        'Multi-agency audit on neglect under way; views of children and families being gathered.',
      ],
    ],
  },
  {
    actionId: '8.1',
    owner: 'quality.lead@council.example.org',
    ownerName: 'Tom Hughes',
    updates: [[70, 'complete', 'All partners returned their self-assessments.']],
  },
];

/** A refusal said in one line, with nothing written. */
class SeedRefused extends Error {}

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((arg) => !['--force', '--allow-real-storage'].includes(arg));
  if (unknown.length > 0) throw new SeedRefused(`Unknown option ${unknown.join(' ')}.\n${USAGE}`);
  const config = loadConfig();
  const isLocal =
    'embedded' in config.storage ||
    ('connectionString' in config.storage &&
      /AccountName=devstoreaccount1;/.test(config.storage.connectionString));
  if (!isLocal && !argv.includes('--allow-real-storage')) {
    throw new SeedRefused(
      'Refusing to write sample data to a real storage account (pass --allow-real-storage to insist).',
    );
  }
  let now = new Date();
  const realNow = now;
  const bot = await composeBot(
    { ...config, port: 0, boardAdmins: [...config.boardAdmins, ADMIN.email!] },
    { clock: () => now, job: true },
  );
  try {
    const service = bot.stores.statusService;
    const held = (await service.currentStatuses()).size;
    if (held > 0 && !argv.includes('--force')) {
      throw new SeedRefused(
        `Nothing was written: ${config.tablePrefix}planstatus already holds changes to ${held} action(s), and backdated samples would bury them. Pass --force to add them anyway, or set another LOCAL_STORAGE_DIR or TABLE_PREFIX.`,
      );
    }
    let written = 0;
    for (const sample of SAMPLE) {
      now = new Date(realNow.getTime() - 80 * DAY_MS);
      const assigned = await service.assignOwner({
        actionId: sample.actionId,
        ownerEmail: sample.owner,
        by: ADMIN,
      });
      if (assigned.kind === 'assigned') written += 1;
      for (const [daysAgo, rag, note] of sample.updates) {
        now = new Date(realNow.getTime() - daysAgo * DAY_MS);
        const owner: Person = { name: sample.ownerName, email: sample.owner };
        const outcome = await service.updateStatus({
          actionId: sample.actionId,
          ragWord: rag,
          note,
          by: owner,
        });
        if (outcome.kind !== 'saved')
          throw new Error(`sample update ${sample.actionId} was not saved: ${outcome.kind}`);
        written += 1;
      }
    }
    console.log(
      `Wrote ${written} sample changes to ${config.tablePrefix}planstatus. Try "show plan" or npm run digest -- --dry-run.`,
    );
  } finally {
    await bot.close();
  }
}

if (answeredHelp(USAGE)) process.exitCode = 0;
else
  // `npm run seed --force` (without `--`) reaches the script as npm's own setting.
  main([...process.argv.slice(2), ...npmFlags().filter((flag) => flag === '--force')]).catch(
    (error: unknown) => {
      console.error(error instanceof SeedRefused ? error.message : describeFailure(error));
      process.exit(1);
    },
  );
