import { testUser } from '../../scripts/support/teams-activities';

/** The made-up people most tests need: one of each role the board has. */
export const chair = testUser('Chris Chair', 'chair@oscb.example');
export const owner = testUser('Olive Owner', 'olive.owner@agency.example');
export const stranger = testUser('Sam Stranger', 'sam@elsewhere.example');
