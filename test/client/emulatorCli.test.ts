// The emulator CLI (`npm run emulator`): flags reach the server, the banner tells how to connect, Ctrl+C stops it.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import OpenAI from 'openai';

function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; banner: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 15000);
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+\/v1)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], banner: () => out }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`CLI exited with ${code}:\n${out}`)); });
  });
}

describe('emulator: CLI', () => {
  it('starts with the given key, prints how to connect, and stops on SIGINT', async () => {
    const { child, url, banner } = await startCli(['--port', '0', '--api-key', 'cli-test-key', '--token-delay-ms', '0', '--first-token-delay-ms', '0', '--accept-sigv4-service', 'bedrock']);
    try {
      assert.match(banner(), /bedrockMantle\.endpoint/);
      assert.match(banner(), /Bedrock Mantle: Set API Key/);
      assert.match(banner(), /AWS_BEARER_TOKEN_BEDROCK/);
      assert.match(banner(), /SigV4 services:\s+bedrock-mantle, bedrock/);
      const client = new OpenAI({ apiKey: 'cli-test-key', baseURL: url, organization: null, project: null, maxRetries: 0 });
      assert.equal((await client.models.list()).data.length, 38);
      const other = new OpenAI({ apiKey: 'mantle-emulator-key', baseURL: url, organization: null, project: null, maxRetries: 0 });
      await assert.rejects(other.models.list(), (e: unknown) => e instanceof OpenAI.AuthenticationError);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    }
  });
});
