import { quoteInput } from '../../shared/demo/quote-input';
import { scaleMailboxes } from './seed';
import { randomBytes, randomUUID } from 'node:crypto';
import { bounceReasonFor, bounceReasons, ndrMessage, type Bounced, type BounceReason } from './ndr';
import { DEFAULT_BOUNCE_DELAY_MS, type FolderName, type NewMessage } from './messages';
import type { ResourcePermission } from './permissions';

export type { FolderName, NewMessage, StoredMessage } from './messages';
export type {
  RequiredResourceAccess,
  ClientSecret,
  AppRegistration,
  DemoUser,
  Mailbox,
  Organization,
  TenantData,
  OrganizationPatch,
  AppPatch,
  UserPatch,
  MailboxPatch,
  EwsPolicyBlock,
} from './tenant-data';
import type {
  ClientSecret,
  AppRegistration,
  DemoUser,
  Mailbox,
  Organization,
  TenantData,
  OrganizationPatch,
  AppPatch,
  UserPatch,
  MailboxPatch,
  EwsPolicyBlock,
} from './tenant-data';

// From this day Exchange Online reads an EwsEnabled that was never set (Null) as False.
export const EWS_NULL_MEANS_DISABLED_FROM = Date.parse('2026-10-01T00:00:00Z');
export interface NewSecret {
  displayName?: string;
  /** ISO time; default two years from now as the portal suggests (730 days). */
  expiresAt?: string;
}

export interface RefreshGrant {
  clientId: string;
  userPrincipalName: string;
  scopes: string[];
  expiresAt: number;
}

export class DemoStateError extends Error {}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const clone = <T>(value: T): T => structuredClone(value);

/** The directory and mailboxes: what the portal and Exchange admin center would change. */
export class TenantState {
  private data: TenantData;
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  /** Support shortens or lengthens it during a demo; reset() restores the start value. */
  propagationDelayMs: number;
  /** How long after a send Exchange Online's NDR reaches the sender's Inbox. */
  bounceDelayMs = DEFAULT_BOUNCE_DELAY_MS;

  constructor(
    private readonly seed: TenantData,
    readonly now: () => number,
    private readonly initialPropagationDelayMs: number,
  ) {
    this.data = clone(seed);
    this.propagationDelayMs = initialPropagationDelayMs;
  }

  reset(): void {
    this.data = clone(this.seed);
    this.refreshGrants.clear();
    this.propagationDelayMs = this.initialPropagationDelayMs;
  }

  snapshot(): TenantData {
    return clone(this.data);
  }

  get organization(): Organization {
    return this.data.organization;
  }

  /** A tenant is named by its id or one of its verified domains. */
  isTenant(tenant: string): boolean {
    const org = this.data.organization;
    return same(tenant, org.tenantId) || org.verifiedDomains.some((d) => same(d, tenant));
  }

  app(clientId: string): AppRegistration | undefined {
    return this.data.apps.find((a) => same(a.clientId, clientId));
  }

  user(upn: string): DemoUser | undefined {
    return this.data.users.find((u) => same(u.userPrincipalName, upn));
  }

  /** A user by UPN, or by DOMAIN\\name as Windows sign-in writes it (any verified domain). */
  userBySignInName(name: string): DemoUser | undefined {
    const slash = name.indexOf('\\');
    if (slash < 0) return this.user(name);
    const local = name.slice(slash + 1);
    return this.data.users.find((u) => same(u.userPrincipalName.split('@')[0] ?? '', local));
  }

  /** Whether SMTP AUTH takes a login for this mailbox (the mailbox's switch, else the organisation's). */
  smtpAuthEnabledFor(address: string): boolean {
    return this.mailbox(address)?.smtpAuthEnabled ?? this.data.organization.smtpAuthEnabled;
  }

  userByObjectId(objectId: string): DemoUser | undefined {
    return this.data.users.find((u) => u.objectId === objectId);
  }

  mailbox(address: string): Mailbox | undefined {
    return this.data.mailboxes.find((m) => same(m.address, address));
  }

