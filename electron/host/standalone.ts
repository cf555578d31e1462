import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoTenant } from '../demo-tenant/index';
import { APP_NAME, composeApp } from './compose';
import { followOptionsFrom } from '../services/check/follow-delivery';
import { appLogFailureLog, createDispatch, describeThrown } from './dispatch';
import { startHttpHost } from './http-transport';
import { resolveSettingsLocation } from './settings-location';
import { parseStandaloneArgs } from './standalone-args';
import { UI_NOT_BUILT } from './static-files';

// Two levels up is the project root both from dist/host/ (built) and electron/host/ (tsx).
const rendererDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../dist/renderer',
);

async function main() {
  const args = parseStandaloneArgs(process.argv.slice(2));
  const location = resolveSettingsLocation(args.settingsDir);
  const controlToken = process.env.ERP_MAIL_DEMO_CONTROL_TOKEN || undefined;
  // A test that waits out a timeout on purpose (no SMTP banner from an HTTPS port) sets it short.
  const timeout = Number(process.env.ERP_MAIL_REQUEST_TIMEOUT_MS);
  const app = composeApp({
    ...location,
    ...(Number.isInteger(timeout) && timeout > 0 ? { requestTimeoutMs: timeout } : {}),
    transport: 'browser',
    follow: followOptionsFrom(process.env),
    startDemoTenant: () => startDemoTenant({ controlToken }),
  });
  process.on('uncaughtExceptionMonitor', (error, origin) =>
    app.appLog.error(`Browser host ${origin}: ${describeThrown(error)}`),
  );
  const host = await startHttpHost({
    dispatch: createDispatch(app.handlers, appLogFailureLog(app.appLog)),
    events: app.events,
    rendererDir,
    port: args.port,
  });

  // The address without its per-launch token, which would let anyone reading the log in.
  app.appLog.info(`Browser host listening on ${new URL(host.launchUrl).host}`);
  if (!existsSync(path.join(rendererDir, 'index.html'))) console.error(UI_NOT_BUILT);
  // The e2e fixture and start.sh's users read this exact line; everything else goes to stderr.
  console.log(`${APP_NAME} is running at ${host.launchUrl}`);
  // End-to-end tests drive the embedded demo tenant from their own process: they set the token
  // and read the control API's address and the CA to trust for it from these lines.
  if (controlToken) {
    const tenant = await app.environment.demoTenant();
    const caFile = path.join(location.settingsDir, 'demo-tenant-ca.pem');
    writeFileSync(caFile, tenant.caPem);
    console.log(`Demo tenant control: ${tenant.control.url}`);
    console.log(`Demo tenant CA: ${caFile}`);
    console.log(`Demo tenant SMTP: ${tenant.smtp.host}:${tenant.smtp.starttlsPort}`);
  }

  // `on`, not `once`: conf's exit hook re-sends the signal to this process, which must not kill
  // it before the server has closed.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    if (!stopping) app.appLog.info('Stopping');
    stopping ??= Promise.all([host.close(), app.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
