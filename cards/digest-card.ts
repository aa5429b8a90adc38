import { firstThatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import type {
  DigestChangeKind,
  DigestChangeView,
  DigestRedAmberView,
  DigestStaleView,
  DigestView,
} from './digest-view-model';
import { RAG_ORDER, RAG_STYLE, ragBadge, ragCountRuns, type TextColor, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/digest.json';
import { plural, present, truncate } from './text';
import type { RagCounts, RagStatus } from './view-models';

type ChartBarData = { title: string; segments: { legend: string; value: number; color: string }[] };

type DigestCardData = {
  title: string;
  weekLabel: string;
  changesSince: string;
  totals: TextRunData[];
  chartBars: ChartBarData[];
  priorityRows: { label: string; runs: TextRunData[] }[];
  changes: {
    actionId: string;
    title: string;
    change: TextRunData[];
    people: TextRunData[];
    note: string | null;
  }[];
  moreChanges: number;
  moreChangesText: string;
  redAndAmber: {
    actionId: string;
    title: string;
    rag: TextRunData;
    people: TextRunData[];
    note: string | null;
  }[];
  moreRedAmber: number;
  moreRedAmberText: string;
  priorityButtons: NavButtonData[];
  staleHeading: string;
  stale: { actionId: string; title: string; details: TextRunData[] }[];
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

const CHANGE_LABEL: Readonly<Record<DigestChangeKind, { text: string; color: TextColor }>> = {
  newlyRed: { text: '▼ Newly red', color: 'Attention' },
  down: { text: '▼ Down', color: 'Warning' },
  up: { text: '▲ Up', color: 'Good' },
  completed: { text: '✓ Completed', color: 'Accent' },
  updated: { text: 'New note', color: 'Default' },
};

/** A digest with buttons for every troubled priority would bury its own message. */
const MAX_PRIORITY_BUTTONS = 5;

/** Shorter notes first, then shorter lists, then no notes: the first that fits Teams' limit is sent. */
const TRIM_LEVELS: readonly { noteChars: number; maxItems: number }[] = [
  { noteChars: 200, maxItems: Number.POSITIVE_INFINITY },
  { noteChars: 120, maxItems: Number.POSITIVE_INFINITY },
  { noteChars: 80, maxItems: Number.POSITIVE_INFINITY },
  { noteChars: 80, maxItems: 10 },
  { noteChars: 60, maxItems: 6 },
  { noteChars: 0, maxItems: 6 },
  { noteChars: 0, maxItems: 3 },
];

export function buildDigestCard(view: DigestView): AdaptiveCardJson {
  return firstThatFits(TRIM_LEVELS.map((level) => () => renderDigest(view, level)));
}

function renderDigest(view: DigestView, level: { noteChars: number; maxItems: number }): AdaptiveCardJson {
  const changes = view.changes.slice(0, level.maxItems);
  const redAndAmber = view.redAndAmber.slice(0, level.maxItems);
  const stale = view.stale.slice(0, level.maxItems);
  const moreChanges = view.moreChanges + view.changes.length - changes.length;
  const moreRedAmber = view.moreRedAmber + view.redAndAmber.length - redAndAmber.length;
  const moreStale = view.moreStale + view.stale.length - stale.length;
  return render({
    title: view.title,
    weekLabel: view.weekLabel,
    changesSince: view.changesSince,
    totals: ragCountRuns(view.totals, { includeZero: true }),
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
      runs: compactCountRuns(priority.counts),
    })),
    changes: changes.map((change) => ({
      actionId: change.actionId,
      title: change.title,
      change: changeRuns(change),
      people: peopleRuns(change.owner, change.by),
      note: noteData(change.note, level.noteChars),
    })),
    moreChanges,
    moreChangesText: `and ${moreChanges} more`,
    redAndAmber: redAndAmber.map((action) => redAmberData(action, level.noteChars)),
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
    stale: stale.map(staleData),
    moreStale,
    moreStaleText: `and ${moreStale} more`,
    showPlan: navButton('Show plan', COMMANDS.showPlan()),
  });
}

function priorityLabel(priority: { number: number; title: string }): string {
  return `${priority.number} ${priority.title}`;
}

/** "● 1 red  ● 0 amber  …": every status, so the rows line up. */
function compactCountRuns(counts: RagCounts): TextRunData[] {
  return RAG_ORDER.map((rag, index) => ({
    text: `${index === 0 ? '' : '  '}● ${counts[rag]} ${RAG_STYLE[rag].label.toLowerCase()}`,
    color: RAG_STYLE[rag].color,
    isSubtle: RAG_STYLE[rag].isSubtle,
  }));
}

function changeRuns(change: DigestChangeView): TextRunData[] {
  const label = CHANGE_LABEL[change.kind];
  const kindRun: TextRunData = { text: label.text, color: label.color, isSubtle: false };
  if (change.kind === 'updated') return [kindRun, subtleRun(', still '), ragBadge(change.toRag)];
  return [kindRun, subtleRun(': '), ragBadge(change.fromRag), subtleRun(' → '), ragBadge(change.toRag)];
}

/** "Owner: Jane Smith · updated by Sam Jones", names as their own runs. */
function peopleRuns(owner: string | undefined, by: string | undefined): TextRunData[] {
  const runs = ownerRuns(owner);
  const updatedBy = present(by);
  if (updatedBy !== null) runs.push(subtleRun(' · updated by '), plainRun(updatedBy));
  return runs;
}

function ownerRuns(owner: string | undefined): TextRunData[] {
  const name = present(owner);
  return name === null ? [subtleRun('No owner')] : [subtleRun('Owner: '), plainRun(name)];
}

function redAmberData(action: DigestRedAmberView, noteChars: number): DigestCardData['redAndAmber'][number] {
  const people = ownerRuns(action.owner);
  const ago = present(action.updatedAgo);
  if (ago !== null) people.push(subtleRun(` · updated ${ago}`));
  return {
    actionId: action.actionId,
    title: action.title,
    rag: ragBadge(action.rag),
    people,
    note: noteData(action.note, noteChars),
  };
}

function staleData(action: DigestStaleView): DigestCardData['stale'][number] {
  const details = [ragBadge(action.rag), subtleRun(' · '), ...ownerRuns(action.owner)];
  if (present(action.owner) !== null && action.ownerNotReachable) {
    details.push(subtleRun(' · '), { text: 'not reachable in Teams', color: 'Warning', isSubtle: false });
  }
  details.push(
    subtleRun(
      action.daysSinceUpdate === undefined
        ? ' · never updated'
        : ` · last updated ${plural(action.daysSinceUpdate, 'day', 'days')} ago`,
    ),
  );
  return { actionId: action.actionId, title: action.title, details };
}

function noteData(note: string | undefined, noteChars: number): string | null {
  const text = present(note);
  return text === null || noteChars <= 0 ? null : truncate(text, noteChars);
}

function plainRun(text: string): TextRunData {
  return { text, color: 'Default', isSubtle: false };
}

function subtleRun(text: string): TextRunData {
  return { text, color: 'Default', isSubtle: true };
}
