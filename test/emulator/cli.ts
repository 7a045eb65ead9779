// `npm run emulator -- [flags]`: runs the Mantle emulator in the foreground until Ctrl+C.
import { parseArgs } from 'node:util';
import { POPULATIONS, RETENTION_MODES, type Population, type RetentionMode } from './models';
import { DEFAULT_API_KEY, DEFAULT_AWS_CREDENTIALS, startEmulator } from './server';

const HELP = `Usage: npm run emulator -- [options]

  --port N                       port to listen on (default 4010; 0 = any free port)
  --host H                       interface (default 127.0.0.1)
  --api-key KEY                  accepted Bearer key (repeatable; default ${DEFAULT_API_KEY})
  --aws-access-key-id ID         SigV4 access key id (default ${DEFAULT_AWS_CREDENTIALS.accessKeyId})
  --aws-secret-access-key SECRET SigV4 secret (default ${DEFAULT_AWS_CREDENTIALS.secretAccessKey})
  --region R                     region expected in the SigV4 scope (default us-east-1)
  --accept-sigv4-service S       SigV4 scope service accepted besides bedrock-mantle (repeatable; default bedrock)
  --catalogue C                  march-2026 (default, 38 models on /v1) or december-2026 (61, all route families)
  --berm                         answer /openai/v1 models on /v1 with 401 "Berm is not enabled for this account"
  --openai-models M              GET /openai/v1/models: not-found (default) or mirror
  --retention-mode M             none | default (default) | aws_review | provider_data_share
  --runtime                      play bedrock-runtime's OpenAI endpoint (/openai/v1, runtime ids, SigV4 service bedrock)
  --token-delay-ms N             delay between streamed tokens (default 12)
  --first-token-delay-ms N       delay before the first token (default 150)
  --help                         this text`;

function num(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} must be a non-negative number`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      'aws-access-key-id': { type: 'string' },
      'aws-secret-access-key': { type: 'string' },
      region: { type: 'string' },
      'accept-sigv4-service': { type: 'string', multiple: true },
      'token-delay-ms': { type: 'string' },
      'first-token-delay-ms': { type: 'string' },
      catalogue: { type: 'string' },
      berm: { type: 'boolean' },
      'openai-models': { type: 'string' },
      'retention-mode': { type: 'string' },
      runtime: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const apiKeys = values['api-key'] ?? [DEFAULT_API_KEY];
  const accessKeyId = values['aws-access-key-id'] ?? DEFAULT_AWS_CREDENTIALS.accessKeyId;
  const region = values.region ?? 'us-east-1';
  const runtime = values.runtime === true;
  const services = runtime
    ? values['accept-sigv4-service'] ?? ['bedrock']
    : ['bedrock-mantle', ...(values['accept-sigv4-service'] ?? ['bedrock']).filter((s) => s !== 'bedrock-mantle')];
  const population = values.catalogue ?? 'march-2026';
  if (!(population in POPULATIONS)) throw new Error(`--catalogue must be one of ${Object.keys(POPULATIONS).join(', ')}`);
  const openaiModels = values['openai-models'] ?? 'not-found';
  if (openaiModels !== 'not-found' && openaiModels !== 'mirror') throw new Error('--openai-models must be not-found or mirror');
  const retentionMode = values['retention-mode'] ?? 'default';
  if (!RETENTION_MODES.includes(retentionMode as RetentionMode)) throw new Error(`--retention-mode must be one of ${RETENTION_MODES.join(', ')}`);
  const emu = await startEmulator({
    port: num(values.port, 4010, '--port'),
    host: values.host ?? '127.0.0.1',
    apiKeys,
    awsCredentials: [{ accessKeyId, secretAccessKey: values['aws-secret-access-key'] ?? DEFAULT_AWS_CREDENTIALS.secretAccessKey }],
    acceptSigV4Services: services,
    region,
    tokenDelayMs: num(values['token-delay-ms'], 12, '--token-delay-ms'),
    firstTokenDelayMs: num(values['first-token-delay-ms'], 150, '--first-token-delay-ms'),
    population: population as Population,
    bermOnV1: values.berm === true,
    openaiModels,
    retentionMode: retentionMode as RetentionMode,
    endpoint: runtime ? 'runtime' : 'mantle',
  });
  const key = apiKeys[0];
  const admin = emu.url.replace(/\/v1$/, '/__emulator');
  // This is a local test server: printing its own (test) keys is what makes it usable.
  console.log(`Mantle emulator listening on ${emu.url}

  VS Code extension:  set "bedrockMantle.endpoint": "${emu.url}" in your user settings, then run
                      "Bedrock Mantle: Set API Key" with ${key}
                      (or start VS Code with AWS_BEARER_TOKEN_BEDROCK=${key}).
                      For SigV4, use an AWS profile with ${accessKeyId} / <secret> and region ${region}.
  openai SDK:         new OpenAI({ apiKey: '${key}', baseURL: '${emu.url}', organization: null, project: null })
  curl:               curl ${emu.url}/models -H 'Authorization: Bearer ${key}'
                      curl ${emu.url}/chat/completions --aws-sigv4 'aws:amz:${region}:bedrock-mantle' \\
                        --user '${accessKeyId}:<secret>' -H 'content-type: application/json' \\
                        -d '{"model":"openai.gpt-oss-20b","messages":[{"role":"user","content":"hello"}]}'
  Admin (no auth):    ${admin}/health  ${admin}/log  POST ${admin}/faults
  SigV4 services:     ${services.join(', ')}
  Catalogue:          ${population}${values.berm ? ' (Berm 401 on /v1 for /openai/v1 models)' : ''}; other route families under ${emu.origin}/openai/v1 and ${emu.origin}/anthropic

Press Ctrl+C to stop.`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log('\nStopping the emulator…');
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`emulator: ${(e as Error).message}`);
  process.exit(1);
});
