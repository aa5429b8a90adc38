import type {
  ActionSummaryView,
  ActionView,
  AimView,
  HelpView,
  HistoryView,
  MyActionsView,
  NoticeView,
  PersonalDataCheckView,
  PlanOverviewView,
  PriorityView,
  RagCounts,
  RagStatus,
} from '../../views/view-models';
import type { AgencyView, ExceptionRowView, ExceptionsView } from '../../views/board-cycle-view-model';

/** Sample view-models: for each card an empty one, a full one and one as big as the bot can produce. */

export const RAG_STATUSES: readonly RagStatus[] = ['red', 'amber', 'green', 'complete', 'not_started'];

export function counts(partial: Partial<RagCounts> = {}): RagCounts {
  return { red: 0, amber: 0, green: 0, complete: 0, not_started: 0, ...partial };
}

/** Text that is as expensive as possible to serialise: quotes and control characters escape, emoji are 4 bytes. */
export function costlyText(chars: number): string {
  const pattern = Array.from('"\\\n\u0001😀é<&>**');
  return Array.from({ length: chars }, (_, index) => pattern[index % pattern.length]).join('');
}

export function words(chars: number): string {
  return 'Partners will review how neglect is identified and responded to across agencies. '
    .repeat(Math.ceil(chars / 80))
    .slice(0, chars);
}

export const HOSTILE_TEXTS: readonly string[] = [
  '${$root}',
  '${title}',
  '${note}',
  '**bold**',
  '<at>Sam</at>',
  '<b>x</b>',
  '{{DATE(2017-02-14T06:08:39Z, SHORT)}}',
  '[link](https://example.com)',
  '1. first\n2. second',
  '${if(true, "a", "b")}',
  '`code` and \\ backslash and "quotes"',
];

export function actionSummary(overrides: Partial<ActionSummaryView> = {}): ActionSummaryView {
  return {
    id: '5.1',
    title: 'Audit the use of the neglect toolkit',
    owner: 'Jane Smith',
    status: {
      rag: 'amber',
      note: 'Audit under way; report due in March.',
      updatedBy: 'Jane Smith',
      updatedAgo: '3 days ago',
    },
    ...overrides,
  };
}

// Plan overview

export const emptyPlan: PlanOverviewView = {
  title: 'OSCB Business Plan',
  period: '2017–2019',
  aims: [],
  totals: counts(),
  localContext: [],
};

export function fullPlan(titleChars = 60): PlanOverviewView {
  let priorityNumber = 0;
  return {
    title: 'Oxfordshire Safeguarding Children Board Business Plan',
    period: '2017–2019',
    aims: [1, 2, 3].map((aimNumber) => ({
      number: aimNumber,
      title: `Aim ${aimNumber} ${words(titleChars)}`,
      priorities: Array.from({ length: aimNumber === 3 ? 2 : 3 }, () => {
        priorityNumber += 1;
        return {
          number: priorityNumber,
          title: words(titleChars),
          actionCount: 5,
          ragCounts: counts({ red: 1, amber: 1, green: 1, complete: 1, not_started: 1 }),
        };
      }),
    })),
    totals: counts({ red: 2, amber: 3, green: 5, complete: 1, not_started: 7 }),
    localContext: [
      { label: 'Children in Oxfordshire', value: '141,000' },
      { label: 'Child protection plans', value: '591' },
    ],
  };
}

// Aim

export const emptyAim: AimView = {
  number: 1,
  title: 'Children are safe',
  summary: 'Summary.',
  priorities: [],
};

export function fullAim(textChars = 200): AimView {
  return {
    number: 2,
    title: 'Children and young people are protected from neglect',
    summary: words(textChars),
    whyThesePriorities: words(textChars),
    priorities: [4, 5, 6].map((number) => ({
      number,
      title: words(80),
      boardWill: words(textChars),
      ragCounts: number === 6 ? counts() : counts({ amber: 2, green: 1 }),
    })),
  };
}

// Priority

export function priority(actions: ActionSummaryView[], textChars = 300): PriorityView {
  return {
    number: 5,
    title: 'Neglect',
    aimNumber: 2,
    aimTitle: 'Children and young people are protected from neglect',
    why: words(textChars),
    boardWill: words(textChars),
    ragCounts: counts({ amber: actions.length }),
    actions,
  };
}

