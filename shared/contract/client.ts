import type { Api, EventMap, EventName, MethodName } from './index';
import type { ApiErrorShape, ErrorCode, Result } from './errors';

/** What a transport must do: send one call, and subscribe to pushed events. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Result>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The error the renderer sees when main answers a call with a typed failure. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: ApiErrorShape) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
  }
}

/** Turns a transport into the typed `Api`: the UI calls `api['systemSettings.load']({})`. */
export function createApiClient(transport: Transport): Api & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
} {
  const call = async (method: MethodName, input: unknown) => {
    const result = await transport.invoke(method, input);
    if (!result.ok) throw new ApiError(result.error);
    return result.value;
  };
  const proxy = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (name === 'on') return transport.on.bind(transport);
        if (typeof name !== 'string') return undefined;
        return (input: unknown) => call(name as MethodName, input);
      },
    },
  );
  return proxy as Api & {
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  };
}
