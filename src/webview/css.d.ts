// esbuild bundles CSS imported from TypeScript into dist/webview.css; TypeScript only needs to know the import exists.
declare module '*.css';