export const emptyPriority = priority([], 20);

export const fullPriority = priority([
  actionSummary(),
  actionSummary({ id: '5.2', owner: undefined, status: { rag: 'not_started' } }),
  actionSummary({
    id: '5.3',
    status: { rag: 'red', note: words(900), updatedAgo: 'yesterday', updatedBy: 'Sam' },
  }),
  actionSummary({ id: '5.4', status: { rag: 'complete', updatedAgo: '2 months ago' } }),
  actionSummary({ id: '5.5', status: { rag: 'green', updatedBy: 'Lee' } }),
]);

export const worstPriority = priority(
  Array.from({ length: 10 }, (_, index) =>
    actionSummary({
      id: `5.${index + 1}`,
      title: costlyText(200),
      owner: costlyText(100),
      status: { rag: 'red', note: costlyText(1000), updatedBy: costlyText(100), updatedAgo: '3 days ago' },
    }),
  ),
  1000,
);

// Action

export const minimalAction: ActionView = {
  id: '5.2',
  title: 'Train practitioners',
  description: 'Deliver training.',
  priorityNumber: 5,
  priorityTitle: 'Neglect',
  status: { rag: 'not_started' },
};

export const fullAction: ActionView = {
  id: '5.1',
  title: 'Audit the use of the neglect toolkit',
  description: words(400),
  priorityNumber: 5,
  priorityTitle: 'Neglect',
  owner: 'Jane Smith',
  status: {
    rag: 'amber',
    note: 'Audit under way; report due in March.',
    updatedBy: 'Jane Smith',
    updatedAgo: '3 days ago',
    updatedAt: 'Mon 23 Nov 2026, 14:05',
    impact: 'Fewer repeat referrals for neglect.',
    evidenceUrl: 'https://oxon.sharepoint.com/sites/board/audit.pdf',
    correctiveAction: 'Extra audit panel in January.',
  },
  target: {
    date: '30 June 2027',
    originalDate: '31 March 2027',
    distance: 'overdue by 12 days',
    overdue: true,
  },
  lead: 'Thames Valley Police',
  notice: { tone: 'good', text: 'Amber → Green, saved' },
  form: {
    baseVersion: 7,
    selectedRag: 'amber',
    draftNote: 'Draft',
    draftImpact: 'Impact draft',
    draftEvidenceLink: 'https://example.org/report',
    draftCorrectiveAction: 'Corrective draft',
    submitLabel: 'Save update',
  },
  refreshUserIds: ['29:1abc', '29:2def'],
};

/** Every field of an update at its limit: 1,000-character impact and corrective action, a 2,000-character link. */
export const longestEvidenceUrl = `https://example.org/${'a'.repeat(1980)}`;

/** Notes as long as the form allows, in the costliest characters. */
export const worstAction: ActionView = {
  ...fullAction,
  title: costlyText(300),
  description: costlyText(1500),
  owner: costlyText(200),
  status: {
    ...fullAction.status,
    note: costlyText(1000),
    updatedBy: costlyText(200),
    impact: costlyText(1000),
    evidenceUrl: longestEvidenceUrl,
    correctiveAction: costlyText(1000),
  },
  lead: costlyText(120),
  notice: { tone: 'warning', text: costlyText(500) },
  form: {
    baseVersion: 7,
    selectedRag: 'red',
    draftNote: costlyText(1000),
    draftImpact: costlyText(1000),
    draftEvidenceLink: longestEvidenceUrl,
    draftCorrectiveAction: costlyText(1000),
    submitLabel: 'Submit anyway',
  },
  refreshUserIds: Array.from({ length: 60 }, (_, index) => `29:${'x'.repeat(80)}${index}`),
};

/** Notes as long as the payload schema allows (5,000 characters). */
export const longestNotesAction: ActionView = {
  ...worstAction,
  description: words(1500),
  status: { ...fullAction.status, note: words(5000) },
  form: { baseVersion: 7, selectedRag: 'red', draftNote: words(5000), submitLabel: 'Submit anyway' },
};

