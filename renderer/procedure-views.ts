import type { ComponentType } from 'react';
import type { ProcedureId } from './stores/navigation';
import { DemoTenant } from './procedures/demo-tenant/DemoTenant';
import { IncomingMail } from './procedures/incoming-mail/IncomingMail';
import { Network } from './procedures/network/Network';
import { SystemSettings } from './procedures/system-settings/SystemSettings';
import { TestLog } from './procedures/test-log/TestLog';
import { Walkthrough } from './procedures/walkthrough/Walkthrough';

/**
 * Each procedure's screen, by id. Apart from registry.ts, so that the navigation can list the
 * procedures without importing every screen.
 */
export const procedureViews: Record<ProcedureId, ComponentType> = {
  'system-settings': SystemSettings,
  'incoming-mail': IncomingMail,
  walkthrough: Walkthrough,
  'test-log': TestLog,
  network: Network,
  'demo-tenant': DemoTenant,
};
