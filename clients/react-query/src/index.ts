export { useSwitchboardRealtime, SwitchboardProvider, useSwitchboard, useRealtimeStatus, usePresence } from './react.js';
export type { RealtimeHookOptions, SwitchboardProviderProps } from './react.js';
export type { Presence, PresentPerson, RealtimeCallbacks, RealtimeStatus, Snapshot, Toast } from './connection.js';
export { applyEvent, applyResync, isRecordKey } from './apply-event.js';
