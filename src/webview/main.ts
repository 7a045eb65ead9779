// Chat webview entry (browser bundle). Built out by the chat feature.
export {};
