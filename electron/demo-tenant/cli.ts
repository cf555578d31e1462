import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MICROSOFT_HOSTS, startDemoTenant } from './index';

/**
 * `npm run demo-tenant -- [--host ADDR] [--port N] [--smtp-port N] [--smtp-tls-port N]
 * [--ca-file PATH] [--propagation-delay-ms N]`. The first line printed, once every server
 * listens and the CA file is written, starts with `Demo tenant (simulated Microsoft 365`.
 */
const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'smtp-port': { type: 'string', default: '0' },
    'smtp-tls-port': { type: 'string', default: '0' },
    'ca-file': { type: 'string' },
    'propagation-delay-ms': { type: 'string' },
  },
});

function portArg(name: 'port' | 'smtp-port' | 'smtp-tls-port'): number {
  const port = Number(values[name]);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--${name} takes a port number (0 for a free one), not '${values[name]}'`);
  return port;
}

const tenant = await startDemoTenant({
  host: values.host,
  port: portArg('port'),
  smtpStarttlsPort: portArg('smtp-port'),
  smtpImplicitTlsPort: portArg('smtp-tls-port'),
  ...(values['propagation-delay-ms'] !== undefined
    ? { propagationDelayMs: Number(values['propagation-delay-ms']) }
    : {}),
});
/** The given --ca-file, or else a file in a directory of our own that is removed on exit. */
function caFileLocation(given: string | undefined): { caFile: string; ownDir?: string } {
  if (given) return { caFile: given };
  const ownDir = mkdtempSync(join(tmpdir(), 'demo-tenant-'));
  return { caFile: join(ownDir, 'demo-tenant-ca.pem'), ownDir };
}
const { caFile, ownDir } = caFileLocation(values['ca-file']);
writeFileSync(caFile, tenant.caPem);

const s = tenant.seed;
const lines = [
  'Demo tenant (simulated Microsoft 365: Entra ID v2.0, EWS, Microsoft Graph, SMTP). No mail leaves this machine.',
  '',
  `Origin               ${tenant.origin}`,
  `Authority            ${tenant.authorityFor(s.tenantId)}   (or ${tenant.authorityFor(s.domain)})`,
  `Token endpoint       ${tenant.authorityFor(s.tenantId)}/oauth2/v2.0/token`,
  `OpenID configuration ${tenant.authorityFor(s.tenantId)}/v2.0/.well-known/openid-configuration`,
  `EWS                  ${tenant.ewsUrl}`,
  `EWS (on-premises)    ${tenant.onPremEwsUrl}   (Basic auth with the users below)`,
  `Microsoft Graph      ${tenant.graphUrl}/v1.0`,
  `SMTP (STARTTLS)      ${tenant.smtp.host}:${tenant.smtp.starttlsPort}   (AUTH PLAIN/LOGIN/XOAUTH2 after STARTTLS)`,
  `SMTP (implicit TLS)  ${tenant.smtp.host}:${tenant.smtp.implicitTlsPort}`,
  `CA certificate       ${caFile}`,
  `Microsoft's names    ${MICROSOFT_HOSTS.join(', ')}   (in the certificate; answered as by Host/SNI)`,
  `Control API          ${tenant.control.url}   (Authorization: Bearer ${tenant.control.token})`,
  '',
  `Directory (tenant) ID  ${s.tenantId}`,
  `Verified domain        ${s.domain}`,
  `App "ERP Mail (User name/Password)"  ${s.apps.ropc}`,
  `App "ERP Mail (Client secret)"       ${s.apps.clientSecret}`,
  `   client secret value ${s.clientSecret.value}   (secret ID ${s.clientSecret.keyId})`,
  `App "ERP Mail (walkthrough)"         ${s.apps.unconfigured}   (registered only)`,
  '',
  'Users (UPN / password / behaviour):',
  ...s.users.map((u) => `  ${u.userPrincipalName.padEnd(44)} ${u.password}   ${u.note}`),
  'Mailboxes:',
  ...s.mailboxes.map((m) => `  ${m.address.padEnd(44)} ${m.kind}`),
  '',
  'Press Ctrl+C to stop.',
];
console.log(lines.join('\n'));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await tenant.close();
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