// My actions

export const emptyMyActions: MyActionsView = { ownerName: 'Jane Smith', actions: [] };

export const fullMyActions: MyActionsView = {
  ownerName: 'Jane Smith',
  actions: [
    {
      ...actionSummary(),
      priorityNumber: 5,
      ageDays: 3,
      target: { date: '31 March 2027', distance: 'overdue by 12 days', overdue: true },
    },
    {
      ...actionSummary({ id: '2.3', status: { rag: 'not_started' } }),
      priorityNumber: 2,
      target: { date: '30 June 2027', distance: 'due in 200 days', overdue: false },
    },
  ],
};

export const worstMyActions: MyActionsView = {
  ownerName: costlyText(200),
  actions: Array.from({ length: 60 }, (_, index) => ({
    ...actionSummary({
      id: `${(index % 8) + 1}.${index + 1}`,
      title: costlyText(200),
      owner: costlyText(100),
      status: { rag: 'green', note: costlyText(1000), updatedBy: costlyText(100), updatedAgo: '3 days ago' },
    }),
    priorityNumber: (index % 8) + 1,
    ageDays: 3,
    target: {
      date: '30 September 2027',
      originalDate: '31 March 2027',
      distance: 'overdue by 1,234 days',
      overdue: true,
    },
  })),
};

// History

export const emptyHistory: HistoryView = {
  actionId: '5.1',
  actionTitle: 'Audit',
  entries: [],
  page: 1,
  pages: 1,
  older: 0,
};

export const fullHistory: HistoryView = {
  actionId: '5.1',
  actionTitle: 'Audit the use of the neglect toolkit',
  entries: [
    {
      number: 16,
      kind: 'redaction',
      when: 'Tue 24 Nov 2026, 10:00',
      ago: '2 days ago',
      who: 'Chris Chair',
      redactedNumber: 14,
      reason: 'Named a family',
    },
    {
      number: 15,
      kind: 'status',
      when: 'Mon 23 Nov 2026, 14:05',
      ago: '3 days ago',
      who: 'Jane Smith',
      from: 'amber',
      to: 'green',
      note: 'Done.',
      redactable: true,
    },
    {
      number: 14,
      kind: 'status',
      when: 'Mon 2 Nov 2026, 09:00',
      ago: '3 weeks ago',
      who: 'Jane Smith',
      to: 'amber',
      note: '[redacted by Chris Chair, 24 Nov 2026: Named a family]',
    },
    {
      number: 13,
      kind: 'owner',
      when: 'Sun 1 Nov 2026, 09:00',
      ago: '4 weeks ago',
      who: 'Admin',
      newOwner: 'Jane Smith',
    },
    { number: 12, kind: 'owner', when: 'Sat 31 Oct 2026, 09:00', ago: '4 weeks ago', who: 'Admin' },
  ],
  page: 1,
  pages: 2,
  older: 11,
  olderCommand: 'history 5.1 page 2',
};

/** The board-cycle changes: a status with its details, a target revision, a lead change; and a period. */
export const boardCycleHistory: HistoryView = {
  actionId: 'priority 5',
  actionTitle: 'Neglect',
  period: { text: 'since 1 April 2026', total: 40, scope: 'priority 5', openCommand: 'show priority 5' },
  entries: [
    {
      number: 20,
      kind: 'status',
      when: 'Tue 24 Nov 2026, 10:00',
      ago: '2 days ago',
      who: 'Jane Smith, on 5.1',
      from: 'amber',
      to: 'red',
      note: 'Audit slipped.',
      impact: 'Fewer repeat referrals.',
      evidenceUrl: 'https://example.org/audit',
      correctiveAction: 'Extra panel.',
    },
    {
      number: 19,
      kind: 'target',
      when: 'Mon 23 Nov 2026, 10:00',
      ago: '3 days ago',
      who: 'Jane Smith, on 5.1',
      targetDate: '30 June 2027',
      previousTargetDate: '31 March 2027',
      reason: 'the audit moved',
    },
    {
      number: 18,
      kind: 'target',
      when: 'Mon 23 Nov 2026, 09:00',
      ago: '3 days ago',
      who: 'Jane Smith',
      targetDate: '31 March 2027',
    },
    {
      number: 17,
      kind: 'lead',
      when: 'Sun 22 Nov 2026, 09:00',
      ago: '4 days ago',
      who: 'Chris Chair',
      leadAgency: 'Thames Valley Police',
      previousLeadAgency: 'Oxfordshire County Council',
    },
    {
      number: 16,
      kind: 'lead',
      when: 'Sun 22 Nov 2026, 08:00',
      ago: '4 days ago',
      who: 'Chris Chair',
      leadAgency: 'NHS Trust',
    },
  ],
  page: 1,
  pages: 1,
  older: 0,
};

