/**
 * The configuration, parsed in one place: the environment (`config.ts`) and the two locators it and the command
 * line share (`store-locator.ts`, `blobs-locator.ts`). Parsing only: the composition root opens what they name,
 * and nothing here imports it.
 */
export * from './config';
export * from './store-locator';
export * from './blobs-locator';
