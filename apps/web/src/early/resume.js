// Runs as soon as the page's HTML is read, before the app's code (about 90 kB) has arrived: on a page behind login it
// starts trading the refresh cookie for a session at once, so that this round trip overlaps the download instead of
// following it (on a phone each is a noticeable wait). The app takes the answer once (Session.resumeEarly) and sends
// no refresh of its own meanwhile: the server rotates the refresh token on every refresh, so there must be one.
// The same request as the app's own: POST /api/auth/refresh with the readable gp_csrf cookie sent back as
// X-CSRF-Token. Public pages (login, activation, SSO) do not resume; app.config.ts names the same pages.
(() => {
  if (/^\/(inloggen|activeren|sso)(\/|$)/.test(location.pathname)) return;
  const csrf = /(?:^|;\s*)gp_csrf=([^;]+)/.exec(document.cookie);
  const headers = { 'Content-Type': 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = decodeURIComponent(csrf[1]);
  window.gpResume = fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: '{}',
  }).then(
    (res) => (res.ok ? res.json() : null),
    () => null,
  );
})();
