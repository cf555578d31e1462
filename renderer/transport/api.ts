import { createApiClient, type Transport } from '../../shared/contract/client';
import { createHttpTransport } from './http-transport';
import { takeLaunchToken } from './launch-token';
import { useConnection } from './connection';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    erpMail?: Transport;
  }
}

function pickTransport(): Transport {
  if (window.erpMail) return window.erpMail;
  const refused = () => useConnection.getState().markLinkInvalid();
  const token = takeLaunchToken(window.location, window.history, window.sessionStorage);
  if (!token) refused();
  return createHttpTransport(token ?? '', refused);
}

/** The one way UI code talks to main; it cannot tell which transport carries the calls. */
export const api = createApiClient(pickTransport());
