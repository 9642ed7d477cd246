import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export type ToastContent = { title: string; description: string };
type Toast = ToastContent & { key: string };
type Show = (key: string, content: ToastContent) => void;

const VISIBLE_MS = 4_000;

const ToastContext = createContext<Show | null>(null);

/**
 * Toasts keyed by what they are about (a collection): while one with a key is showing, another
 * with the same key only keeps it up for another full period, so a burst of events is one toast
 * (as the web app's web/js/toasts.js does).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<string, number>());

  const dismiss = useCallback((key: string) => {
    window.clearTimeout(timers.current.get(key));
    timers.current.delete(key);
    setToasts((shown) => shown.filter((toast) => toast.key !== key));
  }, []);

  const show = useCallback<Show>((key, content) => {
    window.clearTimeout(timers.current.get(key));
    timers.current.set(key, window.setTimeout(() => dismiss(key), VISIBLE_MS));
    setToasts((shown) => (shown.some((toast) => toast.key === key)
      ? shown.map((toast) => (toast.key === key ? { key, ...content } : toast))
      : [...shown, { key, ...content }]));
  }, [dismiss]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  return (
    <ToastContext.Provider value={show}>
      {children}
      <section className="toasts" aria-label="Notifications" aria-live="polite">
        {toasts.map((toast) => (
          <div className="toast" key={toast.key}>
            <div>
              <p className="toast-title">{toast.title}</p>
              <p className="toast-description">{toast.description}</p>
            </div>
            <button type="button" className="toast-close" aria-label="Dismiss notification" onClick={() => dismiss(toast.key)}>×</button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): Show {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast() outside <ToastProvider>');
  return show;
}