/** A period answer at its cap (25), every change with every detail at its limit. */
export const worstBoardCycleHistory: HistoryView = {
  ...boardCycleHistory,
  actionTitle: costlyText(300),
  entries: Array.from({ length: 25 }, (_, index) => ({
    number: 50 - index,
    kind: 'status' as const,
    when: 'Mon 23 Nov 2026, 14:05',
    ago: '3 days ago',
    who: costlyText(100),
    from: 'amber' as const,
    to: 'red' as const,
    note: costlyText(1000),
    impact: costlyText(1000),
    evidenceUrl: longestEvidenceUrl,
    correctiveAction: costlyText(1000),
  })),
};

export const worstHistory: HistoryView = {
  actionId: '5.1',
  actionTitle: costlyText(300),
  entries: Array.from({ length: 40 }, (_, index) => ({
    number: 50 - index,
    kind: 'status' as const,
    when: 'Mon 23 Nov 2026, 14:05',
    ago: '3 days ago',
    who: costlyText(100),
    from: 'amber' as const,
    to: 'red' as const,
    note: costlyText(5000),
    redactable: true,
  })),
  page: 2,
  pages: 5,
  older: 10,
  olderCommand: 'history 5.1 page 3',
  newerCommand: 'history 5.1 page 1',
};

// Help

export const userHelp: HelpView = {
  isAdmin: false,
  commands: [
    { command: 'show plan', description: 'The whole plan, with RAG counts' },
    { command: 'show priority <n>', description: 'One priority and its actions' },
    { command: 'my actions', description: 'Actions you own' },
  ],
  adminCommands: [{ command: 'assign <action> <email>', description: 'Give an action an owner' }],
};

export const adminHelp: HelpView = { ...userHelp, isAdmin: true };

// Notice

export const plainNotice: NoticeView = { tone: 'default', title: 'Done', text: '', suggestions: [] };

export const didYouMean: NoticeView = {
  tone: 'warning',
  title: 'I did not understand "shwo priorty 5"',
  text: 'Did you mean one of these?',
  suggestions: Array.from({ length: 8 }, (_, index) => ({
    title: `Show priority ${index + 1}`,
    command: `show priority ${index + 1}`,
  })),
};

/** A typed update that could not be saved: its example as text and the form to finish it in. */
export const unsavedUpdate: NoticeView = {
  tone: 'warning',
  title: 'Nothing was saved',
  text: 'A note is needed for red and amber: what is wrong and what is being done.',
  suggestions: [{ title: 'show action 5.1', command: 'show action 5.1' }],
  examples: ['update 5.1 amber <note>', 'assign 5.1 to <their email address>'],
  forms: [{ title: 'Open the form for 5.1', actionId: '5.1', rag: 'amber', note: 'Waiting on Health' }],
};

export const worstUnsavedUpdate: NoticeView = {
  ...unsavedUpdate,
  text: costlyText(1000),
  examples: [costlyText(100), costlyText(100), costlyText(100)],
  forms: [
    { title: 'Open the form for 5.1', actionId: '5.1', rag: 'amber', note: costlyText(4000) },
    ...Array.from({ length: 2 }, () => ({
      title: 'Open the form for 5.1',
      actionId: '5.1',
      note: costlyText(100),
    })),
  ],
};

