import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import * as ews from 'ews-javascript-api';
import {
  createTrustedTransport,
  type TrustedTransport,
} from '../../electron/services/network/trusted-transport';
import type { DemoTenant } from '../../electron/demo-tenant/index';

/** The delegated and app-only scopes of FLOWS.md §1. */
export const EWS_DELEGATED_SCOPE = 'https://outlook.office365.com/EWS.AccessAsUser.All';
export const EWS_APP_SCOPE = 'https://outlook.office365.com/.default';

/**
 * The real msal-node and ews-javascript-api clients, configured for a demo tenant as the app
 * configures them: trust through the transport, the tenant's host as a known authority.
 */
export class DemoClients {
  readonly transport: TrustedTransport;

  constructor(
    private readonly tenant: Pick<
      DemoTenant,
      'caPem' | 'authorityFor' | 'knownAuthority' | 'ewsUrl'
    >,
    timeoutMs = 10_000,
  ) {
    this.transport = createTrustedTransport({ extraCaPem: tenant.caPem, timeoutMs });
  }

  publicClient(clientId: string, tenant: string): PublicClientApplication {
    return new PublicClientApplication({
      auth: {
        clientId,
        authority: this.tenant.authorityFor(tenant),
        knownAuthorities: [this.tenant.knownAuthority],
      },
      system: { networkClient: this.transport.msalNetworkClient },
    });
  }

  confidentialClient(
    clientId: string,
    clientSecret: string,
    tenant: string,
  ): ConfidentialClientApplication {
    return new ConfidentialClientApplication({
      auth: {
        clientId,
        clientSecret,
        authority: this.tenant.authorityFor(tenant),
        knownAuthorities: [this.tenant.knownAuthority],
      },
      system: { networkClient: this.transport.msalNetworkClient },
    });
  }

  /** An EWS service acting as the token's user, or impersonating `mailbox` for app-only tokens. */
  ews(accessToken: string, mailbox?: string): ews.ExchangeService {
    const service = new ews.ExchangeService(ews.ExchangeVersion.Exchange2013_SP1);
    service.XHRApi = this.transport.ewsXhrApi();
    service.Url = new ews.Uri(this.tenant.ewsUrl);
    service.Credentials = new ews.OAuthCredentials(accessToken);
    if (mailbox) {
      service.ImpersonatedUserId = new ews.ImpersonatedUserId(
        ews.ConnectingIdType.SmtpAddress,
        mailbox,
      );
      service.HttpHeaders.Add('X-AnchorMailbox', mailbox);
    }
    return service;
  }

  async send(
    service: ews.ExchangeService,
    to: string,
    subject: string,
    saveCopy = true,
  ): Promise<void> {
    const message = new ews.EmailMessage(service);
    message.Subject = subject;
    message.Body = new ews.MessageBody(
      ews.BodyType.Text,
      `${subject}: sent through the demo tenant`,
    );
    message.ToRecipients.Add(to);
    await (saveCopy ? message.SendAndSaveCopy() : message.Send());
  }
}
