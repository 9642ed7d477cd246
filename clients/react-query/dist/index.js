export { useSwitchboardRealtime, SwitchboardProvider, useSwitchboard, useRealtimeStatus } from './react.js';
export { applyEvent, applyResync, isRecordKey } from './apply-event.js';