/** A board-pack upload that failed: the button offers the same file again. */
export const uploadFailedNotice: NoticeView = {
  tone: 'attention',
  title: 'The Word report was not sent',
  text: 'OSCB board pack 2026-12-02.docx did not reach your OneDrive: OneDrive refused it (HTTP 500).',
  suggestions: [],
  fileOffers: [
    {
      title: 'Offer the Word report again',
      params: { asAt: '2026-12-02', from: '2026-09-01', to: '2026-12-02' },
      format: 'docx',
    },
  ],
};

/** The action form after the personal-data check, with the note to store as written. */
export const checkedAction: ActionView = {
  ...worstAction,
  form: {
    baseVersion: 7,
    selectedRag: 'amber',
    draftNote: costlyText(1000),
    submitLabel: 'Save my rephrased note',
    check: { findings: ['an NHS number'], note: costlyText(1000) },
  },
};

/**
 * Every checked text at its limit in the costliest characters: the card still fits, giving up the form's
 * boxes before "Store as written", which carries every checked text.
 */
export const checkedEverythingAction: ActionView = {
  ...checkedAction,
  form: {
    baseVersion: 7,
    selectedRag: 'red',
    draftNote: costlyText(1000),
    draftImpact: costlyText(1000),
    draftEvidenceLink: longestEvidenceUrl,
    draftCorrectiveAction: costlyText(1000),
    submitLabel: 'Save my rephrased note',
    check: {
      findings: ['an NHS number'],
      note: costlyText(1000),
      impact: costlyText(1000),
      evidenceUrl: longestEvidenceUrl,
      correctiveAction: costlyText(1000),
    },
  },
};

/** A typed note five times too long, opened on the form: the card still fits. */
export const overlongDraftAction: ActionView = {
  ...worstAction,
  form: { baseVersion: 7, selectedRag: 'red', draftNote: costlyText(4500), submitLabel: 'Save update' },
};

export const checkedMyActions: MyActionsView = {
  ...worstMyActions,
  list: ['5.1', '2.3'],
  actions: worstMyActions.actions.map((action, index) =>
    index === 0
      ? {
          ...action,
          notice: { tone: 'warning' as const, text: costlyText(300) },
          form: {
            baseVersion: 3,
            selectedRag: 'red' as const,
            draftNote: costlyText(1000),
            draftImpact: costlyText(1000),
            draftEvidenceLink: longestEvidenceUrl,
            draftCorrectiveAction: costlyText(1000),
            submitLabel: 'Save my rephrased note',
            check: {
              findings: ['an NHS number'],
              note: costlyText(1000),
              impact: costlyText(1000),
              evidenceUrl: longestEvidenceUrl,
              correctiveAction: costlyText(1000),
            },
          },
        }
      : action,
  ),
};

// Personal-data check

export const personalDataCheck: PersonalDataCheckView = {
  actionId: '5.1',
  actionTitle: 'Audit the use of the neglect toolkit',
  rag: 'amber',
  note: 'Seen child with NHS number 943 476 5919.',
  baseVersion: 7,
  findings: ['an NHS number', 'a full postcode'],
};

export const worstPersonalDataCheck: PersonalDataCheckView = {
  ...personalDataCheck,
  actionTitle: costlyText(300),
  note: costlyText(1000),
  findings: ['an NHS number', 'a full postcode', 'a date of birth', 'an email address'],
};

export const longestNotePersonalDataCheck: PersonalDataCheckView = {
  ...worstPersonalDataCheck,
  note: words(5000),
};

// Board cycle: exceptions and agency

export function exceptionRow(actionId: string, overrides: Partial<ExceptionRowView> = {}): ExceptionRowView {
  return {
    actionId,
    title: 'Audit the use of the neglect toolkit',
    rag: 'red',
    travel: { direction: 'worsening', text: '↓ worsening (was Amber)' },
    persistence: 'Red for 3 weeks',
    owner: 'Jane Smith',
    lead: 'Thames Valley Police',
    reasons: ['Red', 'overdue by 12 days'],
    updated: 'updated 20 days ago',
    target: '30 June 2027 (revised from 31 March 2027)',
    correctiveAction: 'Extra audit capacity agreed with the CCG.',
    correctiveActionMissing: false,
    severity: 0,
    ...overrides,
  };
}

