// Attachments without the editor: budgets, secret and binary checks, token estimates, instruction-file discovery,
// the content parts each API gets, storage and export, and the composer's send-time checks.
import { strict as assert } from 'node:assert';
import { contentHash, estimateImageTokens } from '../../src/common/attachments/attachment';
import { binaryReason, boundedText, checkBudget, cutToTokens, DEFAULT_ATTACHMENT_LIMITS, looksBinary, readLimits, secretReason } from '../../src/common/attachments/budget';
import { AttachmentComposer, CHANGED_NOTE, parseAttachmentsView, type AttachmentSource } from '../../src/common/attachments/composer';
import { folderPlan, folderText, problemsText } from '../../src/common/attachments/gathered';
import { GitignoreRules } from '../../src/common/attachments/gitignore';
import { instructionCandidates, instructionsSettingPath, withWorkspaceInstructions } from '../../src/common/attachments/instructions';
import { attachmentParts, chatContent, messagesContent, responsesContent, textAttachmentBlock } from '../../src/common/attachments/render';
import { attachmentsMarkdown, readAttachments } from '../../src/common/attachments/stored';
import { catalogueVision, isImageRefusal, VisionKnowledge } from '../../src/common/attachments/vision';
import { catalogModelOptions, modelOption } from '../../src/common/chat/modelOptions';
import { MODEL_CATALOG } from '../../src/common/models/catalog';
import { planTurn } from '../../src/common/chat/plan';
import { exportThreadMarkdown } from '../../src/common/chat/exportMarkdown';
import { buildMessagesRequest } from '../../src/common/mantle/messagesRequest';
import { estimateTextTokens } from '../../src/common/lm/tokenEstimate';
import { addTurn, createThread, historyMessages, type Turn } from '../../src/common/threads/model';
import { parseStoredThread, serializeThread } from '../../src/common/threads/serialize';

const limits = { ...DEFAULT_ATTACHMENT_LIMITS, maxFileTokens: 100, maxTotalTokens: 300 };
const PNG = 'iVBORw0KGgo=';
const file = (text: string, path = 'src/app.ts') => boundedText({ id: 'a1', kind: 'file', label: 'app.ts', path, language: 'typescript', text }, limits);

