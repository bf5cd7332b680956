// /auth/callback: where Cognito's sign-in page sends the browser back with a code; exchanged here for the access
// token, then back to the page the user was on. A refusal stays on this page with its reason.
import { auth, el, main, status } from './common.js';
import { completeSignIn } from './sign-in.js';

try {
  const settings = await auth();
  if (settings.mode !== 'cognito') throw new Error('this console signs in with its token link, not here');
  const back = await completeSignIn({ settings, storage: sessionStorage, fetchFn: fetch, origin: location.origin, search: location.search });
  location.replace(back);
} catch (error) {
  status(error.message, true);
  main().append(el('p', {}, el('a', { href: '/' }, 'Open the console to sign in again')));
}
