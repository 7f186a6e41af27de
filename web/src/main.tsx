import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/i18n.tsx';
import { SessionProvider } from './session/session.tsx';
import { Providers } from './providers.tsx';
import { AppRoutes } from './app.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Providers>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </Providers>
    </I18nProvider>
  </StrictMode>,
);