describe('attachments: budgets and checks', () => {
  it('a small file is kept whole, with its token estimate and content hash', () => {
    const a = file('const x = 1;\n');
    assert.equal(a.text, 'const x = 1;\n');
    assert.equal(a.cutNote, undefined);
    assert.equal(a.tokens, estimateTextTokens('const x = 1;\n'));
    assert.equal(a.hash, contentHash('const x = 1;\n'));
  });

  it('a large file is cut at the per-file limit with a visible note that says how much was left out', () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} of the file`).join('\n');
    const a = file(text);
    assert.ok(a.text.length < text.length);
    assert.ok(text.startsWith(a.text));
    assert.ok(a.text.endsWith('file'), 'cut at a line end');
    assert.match(a.cutNote ?? '', /Cut to the first \d+ of 200 lines \(limit 100 tokens per attachment\)/);
    assert.ok(a.tokens <= 100 + estimateTextTokens(a.cutNote ?? ''));
    assert.equal(a.hash, contentHash(text), 'the hash is of the file as read, so a later change is noticed');
    assert.match(textAttachmentBlock(a), /\[Cut to the first/);
  });

  it('cutToTokens leaves text within the limit alone and cuts multi-byte text within the limit', () => {
    assert.deepEqual(cutToTokens('abc', 10), { text: 'abc', cut: false });
    const cjk = '漢'.repeat(1000);
    const r = cutToTokens(cjk, 50);
    assert.equal(r.cut, true);
    assert.ok(estimateTextTokens(r.text) <= 50);
  });

  it('binary files are refused by name, and text with NUL bytes is recognised as binary', () => {
    assert.match(binaryReason('assets/logo.PNG') ?? '', /logo\.png is a binary file/);
    assert.match(binaryReason('dist/app.wasm') ?? '', /binary/);
    assert.equal(binaryReason('src/app.ts'), undefined);
    assert.equal(binaryReason('Makefile'), undefined);
    assert.equal(looksBinary('abc\u0000def'), true);
    assert.equal(looksBinary('plain text'), false);
  });

  it('secret-looking names need confirmation: .env, .env.local, *.pem, *.key, id_rsa, .npmrc', () => {
    for (const p of ['.env', 'config/.env.local', 'certs/server.pem', 'tls.key', '/home/x/.ssh/id_rsa', 'id_ed25519', '.npmrc', 'C:\\repo\\.netrc']) {
      assert.match(secretReason(p) ?? '', /may hold secrets/, p);
    }
    for (const p of ['src/env.ts', 'README.md', '.envrc.md', 'keyboard.ts']) assert.equal(secretReason(p), undefined, p);
  });

  it('the budget check compares the total with the per-turn limit and the model window', () => {
    const a = file('x'.repeat(240)); // 80 tokens
    const ok = checkBudget([a], 10, 1000, limits);
    assert.deepEqual({ overTotal: ok.overTotal, overWindow: ok.overWindow, tokens: ok.tokens }, { overTotal: false, overWindow: false, tokens: a.tokens + 10 });
    const four = [a, { ...a, id: 'b' }, { ...a, id: 'c' }, { ...a, id: 'd' }];
    assert.equal(checkBudget(four, 0, 1000, limits).overTotal, true);
    assert.equal(checkBudget([a], 10, 50, limits).overWindow, true);
  });

  it('limits from settings are clamped; nonsense falls back to the defaults', () => {
    assert.deepEqual(readLimits({ maxFileTokens: 'x', maxTotalTokens: -5, maxImageBytes: 1e12 }), { maxFileTokens: DEFAULT_ATTACHMENT_LIMITS.maxFileTokens, maxTotalTokens: 100, maxImageBytes: 1_400_000 });
  });

  it('image tokens follow the pixel count; unknown sizes count as 1024×1024', () => {
    assert.equal(estimateImageTokens(750, 1), 1);
    assert.equal(estimateImageTokens(), Math.ceil((1024 * 1024) / 750));
  });

  it('the content hash is stable and differs when the text changes', () => {
    assert.equal(contentHash('abc'), contentHash('abc'));
    assert.notEqual(contentHash('abc'), contentHash('abd'));
    assert.equal(contentHash(''), 'cbf29ce484222325');
  });
});

describe('attachments: instruction files', () => {
  it('the setting must stay inside the workspace', () => {
    assert.deepEqual(instructionsSettingPath('docs/ai.md'), { ok: true, path: 'docs/ai.md' });
    assert.deepEqual(instructionsSettingPath('./docs/../AGENTS.md'), { ok: true, path: 'AGENTS.md' });
    assert.deepEqual(instructionsSettingPath('docs\\ai.md'), { ok: true, path: 'docs/ai.md' });
    for (const bad of ['/etc/passwd', '../secrets.md', 'docs/../../x', '~/.ssh/id_rsa', 'C:\\Users\\x\\a.md', 'file:///etc/passwd', '\\\\server\\share\\a.md']) {
      const r = instructionsSettingPath(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.reason, /must be a path inside the workspace folder/);
    }
  });

  it('candidates: the setting first, then AGENTS.md and .github/copilot-instructions.md; a refused setting is reported', () => {
    assert.deepEqual(instructionCandidates(''), ['AGENTS.md', '.github/copilot-instructions.md']);
    assert.deepEqual(instructionCandidates('docs/ai.md'), ['docs/ai.md', 'AGENTS.md', '.github/copilot-instructions.md']);
    const refused: string[] = [];
    assert.deepEqual(instructionCandidates('../x.md', (r) => refused.push(r)), ['AGENTS.md', '.github/copilot-instructions.md']);
    assert.equal(refused.length, 1);
  });

  it('the file joins the instructions after the extension’s own', () => {
    assert.equal(withWorkspaceInstructions(undefined, { path: 'AGENTS.md', text: 'Use tabs.' }), 'Instructions from the workspace file AGENTS.md:\nUse tabs.');
    assert.equal(withWorkspaceInstructions('Be brief.', undefined), 'Be brief.');
    assert.match(withWorkspaceInstructions('Be brief.', { path: 'AGENTS.md', text: 'Use tabs.' }) ?? '', /^Be brief\.\n\nInstructions from/);
  });
});

describe('attachments: content parts per API', () => {
  const img = { id: 'i', kind: 'image' as const, label: 'shot.png', mediaType: 'image/png' as const, data: PNG, tokens: 5, hash: 'h' };
  const parts = attachmentParts([file('let a = 1;'), img]);

  it('Chat Completions: text parts and image_url data URLs, the typed text last', () => {
    const c = chatContent('What is this?', parts);
    assert.equal(c.length, 3);
    assert.equal(c[0]?.type, 'text');
    assert.match((c[0] as { text: string }).text, /^Attached file: src\/app\.ts\n```typescript\nlet a = 1;\n```$/);
    assert.deepEqual(c[1], { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } });
    assert.deepEqual(c[2], { type: 'text', text: 'What is this?' });
  });

  it('Responses: input_text and input_image', () => {
    const c = responsesContent('Why?', parts);
    assert.deepEqual(c.map((p) => p.type), ['input_text', 'input_image', 'input_text']);
    assert.deepEqual(c[1], { type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'auto' });
  });

  it('Anthropic Messages: text and base64 image blocks, inside the request the builder makes', () => {
    assert.deepEqual(messagesContent('', parts)[1], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } });
    const body = buildMessagesRequest({ model: 'anthropic.claude-opus-4-7', api: 'messages', messages: [{ role: 'user', content: 'Look', parts }] }, undefined);
    const blocks = body.messages[0]?.content as { type: string }[];
    assert.deepEqual(blocks.map((b) => b.type), ['text', 'image', 'text']);
  });

  it('a fence inside the file cannot close the block', () => {
    const block = textAttachmentBlock(file('a\n```\nb'));
    assert.ok(block.includes('````typescript'));
  });
});

