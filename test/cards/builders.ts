import * as cards from '../../cards';
import type { AdaptiveCardJson } from '../../cards';
import { buildEscalationsCard } from '../../cards/escalations-card';
import type { EscalationsView } from '../../views/escalation-views';
import * as fixtures from './fixtures';

/** Every card builder with the view-models it is tested against. */
export const CASES: readonly { card: string; sample: string; build: () => AdaptiveCardJson }[] = [
  { card: 'plan', sample: 'empty', build: () => cards.buildPlanCard(fixtures.emptyPlan) },
  { card: 'plan', sample: 'full', build: () => cards.buildPlanCard(fixtures.fullPlan()) },
  { card: 'plan', sample: 'long titles', build: () => cards.buildPlanCard(fixtures.fullPlan(300)) },
  { card: 'aim', sample: 'empty', build: () => cards.buildAimCard(fixtures.emptyAim) },
  { card: 'aim', sample: 'full', build: () => cards.buildAimCard(fixtures.fullAim()) },
  { card: 'aim', sample: 'long text', build: () => cards.buildAimCard(fixtures.fullAim(1500)) },
  { card: 'priority', sample: 'empty', build: () => cards.buildPriorityCard(fixtures.emptyPriority) },
  { card: 'priority', sample: 'full', build: () => cards.buildPriorityCard(fixtures.fullPriority) },
  { card: 'priority', sample: 'worst case', build: () => cards.buildPriorityCard(fixtures.worstPriority) },
  { card: 'action', sample: 'minimal', build: () => cards.buildActionCard(fixtures.minimalAction) },
  { card: 'action', sample: 'full', build: () => cards.buildActionCard(fixtures.fullAction) },
  { card: 'action', sample: 'worst case', build: () => cards.buildActionCard(fixtures.worstAction) },
  {
    card: 'action',
    sample: 'longest notes',
    build: () => cards.buildActionCard(fixtures.longestNotesAction),
  },
  { card: 'my actions', sample: 'empty', build: () => cards.buildMyActionsCard(fixtures.emptyMyActions) },
  { card: 'my actions', sample: 'full', build: () => cards.buildMyActionsCard(fixtures.fullMyActions) },
  {
    card: 'my actions',
    sample: 'worst case',
    build: () => cards.buildMyActionsCard(fixtures.worstMyActions),
  },
  { card: 'history', sample: 'empty', build: () => cards.buildHistoryCard(fixtures.emptyHistory) },
  { card: 'history', sample: 'full', build: () => cards.buildHistoryCard(fixtures.fullHistory) },
  { card: 'history', sample: 'worst case', build: () => cards.buildHistoryCard(fixtures.worstHistory) },
  {
    card: 'history',
    sample: 'board cycle: a period, targets, leads, details',
    build: () => cards.buildHistoryCard(fixtures.boardCycleHistory),
  },
  {
    card: 'history',
    sample: 'board cycle: a period at its cap, every detail at its limit',
    build: () => cards.buildHistoryCard(fixtures.worstBoardCycleHistory),
  },
  { card: 'help', sample: 'user', build: () => cards.buildHelpCard(fixtures.userHelp) },
  { card: 'help', sample: 'admin', build: () => cards.buildHelpCard(fixtures.adminHelp) },
  {
    card: 'help',
    sample: 'welcome in a team',
    build: () => cards.buildHelpCard({ ...fixtures.userHelp, boardChannelSetup: true }),
  },
  { card: 'notice', sample: 'plain', build: () => cards.buildNoticeCard(fixtures.plainNotice) },
  { card: 'notice', sample: 'did you mean', build: () => cards.buildNoticeCard(fixtures.didYouMean) },
  { card: 'notice', sample: 'unsaved update', build: () => cards.buildNoticeCard(fixtures.unsavedUpdate) },
  {
    card: 'notice',
    sample: 'unsaved update, worst case',
    build: () => cards.buildNoticeCard(fixtures.worstUnsavedUpdate),
  },
  {
    card: 'notice',
    sample: 'a board-pack upload that failed',
    build: () => cards.buildNoticeCard(fixtures.uploadFailedNotice),
  },
  { card: 'action', sample: 'after the check', build: () => cards.buildActionCard(fixtures.checkedAction) },
  {
    card: 'action',
    sample: 'after the check, every text at its limit',
    build: () => cards.buildActionCard(fixtures.checkedEverythingAction),
  },
  {
    card: 'action',
    sample: 'an over-long typed draft',
    build: () => cards.buildActionCard(fixtures.overlongDraftAction),
  },
  {
    card: 'my actions',
    sample: 'reminder after the check',
    build: () => cards.buildMyActionsCard(fixtures.checkedMyActions),
  },
  {
    card: 'escalations',
    sample: 'to the business manager, every action silent, with assign forms',
    build: () => buildEscalationsCard(escalationsSample({ assignForms: true })),
  },
  {
    card: 'escalations',
    sample: 'show escalations, with since when',
    build: () => buildEscalationsCard(escalationsSample({ assignForms: false, since: true })),
  },
  ...(['default', 'good', 'warning', 'attention', 'accent'] as const).map((tone) => ({
    card: 'notice',
    sample: `${tone} tone`,
    build: () => cards.buildNoticeCard({ ...fixtures.didYouMean, tone }),
  })),
  {
    card: 'personal-data check',
    sample: 'full',
    build: () => cards.buildPersonalDataCheckCard(fixtures.personalDataCheck),
  },
  {
    card: 'personal-data check',
    sample: 'no findings',
    build: () => cards.buildPersonalDataCheckCard({ ...fixtures.personalDataCheck, findings: [] }),
  },
  {
    card: 'personal-data check',
    sample: 'worst case',
    build: () => cards.buildPersonalDataCheckCard(fixtures.worstPersonalDataCheck),
  },
  {
    card: 'personal-data check',
    sample: 'longest note',
    build: () => cards.buildPersonalDataCheckCard(fixtures.longestNotePersonalDataCheck),
  },
  { card: 'exceptions', sample: 'empty', build: () => cards.buildExceptionsCard(fixtures.emptyExceptions) },
  { card: 'exceptions', sample: 'full', build: () => cards.buildExceptionsCard(fixtures.fullExceptions) },
  {
    card: 'exceptions',
    sample: 'worst case',
    build: () => cards.buildExceptionsCard(fixtures.worstExceptions),
  },
  { card: 'agency', sample: 'full', build: () => cards.buildAgencyCard(fixtures.fullAgency) },
  { card: 'agency', sample: 'worst case', build: () => cards.buildAgencyCard(fixtures.worstAgency) },
  {
    card: 'priority',
    sample: 'with direction of travel',
    build: () => cards.buildPriorityCard(fixtures.cyclePriority),
  },
];

/** Forty escalated actions with long titles and names: the card shows what fits and says how many more. */
function escalationsSample(options: { assignForms: boolean; since?: boolean }): EscalationsView {
  return {
    title: 'Actions escalated to you',
    intro: 'These actions have had no update for 28 days after their owners were reminded, or have no owner.',
    assignForms: options.assignForms,
    rows: Array.from({ length: 40 }, (_, index) => ({
      actionId: `${1 + (index % 8)}.${1 + Math.floor(index / 8)}`,
      title: 'Co-ordinated multi-agency response to neglect across every partner agency '.repeat(3).trim(),
      owner: 'Olivia Owner-Longname-Hyphenated (Oxfordshire County Council Children’s Services)',
      silence: `no update for ${28 + index} days`,
      reminders: `${1 + (index % 4)} reminders sent, the last on 30 November 2026`,
      target: 'overdue by 120 days (target 31 March 2026)',
      ...(options.since ? { since: 'escalated since 2 November 2026 to Beth Manager and Lee Lead' } : {}),
    })),
  };
}
