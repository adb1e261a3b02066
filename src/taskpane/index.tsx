import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { detectHost } from './host';

const container = document.getElementById('root');
if (!container) throw new Error('taskpane.html has no #root element');

void detectHost().then((host) => {
  createRoot(container).render(
    <StrictMode>
      <App host={host} />
    </StrictMode>,
  );
});
