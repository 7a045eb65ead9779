// Bad credential inputs meeting a chat that is already under way, through the real AWS credential providers (a
// temporary HOME with real shared files) and the real client: a malformed ~/.aws/config, an unknown profile, an
// expired SSO session. Each turn fails with a message that says what to fix and the actions that fix it, nothing is
// sent, the typed prompt stays on the failed turn, the thread survives a save and reload, and retrying the same
// prompt once the credentials are fixed continues the conversation from the last completed answer.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { runTurn, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { catalogApiFor } from '../../src/common/chat/modelOptions';
import { Redactor } from '../../src/common/redact';
import { chainHead, createThread, type Thread, type Turn } from '../../src/common/threads/model';
import { createProfileCredentials } from '../../src/node/awsCredentials';
import type { MantleClient } from '../../src/node/mantleClient';
import { ThreadFiles } from '../../src/node/threadFiles';
import { ThreadStore } from '../../src/vscode/chat/threadStore';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { captureLog, testClient } from './clientHelpers';

const GPT = 'openai.gpt-oss-120b';
const STATIC = { accessKeyId: 'AKIDHARDENINGSTATIC', secretAccessKey: 'hardening-static-secret-0001' };
const SSO_URL = 'https://hardening.awsapps.com/start';

class JsonMemento {
  private readonly data: Record<string, string> = {};
  keys(): readonly string[] { return Object.keys(this.data); }
  get<T>(key: string): T | undefined { const v = this.data[key]; return v === undefined ? undefined : (JSON.parse(v) as T); }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.data[key]; else this.data[key] = JSON.stringify(value);
    return Promise.resolve();
  }
}

describe('hardening: bad credential inputs in the middle of a chat', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let saved: Record<string, string | undefined>;
  let seq = 0;

  const goodConfig = ['[default]', 'region = us-east-1', '[profile sso-dev]', `sso_start_url = ${SSO_URL}`, 'sso_region = us-east-1', 'sso_account_id = 123456789012', 'sso_role_name = Dev'].join('\n');

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, awsCredentials: [STATIC] });
    dir = mkdtempSync(join(tmpdir(), 'mantle-hardening-home-'));
    env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials') };
    // The SDK's SSO provider reads the default files of this process again, so it must see the same ones.
    saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
    Object.assign(process.env, env);
    writeFileSync(env.AWS_CONFIG_FILE!, goodConfig);
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, ['[static]', `aws_access_key_id = ${STATIC.accessKeyId}`, `aws_secret_access_key = ${STATIC.secretAccessKey}`].join('\n'));
  });
  afterEach(async () => {
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function profileClient(profile: string): MantleClient {
    const redactor = new Redactor();
    const credentials = createProfileCredentials(
      profile, { logger: captureLog().logger, redact: (s) => redactor.redact(s), addSecret: (s) => redactor.add(s), env },
    );
    return testClient({ baseURL: emu.url, auth: { mode: 'awsProfile', profile, credentials }, redactor }).client;
  }
  const runner = (mantle: MantleClient): TurnRunnerEnv => ({ mantle, apiFor: catalogApiFor, now: () => Date.now(), newId: () => `id${++seq}`, log: () => undefined });
  const hooks = { onThread: () => undefined, onDelta: () => undefined };
  const last = (t: Thread): Turn => t.turns[t.turns.length - 1] as Turn;

  const cases: { name: string; profile: string; breakIt: () => void; kind: string; message: RegExp; action: string }[] = [
    {
      name: 'a malformed ~/.aws/config',
      profile: 'dev',
      breakIt: () => writeFileSync(env.AWS_CONFIG_FILE!, '[profile dev\naws_access_key_id AKID\n=== garbage\n'),
      kind: 'config',
      message: /aws-config line 1 is neither a \[section\] nor "key = value"/,
      action: 'useAwsProfile',
    },
    {
      name: 'an unknown profile',
      profile: 'prod',
      breakIt: () => undefined,
      kind: 'config',
      message: /AWS profile 'prod' is not defined in .*aws-config or .*aws-credentials\. Profiles found: .*static/,
      action: 'useAwsProfile',
    },
    {
      name: 'an expired SSO session',
      profile: 'sso-dev',
      breakIt: () => {
        const cache = join(dir, '.aws', 'sso', 'cache');
        mkdirSync(cache, { recursive: true });
        writeFileSync(join(cache, `${createHash('sha1').update(SSO_URL).digest('hex')}.json`), JSON.stringify({ accessToken: 'old', expiresAt: new Date(Date.now() - 60_000).toISOString(), region: 'us-east-1', startUrl: SSO_URL }));
      },
      kind: 'ssoExpired',
      message: /aws sso login --profile sso-dev/,
      action: 'copySsoCommand',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: a clear message and its action, nothing sent, nothing lost, and Retry continues the chat`, async () => {
      const global = new JsonMemento();
      const store = new ThreadStore(new ThreadFiles(join(dir, 'threads'), { warn: () => undefined }), global as unknown as vscode.Memento, new JsonMemento() as unknown as vscode.Memento, () => undefined);
      let t = await runTurn(runner(profileClient('static')), createThread('th', GPT, 0), { prompt: 'My name is Alice and I like cats.', store: true }, hooks);
      const turn1 = t.turns[0] as Turn;
      assert.equal(turn1.status, 'done');

      c.breakIt();
      const sentBefore = emu.log.length;
      const prompt = 'What is my name and what do I like?';
      t = await runTurn(runner(profileClient(c.profile)), t, { prompt, store: true }, hooks);
      const failed = last(t);
      assert.equal(failed.status, 'error');
      assert.equal(failed.error?.kind, c.kind);
      assert.match(failed.error?.message ?? '', c.message);
      assert.ok(failed.error?.actions.includes(c.action), `actions: ${failed.error?.actions.join(', ')}`);
      assert.equal(failed.prompt, prompt, 'what was typed is kept on the failed turn');
      assert.equal(emu.log.length, sentBefore, 'nothing was sent');

      await store.save(t);
      const [reloaded] = store.loadAll();
      assert.ok(reloaded);
      assert.deepEqual(reloaded.turns[0], turn1, 'turn 1 survived');
      assert.equal(last(reloaded).prompt, prompt);
      assert.equal(chainHead(reloaded), turn1.responseId);

      // Fixed (back to the working profile): Retry sends the kept prompt again.
      writeFileSync(env.AWS_CONFIG_FILE!, goodConfig);
      const next = await runTurn(runner(profileClient('static')), reloaded, { prompt: last(reloaded).prompt, store: true }, hooks);
      assert.equal(last(next).status, 'done');
      assert.match(last(next).answer, /Alice/);
      assert.match(last(next).answer, /cats/);
      assert.equal((emu.log.at(-1)?.body as { previous_response_id?: string }).previous_response_id, turn1.responseId);
    });
  }
});
