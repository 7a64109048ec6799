export { buildApp, BODY_LIMIT_BYTES, type AppOptions, type DocketApp } from './app';
export { loadConfig, ConfigError, describeStore, type Config, type StoreLocator } from './config';
export { openDatastore } from './composition-root';
export { DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from './use-cases/demo-accounts';
export { ensureDemoUsers } from './use-cases/ensure-demo-users';
export { seedReferenceData } from './use-cases/seed-reference-data';
export { createUser } from './use-cases/create-user';
