import type { FeatureContext } from '../feature';
import { registerBulkDeleteCommand } from './bulkDeleteCommand';
import { registerKeyBrowserCommands } from './keyCommands';
import { registerKeyOperationCommands } from './keyOperationCommands';
import { registerNewKeyCommand } from './newKeyCommand';
import { registerOpenKeyCommand } from './openKeyCommand';

/**
 * Every command on a key or a key-browser node: load more, filter, refresh, copy name (the
 * browser's own), open, rename, delete, TTL, persist, duplicate, copy value, edit as text, New
 * Key and Delete Keys Matching. Nothing connects until one runs.
 */
export function registerKeys(context: FeatureContext): void {
  registerKeyBrowserCommands(context);
  registerOpenKeyCommand(context);
  registerKeyOperationCommands(context);
  registerNewKeyCommand(context);
  registerBulkDeleteCommand(context);
}
