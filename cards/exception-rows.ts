import type { ExceptionGroupView, ExceptionRowView } from '../views/board-cycle-view-model';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { run, type CompactRun } from './compact-run';
import { RAG_STYLE } from './rag-style';
import { present, truncate } from './text';

export type ExceptionRowData = {
  heading: CompactRun[];
  /** Why it is listed, then owner, lead and last update. */
  why: CompactRun[];
  /** Direction of travel, persistence and target; absent when none is known. */
  travel: CompactRun[] | null;
  corrective: CompactRun[] | null;
  open: NavButtonData | null;
};

export type ExceptionGroupData = { heading: string; rows: ExceptionRowData[] };

export interface RowStyle {
  /** Characters of the corrective action kept; 0 leaves it off. */
  correctiveChars: number;
  /** An "Open 5.1" button under each row. */
  openButtons: boolean;
}

export function exceptionGroupData(
  groups: readonly ExceptionGroupView[],
  style: RowStyle,
): ExceptionGroupData[] {
  return groups.map((group) => ({
    heading: `Priority ${group.priorityNumber}: ${group.priorityTitle}`,
    rows: group.rows.map((row) => exceptionRowData(row, style)),
  }));
}

function exceptionRowData(row: ExceptionRowView, style: RowStyle): ExceptionRowData {
  const rag = RAG_STYLE[row.rag];
  const why: CompactRun[] = [];
  // The badge already says "Red": the other reasons are what the board has to hear.
  const reasons = row.reasons.filter((reason) => reason !== 'Red');
  reasons.forEach((reason, index) => {
    if (index > 0) why.push(run(' · ', { isSubtle: true }));
    why.push(run(reason, { color: 'Attention' }));
  });
  if (why.length > 0) why.push(run(' · ', { isSubtle: true }));
  const owner = present(row.owner);
  why.push(
    ...(owner === null
      ? [run('No owner', { color: 'Warning' })]
      : [run('Owner: ', { isSubtle: true }), run(owner)]),
  );
  const lead = present(row.lead);
  if (lead !== null) why.push(run(' · Lead: ', { isSubtle: true }), run(lead));
  // "never updated" and "no update for 21 days" already say it.
  if (!reasons.some((reason) => reason === row.updated || reason.startsWith('no update for'))) {
    why.push(run(` · ${row.updated}`, { isSubtle: true }));
  }

  const travel: CompactRun[] = [];
  if (row.travel) {
    travel.push(
      run(row.travel.text, {
        color:
          row.travel.direction === 'improving'
            ? 'Good'
            : row.travel.direction === 'worsening'
              ? 'Attention'
              : undefined,
        isSubtle: row.travel.direction === 'same',
      }),
    );
  }
  for (const text of [row.persistence, row.target === undefined ? undefined : `target ${row.target}`]) {
    if (text === undefined) continue;
    if (travel.length > 0) travel.push(run(' · ', { isSubtle: true }));
    travel.push(run(text, { isSubtle: true }));
  }
  return {
    heading: [
      run(`● ${rag.label}`, { color: rag.color, isSubtle: rag.isSubtle, weight: 'Bolder' }),
      run(` ${row.actionId} ${row.title}`, { weight: 'Bolder' }),
    ],
    why: merged(why),
    travel: travel.length > 0 ? merged(travel) : null,
    corrective: correctiveRuns(row, style.correctiveChars),
    open: style.openButtons ? navButton(`Open ${row.actionId}`, COMMANDS.showAction(row.actionId)) : null,
  };
}

function correctiveRuns(row: ExceptionRowView, chars: number): CompactRun[] | null {
  const text = present(row.correctiveAction);
  if (text === null || chars <= 0) return null;
  if (row.correctiveActionMissing) return [run(text, { color: 'Warning' })];
  return [run('Corrective action: ', { isSubtle: true }), run(truncate(text, chars))];
}

/** Neighbouring runs in the same style as one run: the digest is the biggest card, and this is most of it. */
function merged(runs: readonly CompactRun[]): CompactRun[] {
  const out: CompactRun[] = [];
  for (const next of runs) {
    const last = out[out.length - 1];
    if (last && last.color === next.color && last.isSubtle === next.isSubtle && last.weight === next.weight) {
      out[out.length - 1] = { ...last, text: last.text + next.text };
    } else out.push({ ...next });
  }
  return out;
}
