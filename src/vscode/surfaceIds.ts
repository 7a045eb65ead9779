// The ids by which VS Code asks for our views and providers, in a file of their own so the activation bundle
// (src/extension.ts) can register stand-ins for them without pulling in the code behind them.
export const MODELS_VIEW_ID = 'bedrockMantle.models';
export const CHAT_VIEW_ID = 'bedrockMantle.chat';
export const CHAT_PANEL_TYPE = 'bedrockMantle.chatPanel';
export const LM_VENDOR = 'bedrock-mantle';
export const PARTICIPANT_ID = 'bedrock-mantle.mantle';
