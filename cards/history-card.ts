import { fitsBudget, showWhatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { ragBadge, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/history.json';
import { evidenceButtonUrl } from './target-line';
import { plural, present, truncate } from './text';
import { redactChangeInputId, SUBMIT_VERB, type RedactChangePayload } from './verbs';
import type { HistoryEntryView, HistoryView, RagStatus } from '../views/view-models';

type RedactButtonData = {
  title: string;
  inputId: string;
  label: string;
  data: Omit<RedactChangePayload, 'reason'>;
};

type HistoryEntryData = {
  number: string;
  when: string;
  ago: string;
  who: string;
  /** "● Amber → ● Green", "Owner changed to Sam Jones", "Redacted the note of #7". */
  change: TextRunData[];
  note: string | null;
  /** "Impact so far: …", "Corrective action: …", "Reason: …". */
  details: { label: string; text: string }[];
  evidenceUrl: string | null;
  redact: RedactButtonData | null;
};

type HistoryCardData = {
  heading: string;
  actionId: string;
  actionTitle: string;
  entries: HistoryEntryData[];
  empty: boolean;
  periodText: string | null;
  pageText: string | null;
  hiddenText: string | null;
  open: NavButtonData;
  older: NavButtonData | null;
  newer: NavButtonData | null;
};

const render = compileCardTemplate<HistoryCardData>(template);

/** Notes are cut to this on a page whose notes are too long to show in full together. */
const SHORT_NOTE_CHARS = 300;

export function buildHistoryCard(view: HistoryView): AdaptiveCardJson {
  const renderWith = (entries: readonly HistoryEntryData[], hidden: number) =>
    render({
      heading: view.period ? `History of ${view.period.scope}` : `History of action ${view.actionId}`,
      actionId: view.actionId,
      actionTitle: view.actionTitle,
      entries: [...entries],
      empty: view.entries.length === 0 && view.older === 0 && !view.period,
      periodText: periodText(view),
      pageText: pageText(view),
      hiddenText:
        hidden > 0 ? `${plural(hidden, 'change', 'changes')} on this page could not fit on one card.` : null,
      open: view.period
        ? navButton(`Open ${view.period.scope}`, view.period.openCommand)
        : navButton(`Open ${view.actionId}`, COMMANDS.showAction(view.actionId)),
      older: view.olderCommand ? navButton('Older changes', view.olderCommand) : null,
      newer: view.newerCommand ? navButton('Newer changes', view.newerCommand) : null,
    });
  const whole = renderWith(
    view.entries.map((entry) => entryData(view.actionId, entry, Infinity)),
    0,
  );
  if (fitsBudget(whole)) return whole;
  return showWhatFits(
    view.entries.map((entry) => entryData(view.actionId, entry, SHORT_NOTE_CHARS)),
    renderWith,
  );
}

/** "Page 1 of 11. 100 older changes: history 5.1 page 2" — absent when everything is on one page. */
function pageText(view: HistoryView): string | null {
  if (view.pages <= 1) return null;
  const older =
    view.older > 0 && view.olderCommand
      ? ` ${plural(view.older, 'older change', 'older changes')}: type "${view.olderCommand}" or press Older changes.`
      : '';
  return `Page ${view.page} of ${view.pages}.${older}`;
}

/** "14 changes to 5.1 since 1 April 2026, newest first."; a period of several pages says so in pageText. */
function periodText(view: HistoryView): string | null {
  if (!view.period) return null;
  const { text, total, scope } = view.period;
  const shown = view.entries.length;
  if (total === 0) return `No changes to ${scope} ${text}.`;
  const head = `${plural(total, 'change', 'changes')} to ${scope} ${text}, newest first.`;
  if (total <= shown || view.pages > 1) return head;
  return `${head} The newest ${shown} are shown; ${plural(total - shown, 'more is', 'more are')} older: give a shorter period to see them.`;
}

function entryData(actionId: string, entry: HistoryEntryView, noteChars: number): HistoryEntryData {
  const note = present(entry.note);
  const detail = (label: string, text: string | undefined) => {
    const shown = present(text);
    return shown === null ? [] : [{ label, text: truncate(shown, noteChars) }];
  };
  return {
    number: entry.number === undefined ? '' : `#${entry.number}`,
    when: entry.when,
    ago: entry.ago,
    who: entry.who,
    change: changeRuns(entry),
    note: note === null ? null : truncate(note, noteChars),
    details: [
      ...detail('Impact so far: ', entry.impact),
      ...detail('Corrective action: ', entry.correctiveAction),
      ...(entry.kind === 'target' ? detail('Reason: ', entry.reason) : []),
    ],
    evidenceUrl: evidenceButtonUrl(entry.evidenceUrl),
    redact:
      entry.redactable && entry.number !== undefined
        ? {
            title: `Redact #${entry.number}`,
            inputId: redactChangeInputId(entry.number),
            label: `Why must the note of #${entry.number} be taken out? Kept with the record; do not repeat the note.`,
            data: { verb: SUBMIT_VERB.redactChange, actionId, version: entry.number },
          }
        : null,
  };
}

function changeRuns(entry: HistoryEntryView): TextRunData[] {
  switch (entry.kind) {
    case 'owner':
      return ownerChange(entry.newOwner);
    case 'redaction':
      return [
        plainRun(`Redacted the note of #${entry.redactedNumber ?? '?'}`),
        ...(entry.reason ? [plainRun(': '), plainRun(entry.reason)] : []),
      ];
    case 'status':
      return statusChange(entry.from, entry.to);
    case 'target':
      return entry.previousTargetDate
        ? [plainRun(`Target date moved from ${entry.previousTargetDate} to ${entry.targetDate ?? '?'}`)]
        : [plainRun(`Target date set: ${entry.targetDate ?? '?'}`)];
    case 'escalation':
      return [{ text: entry.escalation ?? 'Escalated', color: 'Attention', isSubtle: false }];
    case 'lead':
      return entry.previousLeadAgency
        ? [
            plainRun('Lead agency changed from '),
            plainRun(entry.previousLeadAgency),
            plainRun(' to '),
            plainRun(entry.leadAgency ?? '?'),
          ]
        : [plainRun('Lead agency set: '), plainRun(entry.leadAgency ?? '?')];
  }
}

function statusChange(from: RagStatus | undefined, to: RagStatus | undefined): TextRunData[] {
  const runs: TextRunData[] = [];
  if (from !== undefined) runs.push(ragBadge(from), plainRun(' → '));
  runs.push(to !== undefined ? ragBadge(to) : plainRun('Status changed'));
  return runs;
}

function ownerChange(newOwner: string | undefined): TextRunData[] {
  const owner = present(newOwner);
  return owner === null ? [plainRun('Owner removed')] : [plainRun('Owner changed to '), plainRun(owner)];
}

function plainRun(text: string): TextRunData {
  return { text, color: 'Default', isSubtle: false };
}
