import type { CheckStep, FailureFacts } from '../../../../shared/diagnosis/failure';
import { CancelledError } from '../../base/abortable';
import { networkFaultOf, type NetworkFault } from '../../network/network-fault';
import { seamFacts } from '../../network/seam-facts';
import { RunFailure } from '../failure';
import { SmtpTimeoutError } from './smtp-dialogue';

/** Where a step was talking to: the server as the form names it, for every message and fact. */
export interface SmtpPeer {
  host: string;
  /** How the server was reached in Microsoft 365 ("direct", "via proxy.corp:8080, from …"). */
  network?: string;
  port: number;
  timeoutMs: number;
}

/** An SMTP reply's basic code and, when the server gave one, its enhanced status (RFC 3463). */
export function parseReply(text: string): { smtpCode?: number; smtpStatus?: string } {
  const match = /^(\d{3})[ -](?:([245]\.\d{1,3}\.\d{1,3})\b)?/.exec(text);
  if (!match?.[1]) return {};
  return { smtpCode: Number(match[1]), ...(match[2] ? { smtpStatus: match[2] } : {}) };
}

/** nodemailer's error when the server refused a command: it keeps the reply in `response`. */
const replyOf = (error: unknown): string | undefined =>
  typeof error === 'object' &&
  error !== null &&
  'response' in error &&
  typeof error.response === 'string' &&
  /^\d{3}/.test(error.response)
    ? error.response
    : undefined;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * The network fault behind an error. nodemailer overwrites the socket's code with its own
 * (ESOCKET, ETLS), so a fault it cannot name is read from the step: in the TLS step it is the
 * handshake, elsewhere the server dropped the connection.
 */
function faultOf(step: CheckStep, error: unknown): NetworkFault {
  if (error instanceof SmtpTimeoutError) return 'timeout';
  const own = networkFaultOf(error);
  if (own) return own;
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ETIMEDOUT') return 'timeout';
  return step === 'smtp-tls' || code === 'ETLS' ? 'tls' : 'reset';
}

function networkMessage(fault: NetworkFault, error: unknown, peer: SmtpPeer): string {
  const where = `${peer.host}:${peer.port}`;
  switch (fault) {
    case 'timeout': {
      const waitingFor = error instanceof SmtpTimeoutError ? ` (${error.waitingFor})` : '';
      return `No answer from ${where} within ${peer.timeoutMs / 1000} s${waitingFor}.`;
    }
    case 'dns':
      return `The name ${peer.host} could not be resolved (${messageOf(error)}).`;
    case 'refused':
      return `${where} refused the connection (${messageOf(error)}).`;
    case 'tls':
      return `TLS with ${where} failed: ${messageOf(error)}`;
    case 'reset':
      return `${where} closed the connection (${messageOf(error)}).`;
  }
}

/** What a failed SMTP step becomes for the run: a RunFailure, or the cancel passed on as it is. */
export function smtpFailure(step: CheckStep, error: unknown, peer: SmtpPeer): Error {
  if (error instanceof CancelledError || error instanceof RunFailure) return error;
  const host = `${peer.host}:${peer.port}`;
  const reply = replyOf(error);
  if (reply) return new RunFailure({ step, host, message: reply, ...parseReply(reply) });
  const route = peer.network ? { route: peer.network } : {};
  const seam = seamFacts(error);
  if (seam.proxy)
    return new RunFailure({ step, host, message: messageOf(error), ...seam, ...route });
  const network = faultOf(step, error);
  const facts: FailureFacts = {
    step,
    host,
    network,
    message: networkMessage(network, error, peer),
    ...seam,
    ...route,
  };
  return new RunFailure(facts);
}
