import { stopSharedServices } from './shared-services';

/** Mocha root hooks: services started lazily by tests are stopped once, after everything. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopSharedServices();
  },
};
