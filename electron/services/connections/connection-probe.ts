import type { ConnectionRow } from '../../../shared/contract/network';
import type { CheckStep, FailureFacts } from '../../../shared/diagnosis/failure';
import { explainFailure } from '../../../shared/diagnosis/diagnose';
import { isMicrosoft365Host } from '../../../shared/diagnosis/table/proxy';
import { SmtpDialogue } from '../mail/smtp/smtp-dialogue';
import { certificateFacts } from '../network/certificate-facts';
import { openTls } from '../network/connect-path';
import { networkFaultOf } from '../network/network-fault';
import type { TcpOpener } from '../network/route';
import { seamFacts } from '../network/seam-facts';
import { trustContext } from '../network/trust';
import type { ConnectionTarget } from './connection-targets';

/** Where a target is really reached (the demo tenant in Demo) and what its TLS must trust. */
export interface Reach {
  open: TcpOpener;
  connectHost: string;
  connectPort: number;
  servername: string;
  trust: string[];
  /** "direct", "via proxy.corp:8080, from HTTPS_PROXY" or "demo tenant at 127.0.0.1:40123". */
  route: string;
}

type Tls = NonNullable<ConnectionRow['tls']>;

/** "Inspected by" only where a private root can mean nothing else: Microsoft 365's own hosts. */
const tlsOf = (facts: ReturnType<typeof certificateFacts>, host: string): Tls => ({
  issuer: facts.issuer,
  trusted: facts.trusted,
  ...(facts.privateRoot && isMicrosoft365Host(host) ? { inspectedBy: facts.issuer } : {}),
});

/** The step a failure of each service is diagnosed as (the Check's own steps). */
const stepOf: Record<ConnectionTarget['service'], CheckStep> = {
  'sign-in': 'token',
  ews: 'send',
  graph: 'graph-send',
  smtp: 'smtp-connect',
  imap: 'imap',
  'ews-on-premises': 'send',
};

async function greetTls(target: ConnectionTarget, reach: Reach): Promise<Tls> {
  const { socket, certificate } = await openTls({
    path: () => reach.open(reach.connectHost, reach.connectPort),
    servername: reach.servername,
    secureContext: trustContext(reach.trust),
  });
  socket.destroy();
  return tlsOf(certificate, reach.servername);
}

/** SMTP up to STARTTLS and its handshake, then QUIT: no login, no message. */
async function greetSmtp(reach: Reach, timeoutMs: number): Promise<Tls | undefined> {
  const dialogue = new SmtpDialogue({
    host: reach.connectHost,
    port: reach.connectPort,
    secure: false,
    servername: reach.servername,
    ca: reach.trust,
    timeoutMs,
    signal: new AbortController().signal,
    open: reach.open,
  });
  try {
    await dialogue.open();
    await dialogue.secure();
    const details = dialogue.tlsDetails();
    await dialogue.quit(500);
    return details && tlsOf(certificateFacts(details.certificate, true), reach.servername);
  } finally {
    dialogue.close();
  }
}

function failedRow(
  target: ConnectionTarget,
  reach: Reach,
  error: unknown,
  host: string,
): ConnectionRow {
  const seam = seamFacts(error);
  const network = networkFaultOf(error);
  const facts: FailureFacts = {
    step: stepOf[target.service],
    host: target.host,
    message: error instanceof Error ? error.message : String(error),
    ...(network ? { network } : {}),
    ...seam,
  };
  const explained = explainFailure(facts);
  const certificate = seam.certificate;
  return {
    service: target.service,
    host,
    route: reach.route,
    ...(certificate ? { tls: tlsOf(certificate, reach.servername) } : {}),
    ok: false,
    result: explained.entry ? explained.meaning : facts.message,
    ...(explained.entry ? { fix: explained.fix, diagnosisId: explained.entry.id } : {}),
  };
}

/** Greets one host the way its protocol starts, without logging in or sending mail. */
export async function probeConnection(
  target: ConnectionTarget,
  reach: Reach,
  timeoutMs: number,
): Promise<ConnectionRow> {
  const host = `${target.host}:${target.port}`;
  try {
    const tls =
      target.protocol === 'smtp-starttls'
        ? await greetSmtp(reach, timeoutMs)
        : await greetTls(target, reach);
    return {
      service: target.service,
      host,
      route: reach.route,
      ...(tls ? { tls } : {}),
      ok: true,
      result: 'OK',
    };
  } catch (error) {
    return failedRow(target, reach, error, host);
  }
}
