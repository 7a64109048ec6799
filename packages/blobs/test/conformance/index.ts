/**
 * The blob-store conformance suite's harness, for this package's tests and for any other package that wants to
 * run against every adapter (`@docket/blobs/testing`).
 */
export * from './adapters';
export * from './bodies';
export * from './describe-each-blob-store';
export * from './s3rver';
