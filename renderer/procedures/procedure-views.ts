import type { ComponentType } from 'react';
import type { ProcedureId } from '../stores/navigation';
import { DemoTenant } from './demo-tenant/DemoTenant';
import { IncomingMail } from './incoming-mail/IncomingMail';
import { SystemSettings } from './system-settings/SystemSettings';
import { TestLog } from './test-log/TestLog';
import { Walkthrough } from './walkthrough/Walkthrough';

/**
 * Each procedure's screen, by id. Apart from registry.ts, so that the navigation can list the
 * procedures without importing every screen.
 */
export const procedureViews: Record<ProcedureId, ComponentType> = {
  'system-settings': SystemSettings,
  'incoming-mail': IncomingMail,
  walkthrough: Walkthrough,
  'test-log': TestLog,
  'demo-tenant': DemoTenant,
};
