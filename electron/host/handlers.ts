import type { Handlers } from '../../shared/contract';
import type { AppInfo, SystemSettingsService } from '../services/contracts';

/** The services the handler table delegates to; both hosts build them, tests pass fakes. */
export interface HandlerDeps {
  appInfo: AppInfo;
  systemSettings: SystemSettingsService;
}

/** The main process's side of the contract: one handler per method, nothing transport-specific. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app.info': async () => deps.appInfo,
    'systemSettings.load': () => deps.systemSettings.load(),
    'systemSettings.save': (input) => deps.systemSettings.save(input),
  };
}
