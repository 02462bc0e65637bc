import { useEffect } from 'react';

/**
 * Calls `refresh` every `intervalMs` while the tab is visible, and as soon as it becomes visible again:
 * what others change (presence, an accepted invitation) shows without a reload. The admin screens have no
 * live socket, and these lists are small.
 */
export function useRefreshWhileVisible(refresh: () => void, intervalMs: number): void {
  useEffect(() => {
    const visible = () => document.visibilityState === 'visible';
    const timer = window.setInterval(() => {
      if (visible()) refresh();
    }, intervalMs);
    const onVisibility = () => {
      if (visible()) refresh();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh, intervalMs]);
}
