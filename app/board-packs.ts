import type { RagStatus } from '../domain/rag-status';
import type { Person } from '../domain/person';
import type { StatusService } from '../domain/status-service';
import type { Plan } from '../plan/plan-schema';
import type { Answer } from '../views/answer';
import { boardDay, boardMoment, calendarDayIso } from '../views/board-dates';
import type { BoardPackView, RagCounts } from '../views/board-pack-view-model';
import type { Place } from './action-cards';
import { notice } from './notices';
import { adminsOnly } from './refusals';

/*
 * A stand-in for the board-pack use case (built in full on wp/packcase), with its exact API, so the Teams
 * file flow can be built and tested against it. It renders the current statuses; the real one replaces it.
 */

export interface BoardPackParams {
  asAt: string;
  from: string;
  to: string;
}
export type BoardPackFormat = 'docx' | 'xlsx';
export interface BoardPackFile {
  format: BoardPackFormat;
  name: string;
  description: string;
  bytes: Uint8Array;
}
export type BoardPackRequest =
  | { kind: 'answer'; answer: Answer }
  | {
      kind: 'offer';
      answer: Answer;
      params: BoardPackParams;
      files: { format: BoardPackFormat; name: string; description: string; size: number }[];
    };

const FORMATS: readonly BoardPackFormat[] = ['docx', 'xlsx'];
const DESCRIPTIONS: Record<BoardPackFormat, string> = {
  docx: 'The board pack as a Word report',
  xlsx: 'The board pack as an Excel workbook',
};

/** Draws a board pack as file bytes (documents/ in the composition root). */
export type BoardPackRenderers = Record<BoardPackFormat, (view: BoardPackView) => Promise<Uint8Array>>;

export class BoardPacks {
  private readonly issues: { params: BoardPackParams; name: string; by: string }[] = [];

  constructor(
    private readonly plan: Plan,
    private readonly statusService: StatusService,
    private readonly clock: () => Date,
    private readonly timeZone: string,
    private readonly renderers: BoardPackRenderers,
  ) {}

  async request(input: {
    by: Person;
    place: Place;
    from?: string;
    to?: string;
    asAt?: string;
  }): Promise<BoardPackRequest> {
    if (input.place !== 'personal') {
      return {
        kind: 'answer',
        answer: notice(
          'warning',
          'Ask me in a personal chat',
          'A board pack is sent as files to your own OneDrive, so ask for it in a personal chat with me.',
          [],
        ),
      };
    }
    if (!this.mayIssue(input.by)) return { kind: 'answer', answer: adminsOnly() };
    const today = calendarDayIso(this.clock(), this.timeZone);
    const params = { asAt: input.asAt ?? today, from: input.from ?? today, to: input.to ?? today };
    const files = await Promise.all(
      FORMATS.map(async (format) => {
        const file = await this.file(params, format, input.by);
        return { format, name: file.name, description: file.description, size: file.bytes.length };
      }),
    );
    return {
      kind: 'offer',
      params,
      files,
      answer: notice('good', `Board pack as at ${params.asAt}`, `${params.from} to ${params.to}`, []),
    };
  }

  async file(params: BoardPackParams, format: BoardPackFormat, by: Person): Promise<BoardPackFile> {
    const view = await this.view(params, by);
    const bytes = await this.renderers[format](view);
    return {
      format,
      name: `OSCB board pack ${params.asAt}.${format}`,
      description: DESCRIPTIONS[format],
      bytes,
    };
  }

  async issued(
    params: BoardPackParams,
    file: { format: BoardPackFormat; name: string },
    by: Person,
  ): Promise<void> {
    this.issues.push({ params, name: file.name, by: by.name });
  }

  async list(): Promise<Answer> {
    const lines = this.issues.map((issue) => `${issue.name} by ${issue.by}`);
    return notice('default', 'Board packs issued', lines.join('\n') || 'None yet.', []);
  }

  private mayIssue(person: Person): boolean {
    return person.email !== undefined && this.statusService.isAdmin(person);
  }

  private async view(params: BoardPackParams, by: Person): Promise<BoardPackView> {
    const statuses = await this.statusService.currentStatuses();
    const now = this.clock();
    const rows = (actions: readonly { id: string; title: string }[]) =>
      actions.map((action) => {
        const status = statuses.get(action.id);
        return {
          id: action.id,
          title: action.title,
          owner: status?.ownerName ?? status?.ownerEmail ?? 'No owner yet',
          status: status?.rag ?? ('not_started' as RagStatus),
          ...(status?.note ? { latestNote: status.note } : {}),
        };
      });
    const counts = (actions: readonly { id: string }[]): RagCounts => {
      const tally: Record<RagStatus, number> = { red: 0, amber: 0, green: 0, complete: 0, not_started: 0 };
      for (const action of actions) tally[statuses.get(action.id)?.rag ?? 'not_started'] += 1;
      return tally;
    };
    const allActions = this.plan.priorities.flatMap((priority) => priority.actions);
    const day = (iso: string) => boardDay(new Date(`${iso}T12:00:00Z`), this.timeZone);
    return {
      title: 'OSCB board pack',
      planName: this.plan.title,
      asAt: day(params.asAt),
      period: { from: day(params.from), to: day(params.to) },
      generatedAt: boardMoment(now, this.timeZone),
      generatedBy: by.name,
      summary: {
        overall: counts(allActions),
        byPriority: this.plan.priorities.map((priority) => ({
          priorityNumber: priority.number,
          priorityTitle: priority.title,
          counts: counts(priority.actions),
        })),
      },
      aims: this.plan.aims.map((aim) => ({
        number: aim.number,
        title: aim.title,
        priorities: this.plan.priorities
          .filter((priority) => priority.aim === aim.number)
          .map((priority) => ({
            number: priority.number,
            title: priority.title,
            actions: rows(priority.actions),
          })),
      })),
      changes: [],
    };
  }
}
