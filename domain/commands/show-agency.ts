import { commandFamily } from './command-family';
import { withoutTrailing } from './message-text';

/** `agency` as typed, matched by the use case; empty asks which agencies there are. */
export type ShowAgencyCommand = { kind: 'showAgency'; agency: string };

const SHOW_AGENCY = /^(?:show\s+)?(?:the\s+)?(?:lead\s+)?agenc(?:y|ies)(?![a-z])[\s:]*([\s\S]*)$/i;

/** "show agency police", "agency Thames Valley", "show agencies", "lead agency police" (before `lead`). */
export const showAgency = commandFamily<ShowAgencyCommand>({
  changesRecord: { showAgency: false },
  parse: ({ message }) => {
    const agency = SHOW_AGENCY.exec(message);
    if (!agency) return undefined;
    return { kind: 'showAgency', agency: withoutTrailing(agency[1].trim(), '.!?').trim() };
  },
  help: [
    {
      command: 'show agency police',
      description:
        'The actions an agency leads: status, direction of travel, owner and dates. Part of a name is enough.',
      adminOnly: false,
    },
  ],
  nearMisses: [{ canonical: 'show agency', heads: ['show agency', 'agency'], keepsArguments: true }],
  menu: [
    {
      title: 'show agency',
      description: 'The actions an agency leads, e.g. show agency police',
      scopes: ['team', 'groupChat'],
    },
  ],
});
