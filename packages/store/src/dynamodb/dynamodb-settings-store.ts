import {
  DEFAULT_EMAIL_SETTINGS_VERSION,
  VersionConflictError,
  type EmailSettingsVersion,
} from '@docket/domain';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../page';
import type { EmailSettingsSave, SettingsStore } from '../settings-store';
import { cutPage, decodeCursor, fetchSize, versionKey } from '../keyset';
import { retrying, transact, type Database } from './database';
import { putEventStep } from './dynamodb-event-log';
import { emailSettingsItem, toEmailSettingsVersion } from './items';
import { EMAIL_SETTINGS_PARTITION, EMAIL_SETTINGS_PREFIX, emailSettingsSort, keys } from './keys';

/**
 * The email settings' versions, one item each in one partition. A save puts the next version on condition that it
 * does not exist, and checks that the version it was based on does: so it succeeds only when that is the latest.
 */
export class DynamoSettingsStore implements SettingsStore {
  constructor(private readonly db: Database) {}

  async getEmailSettings(): Promise<EmailSettingsVersion> {
    const [latest] = await this.readVersions(null, 1);
    return latest ?? DEFAULT_EMAIL_SETTINGS_VERSION;
  }

  async updateEmailSettings(input: EmailSettingsSave): Promise<EmailSettingsVersion> {
    const saved: EmailSettingsVersion = {
      version: input.expectedVersion + 1,
      settings: input.settings,
      savedAt: input.savedAt,
      savedBy: input.savedBy,
    };
    const item = emailSettingsItem(saved);
    const { table } = this.db;
    const conflict = () => new VersionConflictError('Email settings', 'email', input.expectedVersion, null);
    await retrying(() =>
      transact(this.db, [
        ...(input.expectedVersion === 0
          ? []
          : [
              {
                request: {
                  ConditionCheck: {
                    TableName: table,
                    Key: keys.emailSettings(input.expectedVersion),
                    ConditionExpression: 'attribute_exists(PK)',
                  },
                },
                onConditionFailed: conflict,
              },
            ]),
        {
          request: { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
          onConditionFailed: conflict,
        },
        putEventStep(table, input.event),
      ]),
    );
    return toEmailSettingsVersion(item);
  }

  async listEmailSettingsVersions(page: PageRequest): Promise<Page<EmailSettingsVersion>> {
    const after = decodeCursor(page.cursor, versionKey);
    const versions = await this.readVersions(after ? after[0] : null, fetchSize(page));
    const cut = cutPage(versions, page, (saved) => [saved.version]);
    return { items: cut.items, nextCursor: cut.nextCursor };
  }

  /** Up to `limit` versions below `before` (all when null), newest first, read consistently. */
  private async readVersions(before: number | null, limit: number): Promise<EmailSettingsVersion[]> {
    const { Items = [] } = await this.db.documents.send(
      new QueryCommand({
        TableName: this.db.table,
        ConsistentRead: true,
        KeyConditionExpression:
          before === null
            ? '#pk = :pk AND begins_with(#sk, :prefix)'
            : '#pk = :pk AND #sk BETWEEN :prefix AND :before',
        ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
        ExpressionAttributeValues: {
          ':pk': EMAIL_SETTINGS_PARTITION,
          ':prefix': EMAIL_SETTINGS_PREFIX,
          ...(before === null
            ? {}
            : { ':before': `${EMAIL_SETTINGS_PREFIX}${emailSettingsSort(before - 1)}` }),
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(toEmailSettingsVersion);
  }
}
