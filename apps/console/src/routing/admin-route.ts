import { useEffect, useState } from 'react';

/** Admin screens live under `#/admin/<page>`; everything else is the agent's inbox (see hash-route.ts). */
export type AdminPage = 'callbacks';

export function parseAdminPage(hash: string): AdminPage | null {
  return /^#\/admin\/callbacks(?:[/?]|$)/.test(hash) ? 'callbacks' : null;
}

export function useAdminPage(): AdminPage | null {
  const [page, setPage] = useState(() => parseAdminPage(window.location.hash));
  useEffect(() => {
    const update = () => setPage(parseAdminPage(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return page;
}
