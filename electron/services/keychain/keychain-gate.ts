/**
 * Keeps keychain lock probes (child processes: gdbus, secret-tool) apart from keytar calls:
 * starting a child process while libsecret works on another thread was seen to hang keytar calls
 * for good (a save loop stopped after a few saves). A probe waits until the calls in flight are
 * done, and calls wait for a probe under way; probes run one after another.
 */
export interface KeychainGate {
  /** A keytar call: waits for a probe under way. */
  call<T>(use: () => Promise<T>): Promise<T>;
  /** A lock probe: waits for the calls in flight, holds new ones until it is done. */
  probe<T>(question: () => Promise<T>): Promise<T>;
}

export function createKeychainGate(): KeychainGate {
  let inFlight = 0;
  const idle: (() => void)[] = [];
  let probing: Promise<unknown> | undefined;

  return {
    call: async (use) => {
      while (probing) await probing.catch(() => {});
      inFlight += 1;
      try {
        return await use();
      } finally {
        inFlight -= 1;
        if (inFlight === 0) for (const resolve of idle.splice(0)) resolve();
      }
    },
    probe: (question) => {
      const turn = (probing ?? Promise.resolve())
        .catch(() => {})
        .then(async () => {
          if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
          return question();
        });
      const settled = turn.finally(() => {
        if (probing === settled) probing = undefined;
      });
      probing = settled;
      return settled;
    },
  };
}
