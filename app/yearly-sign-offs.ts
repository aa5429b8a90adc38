import { reportYear } from '../domain/yearly-report/report-year';
import type { PeopleStore } from '../domain/known-people';
import { readNote } from '../domain/note-text';
import { answersTo, type Person } from '../domain/person';
import { personalDataProblem } from '../domain/target-and-lead';
import { todayIn } from '../domain/board-cycle/calendar-date';
import { zonedDateFormat } from '../domain/zoned-date-format';
import type { Answer } from '../views/answer';
import type { YearlyReportView } from '../views/yearly-report-view-model';
import type { Log } from './log';
import type { Messenger } from './messenger';
import { notice } from './notices';
import { noReport, type YearlyReports } from './yearly-reports';
import type { YearlyReportRecords, YearlySignOff } from './yearly-sign-off-ports';

export interface YearlySignOffPorts {
  reports: Pick<YearlyReports, 'build'>;
  records: YearlyReportRecords;
  people: Pick<PeopleStore, 'findByEmail'>;
  messenger: Messenger;
  log: Log;
  clock: () => Date;
  timeZone: string;
  yearStartMonth: number;
  leadPartners: readonly { agency: string; upn: string }[];
  scrutineer?: string;
}

/** The longest scrutineer's comment kept: a paragraph or two of a report, not a document. */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * Part 3 of issue 22: the lead safeguarding partners sign the yearly report's content (its fingerprint),
 * and the independent scrutineer comments on it. Both are append-only rows; a redelivered message
 * records nothing new and answers as the first did.
 */
export class YearlySignOffs {
  constructor(private readonly ports: YearlySignOffPorts) {}

  async signOff(input: { by: Person; place: string; year: string; delivery?: string }): Promise<Answer> {
    const partner = this.partnerOf(input.by);
    if (!partner || !input.by.email) return notPartner();
    if (input.place !== 'personal')
      return onlyInPersonalChat(
        'Sign in a personal chat',
        `A sign-off is recorded in your name, so I take it only in a personal chat: type "sign off yearly report ${input.year}" there.`,
      );
    const built = await this.ports.reports.build(input.year, input.by.name);
    if (!built.ok) return noReport(built.problem);
    const { view } = built;
    const signOff: YearlySignOff = {
      year: view.year.label,
      fingerprint: view.fingerprint,
      draft: view.draft,
      asAt: built.asAt.toISOString(),
      agency: partner.agency,
      byName: input.by.name,
      byEmail: input.by.email,
      ...(input.by.aadObjectId ? { byAadObjectId: input.by.aadObjectId } : {}),
      at: this.ports.clock().toISOString(),
      summary: summaryOf(view),
    };
    const recorded = await this.ports.records.recordSignOff(signOff, input.delivery);
    if (recorded.kind === 'signedBefore') {
      const { first } = recorded;
      return notice(
        'default',
        'Already signed',
        `You signed this content on ${when(first.at, this.ports.timeZone)} for ${first.agency}; that first sign-off is kept. It was ${whatWasSigned(first, this.ports.timeZone)}`,
        [],
      );
    }
    // A redelivery answers as the first did: what was signed then, which the record may have moved on from.
    const first = recorded.kind === 'recorded' ? signOff : recorded.first;
    this.ports.log.info(
      { year: first.year, fingerprint: first.fingerprint, draft: first.draft, redelivered: recorded.kind },
      'yearly report signed off',
    );
    const changedSince =
      first.fingerprint === view.fingerprint
        ? ''
        : ` The content behind the report has changed since (${CAUSES}): it is now ${view.fingerprint}. Type "sign off yearly report ${first.year}" to sign it.`;
    return notice(
      'good',
      first.draft ? 'Signed: a draft’s sign-off' : 'Signed',
      `Signed for ${first.agency} by ${first.byName} on ${when(first.at, this.ports.timeZone)}: ${whatWasSigned(first, this.ports.timeZone)}` +
        (first.draft
          ? ' The year is still running: the report shows this as a draft’s sign-off, and you may sign again if the record changes.'
          : '') +
        changedSince,
      [],
    );
  }

