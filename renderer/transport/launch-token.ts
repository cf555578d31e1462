/** Where the page keeps the launch token for the tab's life (the bench reads it too). */
export const LAUNCH_TOKEN_KEY = 'erp-mail-settings.token';

/**
 * The browser host prints a link with a per-launch token in the fragment (never sent to any
 * server). Keep it for this tab only and take it out of the address bar, so it is not left in
 * history or in a screenshot.
 */
export function takeLaunchToken(
  location: Location,
  history: History,
  storage: Storage,
): string | undefined {
  const match = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(LAUNCH_TOKEN_KEY, match[1]);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return storage.getItem(LAUNCH_TOKEN_KEY) ?? undefined;
}
