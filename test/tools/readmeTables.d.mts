export function commandsTable(pkg: unknown): string;
export function settingsTable(pkg: unknown): string;
export function replaceBlock(text: string, name: string, body: string): string;
export function renderReadme(readme: string, pkg: unknown): string;
