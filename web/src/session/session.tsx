import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthenticated } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export interface Session {
  /** undefined while the first /api/auth/me is under way; null when nobody is signed in. */
  readonly me: Me | null | undefined;
  /** Why the session could not be checked (network or server error), if it could not. */
  readonly error: ApiError | null;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  /** Whether the signed-in principal holds a permission (the server decides; this only shapes the UI). */
  can(permission: string): boolean;
  retry(): void;
  /** After a sign-in that set the cookie elsewhere (the citizen code login): ask the server who this is. */
  refresh(): Promise<Me>;
}

const SessionContext = createContext<Session | null>(null);

// The session cookie is httpOnly, so the page cannot see it. This flag only remembers that someone
// signed in here, so that a first visit goes straight to the login form instead of asking the
// server and getting a 401 (which the browser reports as a console error).
const HINT = 'shutong.signedIn';
function hint(on?: boolean): boolean {
  try {
    if (on === true) localStorage.setItem(HINT, '1');
    if (on === false) localStorage.removeItem(HINT);
    return localStorage.getItem(HINT) === '1';
  } catch {
    return true;
  }
}

/** Who is signed in, from the httpOnly session cookie via GET /api/auth/me. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!hint()) {
      setMe(null);
      return;
    }
    const controller = new AbortController();
    api.get<Me>('/api/auth/me', controller.signal).then(
      (who) => setMe(who),
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          hint(false);
          setMe(null);
        } else if (e instanceof ApiError) setError(e);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => onUnauthenticated(() => {
    hint(false);
    setMe(null);
  }), []);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api.post<{ me: Me }>('/api/auth/login', { username, password });
    setError(null);
    hint(true);
    setMe(result.me);
    return result.me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      hint(false);
      setMe(null);
    }
  }, []);

  const value = useMemo<Session>(() => ({
    me,
    error,
    login,
    logout,
    can: (permission: string) => permission === 'authenticated' ? Boolean(me) : Boolean(me?.permissions.includes(permission)),
    retry: () => {
      setError(null);
      setAttempt((n) => n + 1);
    },
    refresh: async () => {
      const who = await api.get<Me>('/api/auth/me');
      hint(true);
      setMe(who);
      return who;
    },
  }), [me, error, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
