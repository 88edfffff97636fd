// The app the README example is weighed against: React and nothing else.
import { createRoot } from 'react-dom/client';

function App() {
  return <p>Hello</p>;
}

createRoot(document.getElementById('root')!).render(<App />);