export const emptyExceptions: ExceptionsView = {
  title: 'OSCB Business Plan',
  basis: 'No update for 14 days counts as stale.',
  groups: [],
  total: 0,
};

export const fullExceptions: ExceptionsView = {
  title: 'OSCB Business Plan',
  basis:
    'No update for 14 days counts as stale; direction of travel is since the digest of Mon 16 Nov 2026, 09:00.',
  groups: [
    {
      priorityNumber: 2,
      priorityTitle: 'Joint work with OSAB',
      rows: [
        exceptionRow('2.1'),
        exceptionRow('2.2', {
          correctiveAction: 'no corrective action recorded',
          correctiveActionMissing: true,
          owner: undefined,
          lead: undefined,
          travel: undefined,
          persistence: undefined,
          target: undefined,
          reasons: ['Red'],
        }),
      ],
    },
    {
      priorityNumber: 4,
      priorityTitle: 'Safeguard adolescents',
      rows: [
        exceptionRow('4.4', {
          rag: 'amber',
          reasons: ['Amber with no change for 3 digests'],
          severity: 1,
          travel: { direction: 'same', text: '→ no change' },
          correctiveAction: undefined,
        }),
        exceptionRow('4.1', {
          rag: 'not_started',
          reasons: ['never updated'],
          updated: 'never updated',
          severity: 4,
        }),
      ],
    },
  ],
  total: 4,
};

/** 60 rows in 8 priorities, every text as long and costly as the bot allows: the card must trim and say so. */
export const worstExceptions: ExceptionsView = {
  title: costlyText(200),
  basis: fullExceptions.basis,
  groups: Array.from({ length: 8 }, (_, group) => ({
    priorityNumber: group + 1,
    priorityTitle: costlyText(120),
    rows: Array.from({ length: 8 }, (_, row) =>
      exceptionRow(`${group + 1}.${row + 1}`, {
        title: costlyText(200),
        owner: costlyText(100),
        lead: costlyText(120),
        correctiveAction: costlyText(1000),
        reasons: ['Red', 'overdue by 1,234 days', 'no update for 400 days'],
      }),
    ),
  })),
  total: 64,
};

export const fullAgency: AgencyView = {
  agency: 'Thames Valley Police',
  actions: [
    {
      id: '4.2',
      title: 'Tackle child sexual exploitation',
      priorityNumber: 4,
      rag: 'amber',
      owner: 'Jane Smith (jane@police.example)',
      updated: 'updated 3 days ago',
      cycle: {
        travel: { direction: 'improving', text: '↑ improving (was Red)' },
        persistence: 'Amber for 3 days',
        target: '31 March 2027',
        lead: 'Thames Valley Police',
      },
    },
    {
      id: '5.1',
      title: 'Audit the use of the neglect toolkit',
      priorityNumber: 5,
      rag: 'not_started',
      updated: 'never updated',
      cycle: { overdue: 'overdue by 12 days', target: '11 November 2026', lead: 'Thames Valley Police' },
    },
  ],
};

export const worstAgency: AgencyView = {
  agency: costlyText(120),
  actions: Array.from({ length: 60 }, (_, index) => ({
    id: `${(index % 8) + 1}.${index + 1}`,
    title: costlyText(200),
    priorityNumber: (index % 8) + 1,
    rag: 'red' as const,
    owner: costlyText(100),
    updated: 'updated 400 days ago',
    cycle: {
      travel: { direction: 'worsening' as const, text: '↓ worsening (was Complete)' },
      persistence: 'Red for 2 years',
      overdue: 'overdue by 1,234 days',
      target: '30 June 2027 (revised from 31 March 2027)',
      lead: costlyText(120),
    },
  })),
};

/** A priority whose actions carry every board-cycle fact. */
export const cyclePriority = priority(
  fullPriority.actions.map((action, index) => ({
    ...action,
    cycle:
      index === 1
        ? undefined
        : {
            travel: { direction: 'worsening' as const, text: '↓ worsening (was Green)' },
            persistence: 'Amber for 4 weeks',
            overdue: 'overdue by 12 days',
            target: '31 March 2027',
            lead: costlyText(120),
          },
  })),
);
