export * from './page';
export * from './state-store';
export * from './user-store';
export * from './session-store';
export * from './event-log';
export * from './contract-store';
export * from './datastore';
export * from './data-transfer';
