import type { EventName, MethodName } from '../../shared/contract';

/**
 * What the preload and the IPC transport agree on. Only names live here, never schemas, so the
 * sandboxed preload bundle stays small; the type checks below fail when the contract gains a name
 * that is not listed.
 */
export const BRIDGE_KEY = 'erpMail';
export const INVOKE_CHANNEL = 'erp-mail:invoke';
export const EVENT_CHANNEL = 'erp-mail:event';

export const methodNames = [
  'app.info',
  'systemSettings.load',
  'systemSettings.save',
  'environment.get',
  'environment.set',
  'environment.demoValues',
  'environment.clearDemoValues',
  'check.run',
  'testLog.list',
  'testLog.export',
  'support.exportBundle',
  'incomingSettings.load',
  'incomingSettings.save',
  'incoming.validate',
  'run.cancel',
  'demo.get',
  'demo.setSwitch',
  'demo.setPermission',
  'demo.addSecret',
  'demo.removeSecret',
  'demo.setSecretExpiry',
  'demo.setMailboxRight',
  'demo.setFault',
  'demo.setPropagationDelay',
  'demo.lowerLimits',
  'demo.breakStep',
  'demo.fixStep',
  'demo.reset',
  'walkthrough.getProgress',
  'walkthrough.setProgress',
  'mailApis.get',
  'mailApis.set',
  'network.load',
  'network.save',
  'network.checkConnections',
] as const satisfies readonly MethodName[];
export const eventNames = ['run.progress'] as const satisfies readonly EventName[];

type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const _everyMethodListed: Unlisted<MethodName, (typeof methodNames)[number]> = true;
const _everyEventListed: Unlisted<EventName, (typeof eventNames)[number]> = true;

export const isListed = (names: readonly string[], name: unknown): name is string =>
  typeof name === 'string' && names.includes(name);
