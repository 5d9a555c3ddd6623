import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';

// A participant's phone loads only its own small page; the facilitator's screen loads the workshop.
const page: Promise<ComponentType> = location.pathname.startsWith('/join')
  ? import('./participant/ParticipantApp.tsx').then((m) => m.ParticipantApp)
  : import('./App.tsx').then((m) => m.App);

void page.then((Page) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Page />
    </StrictMode>,
  ),
);