  async comment(input: {
    by: Person;
    place: string;
    year: string;
    text: string;
    delivery?: string;
  }): Promise<Answer> {
    const { scrutineer } = this.ports;
    if (!scrutineer || !input.by.email || !answersTo(input.by, scrutineer)) {
      return notice('warning', 'Only the independent scrutineer can comment on the yearly report', '', []);
    }
    // A comment goes into a published report in your name: not typed in front of others.
    if (input.place !== 'personal')
      return onlyInPersonalChat(
        'Comment in a personal chat',
        `A comment goes into the published report in your name, so I take it only in a personal chat: type "scrutineer comment yearly report ${input.year} …" there. Nothing was saved.`,
      );
    if (input.text.length > MAX_COMMENT_LENGTH)
      return notSaved(`A comment can be at most ${MAX_COMMENT_LENGTH} characters.`);
    const read = readNote(input.text);
    if (!read.ok) return notSaved(read.problem);
    if (read.note === '')
      return notSaved(
        `Type the comment after the year, e.g. "scrutineer comment yearly report ${input.year} …".`,
      );
    const personal = personalDataProblem('The comment', read.note, this.ports.clock());
    if (personal) return notSaved(personal);
    const built = await this.ports.reports.build(input.year, input.by.name);
    if (!built.ok) return noReport(built.problem);
    const comment = {
      year: built.view.year.label,
      at: this.ports.clock().toISOString(),
      byName: input.by.name,
      byEmail: input.by.email,
      text: read.note,
    };
    const recorded = await this.ports.records.recordComment(comment, input.delivery);
    const first = recorded.kind === 'recorded' ? comment : recorded.first;
    return notice(
      'good',
      'Comment saved',
      `Your comment of ${when(first.at, this.ports.timeZone)} appears in the yearly report ${first.year}, section 7.`,
      [],
    );
  }

  /**
   * Tells each partner, once, when the record behind a report they signed changed after (a late update
   * dated inside the year, or a redaction): this year's report and last year's are checked. Run after
   * each weekly digest. Answers how many were told.
   */
  async tellEarlierVersions(): Promise<number> {
    const { clock, timeZone, yearStartMonth } = this.ports;
    const today = todayIn(clock(), timeZone);
    const [year, month] = today.split('-').map(Number);
    const current = month >= yearStartMonth ? year : year - 1;
    let told = 0;
    for (const first of [current - 1, current]) {
      const label = reportYear(first, yearStartMonth, timeZone).label;
      const signOffs = await this.ports.records.signOffs(label);
      if (signOffs.length === 0) continue;
      const built = await this.ports.reports.build(label, 'the sign-off check');
      if (!built.ok) continue;
      for (const line of this.earlierOnly(signOffs, built.view.fingerprint)) {
        if (await this.tell(line, built.view.fingerprint)) told += 1;
      }
    }
    return told;
  }

  /** tellEarlierVersions for a job: a failure is logged, never the job's failure (it runs again next week). */
  async tellEarlierVersionsLogged(): Promise<void> {
    try {
      const told = await this.tellEarlierVersions();
      if (told > 0) this.ports.log.info({ told }, 'partners told their sign-off is for an earlier version');
    } catch (error) {
      this.ports.log.warn({ err: error }, 'sign-offs not checked against the record this time');
    }
  }

  /** Each partner's latest sign-off, where none of theirs is for `fingerprint`. */
  private earlierOnly(signOffs: readonly YearlySignOff[], fingerprint: string): YearlySignOff[] {
    const byPartner = new Map<string, YearlySignOff[]>();
    for (const signOff of signOffs) {
      const key = signOff.byEmail.toLowerCase();
      byPartner.set(key, [...(byPartner.get(key) ?? []), signOff]);
    }
    return [...byPartner.values()]
      .filter((own) => own.every((signOff) => signOff.fingerprint !== fingerprint))
      .map((own) => own.sort((a, b) => a.at.localeCompare(b.at))[own.length - 1]);
  }

