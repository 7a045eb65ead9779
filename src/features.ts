// The features built on first use (the LazyFeature builders in container.ts), bundled apart as dist/features.js so
// activation neither parses nor evaluates them. The container requires this file only inside those builders; the
// build fails if anything else imports it by value (esbuild.mjs). A new feature with its own commands or views
// belongs here and behind a LazyFeature.
export { EditorCommands } from './vscode/editor/editorCommands';
export { ChatFeature } from './vscode/chat/chatFeature';
export { CompareFeature } from './vscode/compare/compareFeature';
export { WorkspaceTools } from './vscode/tools/workspaceTools';