describe('attachments: threads, plans, storage and export', () => {
  const turn = (over: Partial<Turn>): Turn => ({ id: 't1', prompt: 'Explain', model: 'm', api: 'responses', stored: true, answer: 'ok', reasoning: '', status: 'done', responseId: 'resp_1', createdAt: 1, ...over });

  it('a turn sends its attachments as parts; a chained turn after it does not send them again', () => {
    const a = file('SECRET_SAUCE = 42');
    const first = planTurn({ thread: createThread('t', 'm', 0), prompt: 'Explain', model: 'm', api: 'responses', store: true, attachments: [a], instructions: 'Use tabs.' });
    assert.match(JSON.stringify(first.request.messages), /SECRET_SAUCE/);
    assert.equal(first.request.instructions, 'Use tabs.');
    const thread = addTurn(createThread('t', 'm', 0), turn({ attachments: [a] }), 1);
    const second = planTurn({ thread, prompt: 'And then?', model: 'm', api: 'responses', store: true });
    assert.equal(second.request.previousResponseId, 'resp_1');
    assert.ok(!JSON.stringify(second.request).includes('SECRET_SAUCE'));
    // A Chat Completions thread resends it with the history.
    const chat = planTurn({ thread, prompt: 'And then?', model: 'm', api: 'chat', store: true });
    assert.match(JSON.stringify(chat.request.messages), /SECRET_SAUCE/);
    assert.equal(historyMessages(thread)[0]?.parts?.length, 1);
  });

  it('attachments survive storage; a tampered one is dropped', () => {
    const a = file('x = 1');
    const img = { id: 'i', kind: 'image' as const, label: 'shot.png', mediaType: 'image/png' as const, data: PNG, width: 10, height: 5, tokens: 1, hash: 'h' };
    const bad = { id: 'b', kind: 'image', label: 'x', mediaType: 'image/svg+xml', data: PNG, hash: 'h' };
    const thread = addTurn(createThread('t', 'm', 0), turn({ attachments: [a, img, bad as never] }), 1);
    const back = parseStoredThread(JSON.parse(JSON.stringify(serializeThread(thread))));
    assert.deepEqual(back?.turns[0]?.attachments, [a, img]);
    assert.deepEqual(readAttachments([{ id: 'x', kind: 'file', label: 'l', hash: 'h', text: 1 }]), []);
  });

  it('the export shows text attachments as code blocks and images by name, with names made inert', () => {
    const a = boundedText({ id: 'a', kind: 'file', label: '[x](command:evil)', path: '[x](command:evil).ts', text: 'code()' }, limits);
    const img = { id: 'i', kind: 'image' as const, label: 'shot.png', mediaType: 'image/png' as const, data: PNG, width: 10, height: 5, tokens: 1, hash: 'h' };
    const md = exportThreadMarkdown(addTurn(createThread('t', 'm', 0), turn({ attachments: [a, img] }), 1), { includeReasoning: false });
    assert.match(md, /Attached file: xcommand:evil\.ts\n```\ncode\(\)\n```/);
    assert.match(md, /\*Image attached: shot\.png \(10×5\)\*/);
    assert.ok(!attachmentsMarkdown([a]).join('\n').includes(']('));
  });
});

