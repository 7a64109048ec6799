export { buildApp, BODY_LIMIT_BYTES, type AppOptions, type DocketApp } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { openDatastore, describeStore, type StoreLocator } from './composition-root';
export { DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from './use-cases/demo-accounts';
export { ensureDemoUsers } from './use-cases/ensure-demo-users';
export { seedReferenceData } from './use-cases/seed-reference-data';
export { createUser } from './use-cases/create-user';
