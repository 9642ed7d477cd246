export { useSwitchboardRealtime, SwitchboardProvider, useSwitchboard, useRealtimeStatus } from './react.js';
export type { RealtimeHookOptions, SwitchboardProviderProps } from './react.js';
export type { RealtimeCallbacks, RealtimeStatus, Snapshot, Toast } from './connection.js';
export { applyEvent, applyResync, isRecordKey } from './apply-event.js';
