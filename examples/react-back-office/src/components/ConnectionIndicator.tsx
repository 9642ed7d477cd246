import { useRealtimeStatus } from '@switchboard/react-query';

/** connected / reconnecting / offline: the state of the realtime socket, announced when it changes. */
export function ConnectionIndicator() {
  const status = useRealtimeStatus();
  return (
    <p className={`connection connection-${status}`} title="Live updates">
      <span className="connection-dot" aria-hidden="true" />
      <span className="visually-hidden">Live updates: </span>
      <span role="status" data-testid="connection-status">{status}</span>
    </p>
  );
}
