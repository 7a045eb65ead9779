// Every bedrockMantle.* setting id, declared once. package.json's contributes.configuration must list exactly these
// (test/unit/settingKeys.test.ts), and src/vscode/settings.ts, the only reader, accepts no other name.

export const SETTING_SECTION = 'bedrockMantle';

export const SETTING_KEYS = [
  'region',
  'auth',
  'awsProfile',
  'endpoint',
  'endpointType',
  'chat.defaultModel',
  'coder.defaultModel',
  'chat.store',
  'chat.showReasoning',
  'chat.reasoningEffort',
  'chat.tools.enabled',
  'chat.tools.maxSteps',
  'chat.attachments.maxFileTokens',
  'chat.attachments.maxTotalTokens',
  'chat.attachments.maxImageBytes',
  'chat.instructionsFile',
  'request.maxRetries',
  'request.stallTimeoutSeconds',
  'editor.maxSelectionChars',
  'editor.contextLines',
  'autocomplete.enabled',
  'autocomplete.model',
  'autocomplete.mode',
  'autocomplete.languages',
  'autocomplete.exclude',
  'autocomplete.debounceMs',
  'autocomplete.maxRequestsPerMinute',
  'pricing.overrides',
  'project',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** The first part of a dotted key ('chat', 'autocomplete'): a change event can be narrowed to a whole group. */
export type SettingGroup = GroupOf<SettingKey>;
type GroupOf<K> = K extends `${infer G}.${string}` ? G : never;

/** The full id a person sees in the Settings editor and settings.json, e.g. bedrockMantle.chat.store. */
export function settingId(key: SettingKey | SettingGroup): string {
  return `${SETTING_SECTION}.${key}`;
}

/** Settings whose change means a new connection (credentials, Region, endpoint, retry and timeout policy). */
export const CONNECTION_SETTING_KEYS: readonly SettingKey[] = ['region', 'auth', 'awsProfile', 'endpoint', 'endpointType', 'request.maxRetries', 'request.stallTimeoutSeconds', 'project'];
