import { DocketError, ValidationError } from '@docket/domain';
import { ConfigError } from '../config';

/** A failure as one clear message for people, with the fields at fault under it. */
export function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof ValidationError) {
    const lines = error.issues.map(
      (i) => `  ${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`,
    );
    return [error.message, ...lines].join('\n');
  }
  if (error instanceof DocketError) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
