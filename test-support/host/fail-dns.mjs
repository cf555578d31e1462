// Preloaded into a browser host (node --import) by e2e tests: every look-up of a host named in
// ERP_MAIL_TEST_FAIL_DNS (comma-separated) fails as getaddrinfo does when a name does not
// resolve, so a test gets a real DNS failure on login.microsoftonline.com wherever it runs.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

const failing = new Set(
  (process.env.ERP_MAIL_TEST_FAIL_DNS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean),
);

const notFound = (hostname) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    errno: -3008,
    syscall: 'getaddrinfo',
    hostname,
  });

const fails = (hostname) => typeof hostname === 'string' && failing.has(hostname.toLowerCase());

const realLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  if (!fails(hostname)) return realLookup.call(this, hostname, options, callback);
  process.nextTick(() => done(notFound(hostname)));
  return undefined;
};

const realPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
  if (fails(hostname)) throw notFound(hostname);
  return realPromiseLookup.call(this, hostname, options);
};

syncBuiltinESMExports();
