// Runs as soon as the page's HTML is read, before the app's code (about 90 kB) has arrived: on a page behind login it
// starts trading the refresh cookie for a session at once, so that this round trip overlaps the download instead of
// following it (on a phone each is a noticeable wait). The app takes the answer once (Session.resumeEarly) and sends
// no refresh of its own meanwhile: the server rotates the refresh token on every refresh, so there must be one.
// The same request as the app's own: POST /api/auth/refresh with the readable gp_csrf cookie sent back as
// X-CSRF-Token. Public pages (login, activation, SSO) do not resume; app.config.ts names the same pages.
//
// On the plan screen it also sends the screen's first reads as soon as the session is there (window.gpReads), so
// they arrive while the app's code is still downloading instead of one more round trip after it. The addresses are
// the ones the plan route reads ahead (families.routes.ts); the app's ReadAhead takes each answer once, and reads
// anew whatever is missing or failed here.
//
// First of all, on every page, the language the reader chose (I18n in core/i18n.ts, same storage key) goes onto the
// page, so that a screen reader reads an English reader's page as English from the start. Reading the storage here,
// while the browser waits for the app's code, also takes its first and slowest read (a few milliseconds, which a
// phone multiplies) out of the app's start.
(() => {
  try {
    const lang = localStorage.getItem('gezinsplan.lang');
    if (lang === 'en' || lang === 'nl') document.documentElement.lang = lang;
  } catch {
    // No storage: Dutch, as the page says.
  }
  if (/^\/(inloggen|activeren|sso)(\/|$)/.test(location.pathname)) return;
  const csrf = /(?:^|;\s*)gp_csrf=([^;]+)/.exec(document.cookie);
  const headers = { 'Content-Type': 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = decodeURIComponent(csrf[1]);
  const session = fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: '{}',
  }).then(
    (res) => (res.ok ? res.json() : null),
    () => null,
  );
  window.gpResume = session;

  const plan = /^\/gezinnen\/([0-9a-f-]{36})\/plan\/?$/.exec(location.pathname);
  if (!plan) return;
  const family = `/api/families/${plan[1]}`;
  const reads = {};
  for (const url of [family, `${family}/plan`, `${family}/plan/versions`]) {
    reads[url] = session.then((s) =>
      s && s.accessToken
        ? fetch(url, { headers: { Authorization: `Bearer ${s.accessToken}` } }).then(
            (res) => (res.ok ? res.json() : null),
            () => null,
          )
        : null,
    );
  }
  window.gpReads = { sentAt: Date.now(), reads };
})();
