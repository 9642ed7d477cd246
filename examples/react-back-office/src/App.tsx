import { useCallback, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createSwitchboard, type Me } from '@switchboard/client';
import { serverUrl } from './config';
import { forgetToken, savedToken, saveToken } from './session';
import { LoginPage } from './LoginPage';
import { BackOffice } from './BackOffice';

/** Log-in page without a token; with one, the back office, REST and realtime on that token. */
export function App() {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(savedToken);
  // One client per log-in: REST sends the token as a bearer, and every (re)connect of the
  // socket asks for a fresh one-time ticket with it.
  const sb = useMemo(() => (token ? createSwitchboard({ baseUrl: serverUrl(), token }) : null), [token]);

  const logIn = useCallback((newToken: string, me: Me) => {
    saveToken(newToken);
    queryClient.setQueryData(['me'], me);
    setToken(newToken);
  }, [queryClient]);

  const logOut = useCallback(() => {
    forgetToken();
    queryClient.clear(); // nothing one user saw is shown to the next
    setToken(null);
  }, [queryClient]);

  if (!sb) return <LoginPage onLogIn={logIn} />;
  return <BackOffice key={token} sb={sb} onLogOut={logOut} />;
}
