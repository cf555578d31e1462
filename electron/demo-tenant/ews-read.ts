import { attr, child, list, text, type Node } from './ews-envelope';
import { itemShape, messageXml } from './ews-message';
import {
  codeErrorMessage,
  folderId,
  folderItems,
  folderXml,
  isEwsFolder,
  parseFolderId,
  responseElement,
  successMessage,
  type EwsFolder,
} from './ews-soap';
import type { Mailbox, StoredMessage, TenantState } from './state';

/** Who a request acts as: the token's subject, or the mailbox it impersonates. */
export interface Caller {
  /** The address whose rights apply: the impersonated mailbox or the signed-in user. */
  actor: string;
  mailbox: Mailbox;
}

export type FolderRef = { kind: 'distinguished' | 'id'; node: Node };

export function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The folder references of a FolderIds-like element: distinguished ids first, then our ids. */
export function folderRefs(container: Node | undefined): FolderRef[] {
  return [
    ...list(container?.DistinguishedFolderId).map((node) => ({
      kind: 'distinguished' as const,
      node,
    })),
    ...list(container?.FolderId).map((node) => ({ kind: 'id' as const, node })),
  ];
}

/** EWS's reading operations (GetFolder, FindItem, GetItem) over the mailboxes the caller may open. */
export class EwsMailboxReader {
  constructor(private readonly state: TenantState) {}

  /** A folder named by distinguished id (optionally in another mailbox) or by an id we issued. */
  folder(ref: FolderRef, caller: Caller): { mailbox: Mailbox; folder: EwsFolder } | string {
    let address = caller.mailbox.address;
    let folder: string | undefined;
    if (ref.kind === 'distinguished') {
      folder = attr(ref.node, 'Id');
      const other = text(child(child(ref.node, 'Mailbox'), 'EmailAddress')).trim();
      if (other) address = other;
    } else {
      const parsed = parseFolderId(attr(ref.node, 'Id') ?? '');
      if (!parsed) return 'ErrorInvalidIdMalformed';
      ({ address, folder } = parsed);
    }
    if (!isEwsFolder(folder)) return 'ErrorFolderNotFound';
    const mailbox = this.state.mailbox(address);
    if (!mailbox) return 'ErrorNonExistentMailbox';
    return mayOpen(mailbox, caller) ? { mailbox, folder } : 'ErrorAccessDenied';
  }

  getFolder(request: Node, caller: Caller): string {
    const messages = folderRefs(child(request, 'FolderIds')).map((ref) => {
      const found = this.folder(ref, caller);
      if (typeof found === 'string') return codeErrorMessage('GetFolder', found, '<m:Folders/>');
      return successMessage(
        'GetFolder',
        `<m:Folders>${folderXml(found.mailbox, found.folder)}</m:Folders>`,
      );
    });
    return responseElement('GetFolder', messages);
  }

  findItem(request: Node, caller: Caller): string {
    const view = child(request, 'IndexedPageItemView');
    const max = Math.max(
      1,
      Math.min(1000, Number(attr(view, 'MaxEntriesReturned') ?? 1000) || 1000),
    );
    const offset = Math.max(0, Number(attr(view, 'Offset') ?? 0) || 0);
    const fromEnd = attr(view, 'BasePoint') === 'End';
    const shape = itemShape(child(request, 'ItemShape'));
    const messages = folderRefs(child(request, 'ParentFolderIds')).map((ref) => {
      const found = this.folder(ref, caller);
      if (typeof found === 'string') return codeErrorMessage('FindItem', found, '');
      const parent = folderId(found.mailbox, found.folder);
      const newestFirst = [...folderItems(found.mailbox, found.folder)].reverse();
      const total = newestFirst.length;
      const start = fromEnd ? Math.max(0, total - offset - max) : offset;
      const page = newestFirst.slice(start, start + max);
      const next = start + page.length;
      const items = page.map((m) => messageXml(m, parent, shape, 'FindItem')).join('');
      return successMessage(
        'FindItem',
        `<m:RootFolder IndexedPagingOffset="${next}" TotalItemsInView="${total}" IncludesLastItemInRange="${next >= total}">` +
          `<t:Items>${items}</t:Items></m:RootFolder>`,
      );
    });
    return responseElement('FindItem', messages);
  }

  /** GetItem: each ItemId answered on its own, in the shape asked for (MIME content included). */
  getItem(request: Node, caller: Caller): string {
    const shape = itemShape(child(request, 'ItemShape'));
    const messages = list(child(request, 'ItemIds')?.ItemId).map((node) => {
      const found = this.item(attr(node, 'Id') ?? '', caller);
      if (typeof found === 'string') return codeErrorMessage('GetItem', found, '<m:Items/>');
      const parent = folderId(found.mailbox, found.folder);
      return successMessage(
        'GetItem',
        `<m:Items>${messageXml(found.message, parent, shape, 'GetItem')}</m:Items>`,
      );
    });
    return responseElement('GetItem', messages);
  }

  private item(
    id: string,
    caller: Caller,
  ): { mailbox: Mailbox; folder: EwsFolder; message: StoredMessage } | string {
    if (!id) return 'ErrorInvalidIdMalformed';
    const found = findItem(this.state.mailboxes, id);
    if (!found) return 'ErrorItemNotFound';
    return mayOpen(found.mailbox, caller) ? found : 'ErrorAccessDenied';
  }
}

/** The caller's own mailbox, or one they hold Full Access to. */
function mayOpen(mailbox: Mailbox, caller: Caller): boolean {
  return (
    same(mailbox.address, caller.actor) || mailbox.fullAccess.some((u) => same(u, caller.actor))
  );
}

/** The message an ItemId names, wherever it is stored. */
function findItem(
  mailboxes: readonly Mailbox[],
  itemId: string,
): { mailbox: Mailbox; folder: 'inbox' | 'sentitems'; message: StoredMessage } | undefined {
  for (const mailbox of mailboxes) {
    for (const folder of ['inbox', 'sentitems'] as const) {
      const message = mailbox.folders[folder].find((m) => m.itemId === itemId);
      if (message) return { mailbox, folder, message };
    }
  }
  return undefined;
}
