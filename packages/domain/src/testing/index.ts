/**
 * Test builders for every package's tests (`@docket/domain/testing`): answers and records that are valid as they
 * are. Never imported by production code.
 */
export * from './forms';
export * from './records';