describe('attachments: vision', () => {
  it('the catalogue hint, corrected by what the server says', () => {
    const v = new VisionKnowledge();
    assert.equal(v.accepts('qwen.qwen3-vl-235b-a22b-instruct'), true);
    assert.equal(v.accepts('openai.gpt-oss-120b'), false);
    v.learn('qwen.qwen3-vl-235b-a22b-instruct', false);
    assert.equal(v.accepts('qwen.qwen3-vl-235b-a22b-instruct'), false);
    assert.deepEqual(v.visionModels(['openai.gpt-oss-120b', 'google.gemma-3-27b-it']), ['google.gemma-3-27b-it']);
    assert.equal(isImageRefusal("The model 'qwen.qwen3-32b' does not support image input."), true);
    assert.equal(isImageRefusal('Failed to sanitize image'), true);
    assert.equal(isImageRefusal('model not found'), false);
  });
});

describe('attachments: .gitignore files in the pickers', () => {
  it('reads nested .gitignore files as git does: relative to their folder, the nearest first, ignored folders stay hidden', () => {
    const r = new GitignoreRules([{ dir: '', text: '*.log\nbuild/\n' }, { dir: 'src', text: 'generated/\n!keep.log\nsecret.ts\n' }, { dir: 'src/deep/', text: '*.tmp\n' }]);
    const cases: [string, boolean][] = [
      ['a.log', true], ['src/a.log', true], ['src/keep.log', false], ['keep.log', true], ['build/x.ts', true], ['src/build/x.ts', true],
      ['src/generated/a.ts', true], ['generated/a.ts', false], ['src/secret.ts', true], ['secret.ts', false], ['srcx/secret.ts', false],
      ['src/deep/x.tmp', true], ['src/x.tmp', false], ['.git/config', true], ['src/index.ts', false],
    ];
    for (const [p, ignored] of cases) assert.equal(r.ignores(p), ignored, p);
    // A file cannot be re-included from inside a folder that is ignored (git does not look inside it).
    assert.equal(new GitignoreRules([{ dir: '', text: 'out/\n' }, { dir: 'out', text: '!x.ts\n' }]).ignores('out/x.ts'), true);
  });
});

describe('attachments: vision in the catalogue', () => {
  it('the catalogue\'s `vision` field is what the chat reads: the 35 models the 2026-12 catalogue marks, aliases included', () => {
    const marked = MODEL_CATALOG.filter((m) => m.vision === true).map((m) => m.id);
    assert.equal(marked.length, 35);
    for (const m of MODEL_CATALOG) assert.equal(catalogueVision(m.id), m.vision === true, m.id);
    for (const id of ['qwen.qwen3-vl-235b-a22b-instruct', 'moonshotai.kimi-k2.5', 'google.gemma-3-27b-it', 'writer.palmyra-vision-7b', 'anthropic.claude-opus-4-8']) {
      assert.ok(marked.includes(id), id);
    }
    for (const id of ['openai.gpt-oss-120b', 'qwen.qwen3-coder-480b-a35b-instruct', 'deepseek.v3.1']) assert.equal(catalogueVision(id), false, id);
    for (const m of MODEL_CATALOG.filter((e) => e.aliasOf)) assert.equal(m.vision, MODEL_CATALOG.find((e) => e.id === m.aliasOf)?.vision, m.id);
  });

  it('the chat\'s model picker entries mark vision models', () => {
    assert.equal(modelOption('google.gemma-3-27b-it', 'chat', false).vision, true);
    assert.equal(modelOption('openai.gpt-oss-120b', 'responses', true).vision, undefined);
    assert.deepEqual(modelOption('openai.gpt-oss-120b', 'responses', true).efforts, ['low', 'medium', 'high']);
    assert.ok(catalogModelOptions().some((m) => m.id === 'qwen.qwen3-vl-235b-a22b-instruct' && m.vision));
  });

  it('the webview keeps at most 3 offered models, as short strings', () => {
    const v = parseAttachmentsView({ chips: [], tokens: 0, window: 0, maxTotal: 0, visionModels: ['a', 7, 'b', '', 'c', 'd', 'x'.repeat(500)] });
    assert.deepEqual(v.visionModels, ['a', 'b', 'c']);
  });
});

