export { createPostgresDatastore, type PostgresDatastoreOptions } from './postgres-datastore';