  /** Every mailbox, live (not a copy): for lookups across mailboxes. */
  get mailboxes(): readonly Mailbox[] {
    return this.data.mailboxes;
  }

  /** Shared mailboxes `mailbox0001@…` onward (scaleMailboxes); gone at the next reset. */
  addMailboxes(count: number): string[] {
    const added = scaleMailboxes(this.data, count);
    this.data.mailboxes.push(...added);
    return added.map((m) => m.address);
  }

  updateOrganization(patch: OrganizationPatch): Organization {
    Object.assign(this.data.organization, patch);
    return clone(this.data.organization);
  }

  updateApp(clientId: string, patch: AppPatch): AppRegistration {
    const app = this.requireApp(clientId);
    const permissionsChange =
      (patch.adminConsentGranted !== undefined &&
        patch.adminConsentGranted !== app.adminConsentGranted) ||
      (patch.requiredResourceAccess !== undefined &&
        JSON.stringify(patch.requiredResourceAccess) !==
          JSON.stringify(app.requiredResourceAccess));
    Object.assign(app, clone(patch));
    if (permissionsChange) app.propagatedAt = this.now() + this.propagationDelayMs;
    return clone(app);
  }

  /** Certificates & secrets → New client secret. The value is returned once, as in the portal. */
  addSecret(clientId: string, input: NewSecret = {}): ClientSecret {
    const app = this.requireApp(clientId);
    const value = `${randomBytes(3).toString('hex').slice(0, 3)}8Q~${randomBytes(27).toString('base64url')}`;
    const secret: ClientSecret = {
      keyId: randomUUID(),
      displayName: input.displayName ?? 'Client secret',
      value,
      hint: value.slice(0, 3),
      expiresAt: input.expiresAt ?? new Date(this.now() + 730 * 86_400_000).toISOString(),
    };
    app.secrets.push(secret);
    return clone(secret);
  }

  /** The portal cannot change a secret's expiry; the demo can, to show an expired secret live. */
  setSecretExpiry(clientId: string, keyId: string, expiresAt: string): ClientSecret {
    const secret = this.requireApp(clientId).secrets.find((s) => s.keyId === keyId);
    if (!secret)
      throw new DemoStateError(`No secret ${quoteInput(keyId)} on ${quoteInput(clientId)}`);
    secret.expiresAt = new Date(expiresAt).toISOString();
    return clone(secret);
  }

  removeSecret(clientId: string, keyId: string): void {
    const app = this.requireApp(clientId);
    app.secrets = app.secrets.filter((s) => s.keyId !== keyId);
  }

  updateUser(upn: string, patch: UserPatch): DemoUser {
    const user = this.user(upn);
    if (!user) throw new DemoStateError(`No user ${quoteInput(upn)}`);
    Object.assign(user, patch);
    return clone(user);
  }

  /** Set-CASMailbox: rights and the mailbox's own EwsEnabled. */
  updateMailbox(address: string, patch: MailboxPatch): Mailbox {
    const mailbox = this.mailbox(address);
    if (!mailbox) throw new DemoStateError(`No mailbox ${quoteInput(address)}`);
    Object.assign(mailbox, clone(patch));
    return clone(mailbox);
  }

  readMailbox(address: string): Mailbox {
    const mailbox = this.mailbox(address);
    if (!mailbox) throw new DemoStateError(`No mailbox ${quoteInput(address)}`);
    return clone(mailbox);
  }

  /** Into each recipient's Inbox here (no mail leaves the demo); a bounce, an NDR later. */
  deliver(message: NewMessage, saveCopyIn?: Mailbox): void {
    const bounced: Bounced[] = [];
    const sender = this.mailbox(message.from);
    for (const address of new Set([...message.to, ...message.cc].map((a) => a.toLowerCase()))) {
      const mailbox = this.mailbox(address);
      const { verifiedDomains } = this.data.organization;
      const reason = sender?.outboundSpamBlocked
        ? bounceReasons.outboundSpam
        : bounceReasonFor(address, mailbox, verifiedDomains);
      if (reason) bounced.push({ recipient: address, reason });
      else if (mailbox) this.store(mailbox, 'inbox', message, false);
    }
    if (saveCopyIn) this.store(saveCopyIn, 'sentitems', message, true);
    if (sender && bounced.length > 0) this.bounceLater(sender, message, bounced);
  }

