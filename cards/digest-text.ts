import { CHANGE_LABEL, noLongerEscalatedText } from './digest-card';
import type {
  DigestChangeView,
  DigestRedAmberView,
  DigestStaleView,
  DigestView,
} from '../views/digest-view-model';
import type { ExceptionGroupView } from '../views/board-cycle-view-model';
import { firstRows, rowCount } from '../views/exception-views';
import { RAG_ORDER, RAG_STYLE } from './rag-style';
import { plural, present } from './text';
import type { RagCounts, RagStatus } from '../views/view-models';

/**
 * The digest as a person reads the card, in plain text: for `npm run digest -- --dry-run` in a terminal.
 * The same view-model as the card, so the text and the card cannot say different things.
 */
export function digestText(view: DigestView): string {
  return [
    `Weekly digest · ${view.weekLabel} · ${view.title}`,
    '',
    RAG_ORDER.map((rag) => `${RAG_STYLE[rag].label} ${view.totals[rag]}`).join(' · '),
    '',
    'RAG by priority',
    ...view.perPriority.map(
      (priority) =>
        `  Priority ${priority.number} ${priority.title}: ${countsText(priority.counts)}${priority.travel ? ` · ${priority.travel}` : ''}`,
    ),
    '',
    "Needs the board's attention",
    ...listed(
      firstRows(view.attention, TEXT_ATTENTION_ROWS).flatMap(attentionLines),
      view.moreAttention + rowCount(view.attention) - Math.min(rowCount(view.attention), TEXT_ATTENTION_ROWS),
      'Nothing: no action is red, stuck at amber, overdue, stale or never updated.',
    ),
    ...(view.attention.length > 0 || view.moreAttention > 0 ? ['  Full report: exceptions'] : []),
    ...(view.noLongerEscalated?.length ? [`  ${noLongerEscalatedText(view)}`] : []),
    '',
    `What moved (${view.changesSince})`,
    ...listed(view.changes.flatMap(changeLines), view.moreChanges, 'Nothing moved.'),
    '',
    'Red and amber',
    ...listed(view.redAndAmber.flatMap(redAmberLines), view.moreRedAmber, 'Nothing is red or amber.'),
    '',
    `Not updated in ${plural(view.staleDays, 'day', 'days')}`,
    ...listed(view.stale.map(staleLine), view.moreStale, 'Every action has a recent update.'),
  ].join('\n');
}

/** The text is read in a terminal: the most pressing rows, one or two lines each; `exceptions` has the rest. */
const TEXT_ATTENTION_ROWS = 8;

function attentionLines(group: ExceptionGroupView): string[] {
  return [
    `  Priority ${group.priorityNumber}: ${group.priorityTitle}`,
    ...group.rows.flatMap((row) => {
      const reasons = row.reasons.filter((reason) => reason !== 'Red');
      const owner = present(row.owner) === null ? 'No owner' : `Owner: ${row.owner}`;
      const lead = present(row.lead) === null ? '' : ` · Lead: ${row.lead}`;
      const updated = reasons.some((reason) => reason === row.updated || reason.startsWith('no update for'))
        ? []
        : [row.updated];
      const travel = [row.travel?.text, row.persistence, row.target && `target ${row.target}`].filter(
        (part): part is string => !!part,
      );
      return [
        `    ${label(row.rag)} ${row.actionId} ${row.title} · ${[...reasons, `${owner}${lead}`, ...updated, ...travel].join(' · ')}`,
        ...(row.correctiveAction === undefined
          ? []
          : [
              row.correctiveActionMissing
                ? `      ${row.correctiveAction}`
                : `      Corrective action: ${row.correctiveAction.replace(/\s+/g, ' ')}`,
            ]),
      ];
    }),
  ];
}

function listed(lines: string[], more: number, empty: string): string[] {
  if (lines.length === 0 && more === 0) return [`  ${empty}`];
  return more > 0 ? [...lines, `  and ${more} more`] : lines;
}

function countsText(counts: RagCounts): string {
  return RAG_ORDER.map((rag) => `${counts[rag]} ${RAG_STYLE[rag].label.toLowerCase()}`).join(', ');
}

function changeLines(change: DigestChangeView): string[] {
  const movement =
    change.kind === 'updated'
      ? `${CHANGE_LABEL.updated.text}, still ${label(change.toRag)}`
      : `${CHANGE_LABEL[change.kind].text}: ${label(change.fromRag)} → ${label(change.toRag)}`;
  const by = present(change.by);
  return [
    `  ${change.actionId} ${change.title}`,
    `    ${movement}${ownerText(change.owner)}${by === null ? '' : ` · by ${by}`}`,
    ...noteLines(change.note),
  ];
}

function redAmberLines(action: DigestRedAmberView): string[] {
  const ago = present(action.updatedAgo);
  return [
    `  ${label(action.rag)} ${action.actionId} ${action.title}`,
    `    ${present(action.owner) === null ? 'No owner' : `Owner: ${action.owner}`}${ago === null ? '' : ` · updated ${ago}`}`,
    ...noteLines(action.note),
  ];
}

function staleLine(action: DigestStaleView): string {
  const unreachable =
    present(action.owner) !== null && action.ownerNotReachable ? ' (not reachable in Teams)' : '';
  const age =
    action.daysSinceUpdate === undefined
      ? 'never updated'
      : `last updated ${plural(action.daysSinceUpdate, 'day', 'days')} ago`;
  return `  ${action.actionId} ${action.title}${ownerText(action.owner)}${unreachable} · ${age}`;
}

function ownerText(owner: string | undefined): string {
  const name = present(owner);
  return name === null ? ' · no owner' : ` · owner ${name}`;
}

function noteLines(note: string | undefined): string[] {
  const text = present(note);
  return text === null ? [] : text.split('\n').map((line) => `      ${line}`);
}

function label(rag: RagStatus): string {
  return RAG_STYLE[rag].label;
}
