/**
 * The datastore conformance suite's harness, for this package's tests and for any other package that wants to
 * run against every adapter (`@docket/store/testing`).
 */
export * from './adapters';
export * from './describe-each-datastore';
export * from './dynamodb-local';
export * from './factories';
export * from './postgres-server';
export * from './rate-scenarios';
export * from './forged-cursors';