describe('attachments: the composer', () => {
  function setup(opts: { confirm?: boolean; gathered?: { label: string; path: string; text: string }[] } = {}) {
    const notices: string[] = [];
    const asked: unknown[] = [];
    let n = 0;
    const source: AttachmentSource = {
      gather: async () => ({ items: (opts.gathered ?? [{ label: 'a.ts', path: 'a.ts', text: 'a' }]).map((g) => ({ kind: 'file' as const, ...g })) }),
      instructions: async () => ({ path: 'AGENTS.md', text: 'Use tabs.' }),
      limits: () => limits,
      confirmOverBudget: async (c) => { asked.push(c); return opts.confirm ?? false; },
    };
    const c = new AttachmentComposer({ source, vision: new VisionKnowledge(), windowFor: () => 32_768, newId: () => `id${++n}`, notice: (t) => notices.push(t), changed: () => undefined, models: () => ['openai.gpt-oss-120b', 'google.gemma-3-27b-it'] });
    return { c, notices, asked };
  }

  it('attach, show chips with token sizes, remove before sending', async () => {
    const { c } = setup();
    await c.attach('file');
    await c.attach('nonsense');
    const v = c.view('openai.gpt-oss-120b');
    assert.equal(v.chips.length, 1);
    assert.equal(v.chips[0]?.label, 'a.ts');
    assert.equal(v.window, 32_768);
    c.remove(v.chips[0]?.id ?? '');
    assert.equal(c.view('m').chips.length, 0);
  });

  it('the instruction file is sent unless switched off, and shown as a chip either way', async () => {
    const { c } = setup();
    const on = await c.takeForSend('m', 'hi');
    assert.deepEqual(on.ok && on.instructions, { path: 'AGENTS.md', text: 'Use tabs.' });
    assert.equal(c.view('m').instructions?.on, true);
    c.setInstructions(false);
    const off = await c.takeForSend('m', 'hi');
    assert.equal(off.ok && off.instructions, undefined);
    assert.equal(c.view('m').instructions?.on, false);
  });

  it('a pending file chip says when its file was saved with other content after it was attached', async () => {
    const disk = new Map([['src/a.ts', 'const a = 1;\n']]);
    let repaints = 0;
    const source: AttachmentSource = {
      gather: async () => ({ items: [{ kind: 'file', label: 'a.ts', path: 'src/a.ts', text: disk.get('src/a.ts') ?? '' }] }),
      instructions: async () => undefined, limits: () => limits, confirmOverBudget: async () => false,
      currentHash: async (p) => (disk.has(p) ? contentHash(disk.get(p) ?? '') : undefined),
    };
    const c = new AttachmentComposer({ source, vision: new VisionKnowledge(), windowFor: () => 32_768, newId: () => 'f1', notice: () => undefined, changed: () => { repaints++; }, models: () => [] });
    await c.attach('file');
    await c.checkChanged();
    assert.equal(c.view('m').chips[0]?.note, undefined, 'unchanged: no note');
    const before = repaints;
    disk.set('src/a.ts', 'const a = 2;\n');
    await c.checkChanged();
    assert.equal(c.view('m').chips[0]?.note, CHANGED_NOTE);
    assert.equal(repaints, before + 1, 'the chips are repainted once');
    await c.checkChanged();
    assert.equal(repaints, before + 1, 'no repaint when nothing more changed');
    disk.set('src/a.ts', 'const a = 1;\n');
    await c.checkChanged();
    assert.equal(c.view('m').chips[0]?.note, undefined, 'changed back: the note goes');
    disk.delete('src/a.ts');
    await c.checkChanged();
    assert.equal(c.view('m').chips[0]?.note, undefined, 'an unreadable file is not called changed');
  });

  it('an image never goes to a model that does not read images; the composer says so and names vision models', async () => {
    const { c } = setup();
    c.attachImage({ name: 'shot.png', mediaType: 'image/png', data: PNG, width: 100, height: 100 });
    const v = c.view('openai.gpt-oss-120b');
    assert.match(v.warning ?? '', /does not read images.*google\.gemma-3-27b-it/);
    assert.equal(v.vision, false);
    assert.deepEqual(v.visionModels, ['google.gemma-3-27b-it'], 'the warning offers the vision models to switch to');
    assert.deepEqual(parseAttachmentsView(v).visionModels, ['google.gemma-3-27b-it'], 'and they reach the webview');
    assert.equal(c.view('google.gemma-3-27b-it').visionModels, undefined, 'nothing to offer when the model reads images');
    const r = await c.takeForSend('openai.gpt-oss-120b', 'what is it');
    assert.equal(r.ok, false);
    assert.equal(c.list.length, 1, 'nothing is lost');
    const ok = await c.takeForSend('google.gemma-3-27b-it', 'what is it');
    assert.equal(ok.ok && ok.attachments[0]?.kind, 'image');
    assert.equal(c.list.length, 0);
  });

  it('images with another type, non-base64 data or over the size limit are refused with a message', () => {
    const { c, notices } = setup();
    c.attachImage({ name: 'a.svg', mediaType: 'image/svg+xml', data: PNG, width: 1, height: 1 });
    c.attachImage({ name: 'b.png', mediaType: 'image/png', data: 'not base64!', width: 1, height: 1 });
    c.attachImage({ name: 'c.png', mediaType: 'image/png', data: 'A'.repeat(1_900_000), width: 1, height: 1 });
    assert.equal(c.list.length, 0);
    assert.equal(notices.length, 3);
    assert.match(notices[2] ?? '', /limited to 1\.4 MB/);
  });

  it('over budget, the person chooses: declining keeps the attachments, accepting sends them', async () => {
    const big = Array.from({ length: 5 }, (_, i) => ({ label: `f${i}`, path: `f${i}`, text: 'y'.repeat(290) }));
    const declined = setup({ gathered: big });
    await declined.c.attach('file');
    assert.match(declined.c.view('m').warning ?? '', /over the limit of 300 per turn/);
    assert.deepEqual(await declined.c.takeForSend('m', 'go'), { ok: false });
    assert.equal(declined.asked.length, 1);
    assert.equal(declined.c.list.length, 5);
    const accepted = setup({ gathered: big, confirm: true });
    await accepted.c.attach('file');
    const r = await accepted.c.takeForSend('m', 'go');
    assert.equal(r.ok && r.attachments.length, 5);
  });
});

