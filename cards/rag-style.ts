import { RAG_LABELS, type RagCounts, type RagStatus } from '../views/view-models';

/** How each RAG status looks. Colour is never the only signal: every use also shows the word. */

export type TextColor = 'Default' | 'Attention' | 'Warning' | 'Good' | 'Accent';

/** Template data for one TextRun. */
export type TextRunData = {
  text: string;
  color: TextColor;
  isSubtle: boolean;
};

interface RagStyle {
  label: string;
  /** The choice title on the update form, where the colour cannot be shown. */
  choiceTitle: string;
  color: TextColor;
  isSubtle: boolean;
}

export const RAG_STYLE: Readonly<Record<RagStatus, RagStyle>> = {
  red: { label: RAG_LABELS.red, choiceTitle: 'Red', color: 'Attention', isSubtle: false },
  amber: { label: RAG_LABELS.amber, choiceTitle: 'Amber', color: 'Warning', isSubtle: false },
  green: { label: RAG_LABELS.green, choiceTitle: 'Green', color: 'Good', isSubtle: false },
  complete: { label: RAG_LABELS.complete, choiceTitle: 'Complete (blue)', color: 'Accent', isSubtle: false },
  not_started: {
    label: RAG_LABELS.not_started,
    choiceTitle: 'Not started',
    color: 'Default',
    isSubtle: true,
  },
};

/** Worst first, as a reader scans for problems. */
export const RAG_ORDER: readonly RagStatus[] = ['red', 'amber', 'green', 'complete', 'not_started'];

/** The statuses an owner can choose; "not started" is only ever the starting point. */
export const RAG_CHOICES: readonly { title: string; value: RagStatus }[] = (
  ['red', 'amber', 'green', 'complete'] as const
).map((rag) => ({ title: RAG_STYLE[rag].choiceTitle, value: rag }));

/** "● Amber", in amber (templates show it in bold). */
export function ragBadge(rag: RagStatus): TextRunData {
  const style = RAG_STYLE[rag];
  return { text: `● ${style.label}`, color: style.color, isSubtle: style.isSubtle };
}

/** "● Red 2 · ● Amber 3 · …" as coloured runs; zero counts are left out unless `includeZero`. */
export function ragCountRuns(counts: RagCounts, options: { includeZero: boolean }): TextRunData[] {
  const shown = RAG_ORDER.filter((rag) => options.includeZero || counts[rag] > 0);
  return shown.flatMap((rag, index) => {
    const style = RAG_STYLE[rag];
    const run: TextRunData = {
      text: `● ${style.label} ${counts[rag]}`,
      color: style.color,
      isSubtle: style.isSubtle,
    };
    return index === 0 ? [run] : [separatorRun(), run];
  });
}

function separatorRun(): TextRunData {
  return { text: ' · ', color: 'Default', isSubtle: true };
}
