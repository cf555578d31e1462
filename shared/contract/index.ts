import type { ApiOf, EventPayloads, HandlersOf } from './define';
import { appMethods } from './app';
import { checkMethods } from './check';
import { demoMethods } from './demo';
import { environmentMethods } from './environment';
import { incomingSettingsMethods, incomingValidationMethods } from './incoming';
import { mailApiMethods } from './mail-apis';
import { networkMethods } from './network';
import { runEvents, runMethods } from './runs';
import { settingsMethods } from './settings';
import { supportMethods } from './support';
import { testLogMethods } from './test-log';
import { walkthroughMethods } from './walkthrough';

/** Every call the UI can make to main. Nothing else crosses the boundary. */
export const contract = {
  ...appMethods,
  ...settingsMethods,
  ...environmentMethods,
  ...checkMethods,
  ...testLogMethods,
  ...supportMethods,
  ...incomingSettingsMethods,
  ...incomingValidationMethods,
  ...runMethods,
  ...demoMethods,
  ...walkthroughMethods,
  ...mailApiMethods,
  ...networkMethods,
};
export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Api = ApiOf<Contract>;
export type Handlers = HandlersOf<Contract>;
/** A method's input as its handler receives it (parsed), and what the handler may answer. */
export type HandlerInput<M extends MethodName> = Parameters<Handlers[M]>[0];
export type HandlerOutput<M extends MethodName> = Awaited<ReturnType<Handlers[M]>>;

/** Every message main may push to the UI (progress of long runs). */
export const events = {
  ...runEvents,
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventMap = EventPayloads<Events>;

export const isMethodName = (name: string): name is MethodName =>
  Object.prototype.hasOwnProperty.call(contract, name);

export { AppError } from './errors';
export type { ApiErrorShape, ErrorCode, Result } from './errors';
