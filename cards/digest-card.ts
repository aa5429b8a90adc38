import { firstThatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import type {
  DigestChangeKind,
  DigestChangeView,
  DigestRedAmberView,
  DigestStaleView,
  DigestView,
} from '../views/digest-view-model';
import { run, type CompactRun } from './compact-run';
import { exceptionGroupData, type ExceptionGroupData } from './exception-rows';
import { RAG_ORDER, RAG_STYLE, type TextColor } from './rag-style';
import { firstRows, rowCount } from '../views/exception-views';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/digest.json';
import { plural, present, truncate } from './text';
import type { RagCounts, RagStatus } from '../views/view-models';

/**
 * Template data for one TextRun. Default values are null so the property is left out: the digest is the
 * biggest card the bot sends, and every byte saved is another action shown.
 */

type DigestCardData = {
  title: string;
  weekLabel: string;
  changesSince: string;
  totals: CompactRun[];
  chartBars: { title: string; segments: { legend: string; value: number; color: string }[] }[];
  priorityRows: { label: string; runs: CompactRun[] }[];
  /** "5 Neglect: ↓ 1 worsening", for the priorities whose actions moved or held since the last digest. */
  travelRows: { runs: CompactRun[] }[];
  attention: ExceptionGroupData[];
  moreAttention: number;
  moreAttentionText: string;
  noLongerEscalated: string | null;
  exceptions: NavButtonData;
  changes: { heading: string; movement: CompactRun[]; note: string | null }[];
  moreChanges: number;
  moreChangesText: string;
  redAndAmber: { heading: CompactRun[]; people: CompactRun[]; note: string | null }[];
  moreRedAmber: number;
  moreRedAmberText: string;
  priorityButtons: NavButtonData[];
  staleHeading: string;
  stale: { runs: CompactRun[] }[];
  moreStale: number;
  moreStaleText: string;
  showPlan: NavButtonData;
};

const render = compileCardTemplate<DigestCardData>(template);

/** Teams chart colour names for each status. */
const CHART_COLOR: Readonly<Record<RagStatus, string>> = {
  red: 'attention',
  amber: 'warning',
  green: 'good',
  complete: 'categoricalBlue',
  not_started: 'neutral',
};

/** How each kind of change is labelled, on the card and in the digest's text. */
export const CHANGE_LABEL: Readonly<Record<DigestChangeKind, { text: string; color: TextColor }>> = {
  newlyRed: { text: '▼ Newly red', color: 'Attention' },
  down: { text: '▼ Down', color: 'Warning' },
  up: { text: '▲ Up', color: 'Good' },
  completed: { text: '✓ Completed', color: 'Accent' },
  updated: { text: 'New note', color: 'Default' },
};

/** A digest with buttons for every troubled priority would bury its own message. */
const MAX_PRIORITY_BUTTONS = 5;

interface TrimLevel {
  /** Characters of each note kept under "What moved" and under "Red and amber"; 0 leaves notes off. */
  changeNote: number;
  redAmberNote: number;
  /** Rows of "Needs the board's attention" shown, and characters of each corrective action (0: none). */
  attention: number;
  correctiveChars: number;
  /** Items shown in each list. */
  changes: number;
  redAndAmber: number;
  stale: number;
}

const ALL = Number.POSITIVE_INFINITY;

/**
 * The first level that fits Teams' limit is sent. What is red and why matters most, so notes on the other
 * changes go first, then the lists get shorter, and the red and amber notes go last.
 */
const TRIM_LEVELS: readonly TrimLevel[] = eachGivingUpMore(
  {
    attention: ALL,
    correctiveChars: 200,
    changeNote: 200,
    redAmberNote: 200,
    changes: ALL,
    redAndAmber: ALL,
    stale: ALL,
  },
  [
    { changeNote: 120 },
    { changeNote: 0 },
    { correctiveChars: 120, redAmberNote: 120 },
    { changes: 10, stale: 10 },
    { attention: 12, correctiveChars: 80, redAmberNote: 80, changes: 8, redAndAmber: 12, stale: 8 },
    { attention: 8, correctiveChars: 60, redAmberNote: 60, changes: 5, redAndAmber: 8, stale: 5 },
    { attention: 5, correctiveChars: 0, redAmberNote: 0, changes: 3, redAndAmber: 5, stale: 3 },
  ],
);

/** The full level, then each level as the one before with less of what `cuts` names. */
function eachGivingUpMore(full: TrimLevel, cuts: readonly Partial<TrimLevel>[]): TrimLevel[] {
  const levels = [full];
  for (const cut of cuts) levels.push({ ...levels[levels.length - 1], ...cut });
  return levels;
}

export function buildDigestCard(view: DigestView): AdaptiveCardJson {
  return firstThatFits(TRIM_LEVELS.map((level) => () => renderDigest(view, level)));
}

function renderDigest(view: DigestView, level: TrimLevel): AdaptiveCardJson {
  const changes = view.changes.slice(0, level.changes);
  const redAndAmber = view.redAndAmber.slice(0, level.redAndAmber);
  const stale = view.stale.slice(0, level.stale);
  const moreChanges = view.moreChanges + view.changes.length - changes.length;
  const moreRedAmber = view.moreRedAmber + view.redAndAmber.length - redAndAmber.length;
  const moreStale = view.moreStale + view.stale.length - stale.length;
  const attention = firstRows(view.attention, level.attention);
  const moreAttention = view.moreAttention + rowCount(view.attention) - rowCount(attention);
  // The latest note of a red or amber action is shown under "Red and amber"; once is enough.
  const notedBelow = new Set(
    level.redAmberNote > 0 ? redAndAmber.filter((action) => present(action.note)).map((a) => a.actionId) : [],
  );
  return render({
    title: view.title,
    weekLabel: view.weekLabel,
    changesSince: view.changesSince,
    totals: RAG_ORDER.flatMap((rag, index) => [
      ...(index === 0 ? [] : [run(' · ', { isSubtle: true })]),
      run(`● ${RAG_STYLE[rag].label} ${view.totals[rag]}`, { ...ragColor(rag), weight: 'Bolder' }),
    ]),
    chartBars: view.perPriority.map((priority) => ({
      title: priorityLabel(priority),
      segments: RAG_ORDER.map((rag) => ({
        legend: RAG_STYLE[rag].label,
        value: priority.counts[rag],
        color: CHART_COLOR[rag],
      })),
    })),
    priorityRows: view.perPriority.map((priority) => ({
      label: priorityLabel(priority),
      runs: [
        ...compactCountRuns(priority.counts),
        ...(priority.travel ? [run(`  ${priority.travel}`, { isSubtle: true })] : []),
      ],
    })),
    travelRows: view.perPriority.flatMap((priority) =>
      priority.travel
        ? [{ runs: [run(`${priorityLabel(priority)}: `, { isSubtle: true }), run(priority.travel)] }]
        : [],
    ),
    attention: exceptionGroupData(attention, { correctiveChars: level.correctiveChars, openButtons: false }),
    moreAttention,
    moreAttentionText: `and ${plural(moreAttention, 'more action', 'more actions')}: the full report has every one`,
    noLongerEscalated: noLongerEscalatedText(view),
    exceptions: navButton('Full exception report', COMMANDS.exceptions()),
    changes: changes.map((change) => ({
      heading: `${change.actionId} ${change.title}`,
      movement: movementRuns(change),
      note: notedBelow.has(change.actionId) ? null : noteData(change.note, level.changeNote),
    })),
    moreChanges,
    moreChangesText: `and ${moreChanges} more`,
    redAndAmber: redAndAmber.map((action) => redAmberData(action, level.redAmberNote)),
    moreRedAmber,
    moreRedAmberText: `and ${moreRedAmber} more`,
    priorityButtons: view.perPriority
      .filter((priority) => priority.counts.red + priority.counts.amber > 0)
      .sort((a, b) => b.counts.red - a.counts.red || b.counts.amber - a.counts.amber || a.number - b.number)
      .slice(0, MAX_PRIORITY_BUTTONS)
      .map((priority) =>
        navButton(`Show priority ${priority.number}`, COMMANDS.showPriority(priority.number)),
      ),
    staleHeading: `Not updated in ${plural(view.staleDays, 'day', 'days')}`,
    stale: stale.map((action) => ({ runs: staleRuns(action) })),
    moreStale,
    moreStaleText: `and ${moreStale} more`,
    showPlan: navButton('Show plan', COMMANDS.showPlan()),
  });
}

function priorityLabel(priority: { number: number; title: string }): string {
  return `${priority.number} ${priority.title}`;
}

/** "● 1 red  ● 0 amber  …": every status, so the rows line up. */
function compactCountRuns(counts: RagCounts): CompactRun[] {
  return RAG_ORDER.map((rag, index) =>
    run(`${index === 0 ? '' : '  '}● ${counts[rag]} ${RAG_STYLE[rag].label.toLowerCase()}`, ragColor(rag)),
  );
}

/** "▲ Up: ● Red → ● Amber · owner Jane Smith · by Sam Jones", names as their own runs. */
function movementRuns(change: DigestChangeView): CompactRun[] {
  const label = CHANGE_LABEL[change.kind];
  const runs =
    change.kind === 'updated'
      ? [run(label.text), run(', still ', { isSubtle: true }), badge(change.toRag)]
      : [
          run(label.text, { color: label.color }),
          run(': ', { isSubtle: true }),
          badge(change.fromRag),
          run(' → ', { isSubtle: true }),
          badge(change.toRag),
        ];
  runs.push(...ownerRuns(change.owner));
  const by = present(change.by);
  if (by !== null) runs.push(run(' · by ', { isSubtle: true }), run(by));
  return runs;
}

function redAmberData(action: DigestRedAmberView, noteChars: number): DigestCardData['redAndAmber'][number] {
  const owner = present(action.owner);
  const people =
    owner === null
      ? [run('No owner', { color: 'Warning' })]
      : [run('Owner: ', { isSubtle: true }), run(owner)];
  const ago = present(action.updatedAgo);
  if (ago !== null) people.push(run(` · updated ${ago}`, { isSubtle: true }));
  return {
    heading: [badge(action.rag, 'Bolder'), run(` ${action.actionId} ${action.title}`, { weight: 'Bolder' })],
    people,
    note: noteData(action.note, noteChars),
  };
}

/** "5.1 Title · owner Jane Smith (not reachable in Teams) · 20 days" */
function staleRuns(action: DigestStaleView): CompactRun[] {
  const runs = [run(`${action.actionId} ${action.title}`), ...ownerRuns(action.owner)];
  if (present(action.owner) !== null && action.ownerNotReachable) {
    runs.push(run(' (not reachable in Teams)', { color: 'Warning' }));
  }
  runs.push(
    run(
      action.daysSinceUpdate === undefined
        ? ' · never updated'
        : ` · last updated ${plural(action.daysSinceUpdate, 'day', 'days')} ago`,
      { isSubtle: true },
    ),
  );
  return runs;
}

/** " · owner Jane Smith", or " · no owner". */
function ownerRuns(owner: string | undefined): CompactRun[] {
  const name = present(owner);
  return name === null
    ? [run(' · ', { isSubtle: true }), run('No owner', { color: 'Warning' })]
    : [run(' · owner ', { isSubtle: true }), run(name)];
}

function noteData(note: string | undefined, noteChars: number): string | null {
  const text = present(note);
  return text === null || noteChars <= 0 ? null : truncate(text, noteChars);
}

/** "● Amber" in amber; colour is never the only signal. */
function badge(rag: RagStatus, weight: 'Bolder' | null = null): CompactRun {
  return run(`● ${RAG_STYLE[rag].label}`, { ...ragColor(rag), weight });
}

function ragColor(rag: RagStatus): { color: TextColor; isSubtle: boolean } {
  return { color: RAG_STYLE[rag].color, isSubtle: RAG_STYLE[rag].isSubtle };
}

/** "No longer escalated: 5.1 Title (updated)", or null when nothing was de-escalated since the last digest. */
export function noLongerEscalatedText(view: DigestView): string | null {
  if (!view.noLongerEscalated?.length) return null;
  const items = view.noLongerEscalated.map((item) => `${item.actionId} ${item.title} (${item.why})`);
  return `No longer escalated: ${items.join('; ')}`;
}