  /**
   * Claims the notice, sends it, then records it told; a send that fails (Teams down, refused, or the bot no
   * longer in the chat) gives the claim back, so the partner is told on a later run. Never throws: one
   * partner's failure must not keep the others waiting.
   */
  private async tell(signOff: YearlySignOff, fingerprint: string): Promise<boolean> {
    const { records, log, clock } = this.ports;
    try {
      const person = await this.ports.people.findByEmail(signOff.byEmail);
      // Claimed only when they can be told, so someone who has not opened a chat yet is told later.
      if (!person?.personalConversation) return false;
      if (!(await records.claimEarlierVersionNotice(signOff, clock(), NOTICE_LEASE_MS))) return false;
      let sent: Awaited<ReturnType<Messenger['sendToChat']>> | undefined;
      try {
        sent = await this.ports.messenger.sendToChat(
          person.personalConversation,
          earlierVersionNotice(signOff, fingerprint, this.ports.timeZone),
        );
      } finally {
        if (sent?.kind === 'sent') await records.recordEarlierVersionNoticeTold(signOff, clock());
        else await records.releaseEarlierVersionNotice(signOff);
      }
      log.info({ year: signOff.year, sent: sent.kind }, 'sign-off for an earlier version: partner told');
      return sent.kind === 'sent';
    } catch (error) {
      log.warn(
        { err: error, year: signOff.year },
        'sign-off for an earlier version: partner not told this time',
      );
      return false;
    }
  }

  private partnerOf(by: Person): { agency: string; upn: string } | undefined {
    return this.ports.leadPartners.find((partner) => answersTo(by, partner.upn));
  }
}

/** What can change a report's content fingerprint (views/yearly-report-views.ts), so a notice is true whatever it was. */
const CAUSES = 'a late update, a redaction, or a change to the plan, the partners or the scrutineer';

/** How long a notice claimed by a run that died before telling holds; far longer than one send. */
const NOTICE_LEASE_MS = 15 * 60_000;

function earlierVersionNotice(signOff: YearlySignOff, fingerprint: string, timeZone: string): Answer {
  return notice(
    'attention',
    `Yearly report ${signOff.year}: your sign-off is for an earlier version`,
    `You signed content ${signOff.fingerprint} on ${when(signOff.at, timeZone)}; the content behind the report has changed since you signed: ${CAUSES}. It is now ${fingerprint}. The report shows your sign-off as for an earlier version. Type "sign off yearly report ${signOff.year}" to sign the new content.`,
    [],
  );
}

/** The sentence of the answer that says what was signed, kept on the sign-off so a redelivery repeats it. */
function summaryOf(view: YearlyReportView): string {
  return (
    `${view.impact.statements.length} impact statements, ` +
    `${view.impact.without.length} actions with no impact recorded, ` +
    `${view.littleProgress.length} with little or no progress, ${view.nextYear.length} carried into next year.`
  );
}

function whatWasSigned(signOff: YearlySignOff, timeZone: string): string {
  const asAt = zonedDateFormat('dayMonthYear', timeZone).format(new Date(signOff.asAt));
  const report = signOff.draft
    ? `DRAFT yearly report ${signOff.year} as at ${asAt}`
    : `yearly report ${signOff.year}`;
  return `the ${report}, content fingerprint ${signOff.fingerprint}${signOff.summary ? `: ${signOff.summary}` : '.'}`;
}

function onlyInPersonalChat(title: string, text: string): Answer {
  return notice('default', title, text, []);
}

function notPartner(): Answer {
  return notice('warning', 'Only the lead safeguarding partners can sign off the yearly report', '', []);
}

function notSaved(problem: string): Answer {
  return notice('warning', 'Comment not saved', problem, []);
}

function when(at: string, timeZone: string): string {
  return zonedDateFormat('boardTime', timeZone).format(new Date(at));
}
