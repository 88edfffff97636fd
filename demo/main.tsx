/// <reference types="vite/client" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet applies by being loaded
import '../src/styles/stagekit.css';
import { App } from './App.js';

// The looks of stagekit/styles.css from the address: ?theme=light|dark, ?density=compact, ?dir=rtl
// (each window opened from the landing page follows the system instead).
const look = new URLSearchParams(window.location.search);
const theme = look.get('theme');
if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-stagekit-theme', theme);
if (look.get('density') === 'compact') document.documentElement.setAttribute('data-stagekit-density', 'compact');
if (look.get('dir') === 'rtl') document.documentElement.dir = 'rtl';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
