export * from './answer-texts';
export * from './list-changes';
export * from './revision-diff';
export * from './diff-sides';
export * from './discarded-drafts';
