export { createDynamoDatastore, type DynamoDatastoreOptions } from './dynamodb-datastore';
