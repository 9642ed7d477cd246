export { useSwitchboardRealtime, SwitchboardProvider, useSwitchboard, useRealtimeStatus, usePresence } from './react.js';
export { applyEvent, applyResync, isRecordKey } from './apply-event.js';
