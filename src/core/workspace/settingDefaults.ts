/**
 * Default and allowed range of each `redisSpecialist.*` setting the editor reads (besides `analysis.*`,
 * see analysisSettings.ts, and the `connections` list, see connectionConfig.ts). package.json declares
 * the same numbers for the Settings UI; a unit test keeps the two identical both ways.
 */
interface IntegerSetting {
  type: 'integer';
  default: number;
  minimum: number;
  /** Omitted when package.json sets no upper bound. */
  maximum?: number;
}

interface PlainSetting<T> {
  type: T extends boolean ? 'boolean' : 'string';
  default: T;
}

export const SETTING_DEFAULTS = {
  'connection.commandTimeoutMs': { type: 'integer', default: 5000, minimum: 100, maximum: 600_000 },
  'connection.slowCommandTimeoutMs': { type: 'integer', default: 60_000, minimum: 1000, maximum: 3_600_000 },
  'keys.scanCount': { type: 'integer', default: 1000, minimum: 10, maximum: 100_000 },
  'keys.maxKeysPerLoad': { type: 'integer', default: 20_000, minimum: 100, maximum: 10_000_000 },
  'keys.pageSize': { type: 'integer', default: 500, minimum: 10, maximum: 5000 },
  'keys.showMemory': { type: 'boolean', default: false },
  'keys.codePatternFolders': { type: 'boolean', default: true },
  'scan.maxScansPerSecond': { type: 'integer', default: 0, minimum: 0 },
  'scan.maxKeysPerSecond': { type: 'integer', default: 0, minimum: 0 },
  'dashboard.intervalMs': { type: 'integer', default: 1000, minimum: 250, maximum: 60_000 },
  'dashboard.windowSeconds': { type: 'integer', default: 300, minimum: 30, maximum: 3600 },
  'values.stringLimitBytes': { type: 'integer', default: 1024 * 1024, minimum: 1024, maximum: 512 * 1024 * 1024 },
  'values.pageSize': { type: 'integer', default: 200, minimum: 10, maximum: 10_000 },
  'memory.sampleSize': { type: 'integer', default: 10_000, minimum: 100, maximum: 10_000_000 },
  'memory.exactMemoryBelowElements': { type: 'integer', default: 10_000, minimum: 0, maximum: 10_000_000 },
  'cli.confirmDangerousCommands': { type: 'boolean', default: true },
  'ssh.configPath': { type: 'string', default: '' },
  'patterns.sampleSize': { type: 'integer', default: 200, minimum: 1, maximum: 100_000 },
  'patterns.codeLens': { type: 'boolean', default: true },
} as const satisfies Record<string, IntegerSetting | PlainSetting<boolean> | PlainSetting<string>>;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
type ValueOf<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K]['type'] extends 'integer' ? number : (typeof SETTING_DEFAULTS)[K]['type'] extends 'boolean' ? boolean : string;

/** The value to use for a raw setting: the default when unset, of the wrong type or out of range. */
export function readSetting<K extends SettingKey>(key: K, raw: unknown): ValueOf<K> {
  const spec: IntegerSetting | PlainSetting<boolean> | PlainSetting<string> = SETTING_DEFAULTS[key];
  const fallback = spec.default as ValueOf<K>;
  switch (spec.type) {
    case 'integer':
      return Number.isInteger(raw) && (raw as number) >= spec.minimum && (raw as number) <= (spec.maximum ?? Infinity) ? (raw as ValueOf<K>) : fallback;
    case 'boolean':
      return typeof raw === 'boolean' ? (raw as ValueOf<K>) : fallback;
    case 'string':
      return typeof raw === 'string' ? (raw as ValueOf<K>) : fallback;
  }
}