  /**
   * Exchange took the message, then its submission failed: nothing is delivered or kept in Sent
   * Items, and every recipient comes back in one NDR to the mailbox it was submitted from.
   */
  refuseSubmission(message: NewMessage, from: Mailbox, reason: BounceReason): void {
    const recipients = new Set([...message.to, ...message.cc].map((a) => a.toLowerCase()));
    this.bounceLater(
      from,
      message,
      [...recipients].map((recipient) => ({ recipient, reason })),
    );
  }

  private store(mailbox: Mailbox, folder: FolderName, message: NewMessage, isRead: boolean) {
    const receivedAt = new Date(this.now()).toISOString();
    const ids = { itemId: itemId(), changeKey: changeKey() };
    mailbox.folders[folder].push({ ...message, ...ids, receivedAt, isRead });
  }

  private bounceLater(sender: Mailbox, message: NewMessage, bounced: Bounced[]): void {
    const sentAt = new Date(this.now());
    const original = { ...message, to: [...message.to, ...message.cc], sentAt };
    const write = () =>
      this.store(sender, 'inbox', ndrMessage(original, bounced, new Date(this.now())), false);
    setTimeout(write, this.bounceDelayMs).unref();
  }

  issueRefreshGrant(grant: Omit<RefreshGrant, 'expiresAt'>): string {
    const token = `0.demo.${randomBytes(48).toString('base64url')}`;
    this.refreshGrants.set(token, { ...grant, expiresAt: this.now() + 90 * 86_400_000 });
    return token;
  }

  /** Entra hands out a new refresh token on redemption, yet the old one stays valid until it expires. */
  redeemRefreshGrant(token: string): RefreshGrant | undefined {
    const grant = this.refreshGrants.get(token);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }

  /** Delegated EWS needs EWS.AccessAsUser.All; app-only needs full_access_as_app (both consented). */
  grantedPermissions(
    app: AppRegistration,
    resourceAppId: string,
    type: ResourcePermission['type'],
  ): string[] {
    if (!app.adminConsentGranted) return [];
    return app.requiredResourceAccess
      .filter((r) => r.resourceAppId === resourceAppId)
      .flatMap((r) => r.resourceAccess.filter((a) => a.type === type).map((a) => a.id));
  }

  isPropagating(clientId: string): boolean {
    const app = this.app(clientId);
    return app !== undefined && this.now() < app.propagatedAt;
  }

  /**
   * The EWS access controls as "Control access to EWS in Exchange" describes them: EwsEnabled of
   * the organisation (a mailbox's True cannot override its False) and of the mailbox, then the
   * Application ID allow list. Undefined when EWS may be used.
   */
  ewsPolicyBlock(clientId: string, mailboxAddress: string | undefined): EwsPolicyBlock | undefined {
    const org = this.data.organization;
    const orgEnabled = org.ewsEnabled ?? this.now() < EWS_NULL_MEANS_DISABLED_FROM;
    const mailbox = mailboxAddress ? this.mailbox(mailboxAddress) : undefined;
    if (!orgEnabled || mailbox?.ewsEnabled === false) return 'disabled';
    const listed = org.ewsAllowedAppIds.some((id) => same(id, clientId));
    if (org.ewsAllowedAppIds.length > 0 && !listed) return 'blocked';
    return undefined;
  }

  private requireApp(clientId: string): AppRegistration {
    const app = this.app(clientId);
    if (!app) throw new DemoStateError(`No app registration ${quoteInput(clientId)}`);
    return app;
  }
}

function itemId(): string {
  return `AAMkAGDemo${randomBytes(30).toString('base64')}`;
}

function changeKey(): string {
  return `CQAAABYAAAD${randomBytes(12).toString('base64')}`;
}
