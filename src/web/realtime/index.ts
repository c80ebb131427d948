export { RealtimeProvider } from './RealtimeProvider.js';
export { useRealtimeEvent, useRealtimeStatus, useWatchPosts, type RealtimeFilter } from './hooks.js';
export type { RealtimeEventMessage, RealtimeStatus } from './client.js';