describe('attachments: problems and folders', () => {
  it('problems come with their line of code and neighbours, errors first', () => {
    const text = problemsText('src/a.ts', [
      { line: 3, severity: 'warning', message: 'unused', source: 'eslint', code: 'no-unused-vars' },
      { line: 1, severity: 'error', message: "Cannot find name 'y'.", source: 'ts', code: '2304' },
    ], ['let x = y;', 'const a = 1;', 'const b = 2;']);
    assert.equal(text, [
      "src/a.ts:1 error (ts 2304): Cannot find name 'y'.", '>    1 | let x = y;', '     2 | const a = 1;', '',
      'src/a.ts:3 warning (eslint no-unused-vars): unused', '     2 | const a = 1;', '>    3 | const b = 2;',
    ].join('\n'));
  });

  it('a folder reads its text files and lists binary and secret-looking ones as left out, unread', () => {
    const plan = folderPlan(['src/b.ts', 'src/.env', 'src/a.ts', 'src/logo.png']);
    assert.deepEqual(plan, { read: ['src/a.ts', 'src/b.ts'], skipped: ['src/.env', 'src/logo.png'] });
    assert.equal(folderText([{ path: 'src/a.ts', text: 'a\n' }], plan.skipped), '--- src/a.ts ---\na\n\n--- left out (binary or may hold secrets): src/.env, src/logo.png ---');
  });
});
