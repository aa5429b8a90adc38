import { showWhatFits } from './card-size';
import { COMMANDS, navButton, type NavButtonData } from './commands';
import { ragBadge, type TextRunData } from './rag-style';
import { compileCardTemplate, type AdaptiveCardJson } from './render-card';
import template from './templates/history.json';
import { plural, present } from './text';
import type { HistoryView, RagStatus } from './view-models';

type HistoryEntryData = {
  when: string;
  ago: string;
  who: string;
  /** "● Amber → ● Green", or "Owner changed to Sam Jones". */
  change: TextRunData[];
  note: string | null;
};

type HistoryCardData = {
  actionId: string;
  actionTitle: string;
  entries: HistoryEntryData[];
  more: number;
  moreText: string;
  open: NavButtonData;
};

const render = compileCardTemplate<HistoryCardData>(template);

export function buildHistoryCard(view: HistoryView): AdaptiveCardJson {
  const entries = view.entries.map(entryData);
  return showWhatFits(entries, (shown, hidden) => {
    const more = view.more + hidden;
    return render({
      actionId: view.actionId,
      actionTitle: view.actionTitle,
      entries: [...shown],
      more,
      moreText: `${plural(more, 'older change', 'older changes')} not shown.`,
      open: navButton(`Open ${view.actionId}`, COMMANDS.showAction(view.actionId)),
    });
  });
}

function entryData(entry: HistoryView['entries'][number]): HistoryEntryData {
  return {
    when: entry.when,
    ago: entry.ago,
    who: entry.who,
    change: entry.kind === 'owner' ? ownerChange(entry.newOwner) : statusChange(entry.from, entry.to),
    note: present(entry.note),
  };
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
