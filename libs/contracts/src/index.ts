export * from './auth.js';
export * from './channels.js';
export * from './conversations.js';
export * from './errors.js';
export * from './reply-window.js';
export * from './socket-events.js';
export * from './tickets.js';
