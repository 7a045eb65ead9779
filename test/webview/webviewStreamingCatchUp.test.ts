// The chat webview's paced streaming render (src/webview/streamingAnswer.ts) in the real bundle and real Chromium:
// text that arrives faster than a frame's budget is shown over several frames (the answer carries `data-pending`
// meanwhile) instead of in one long task, and the answer still ends exactly as the same text rendered whole — also
// when more deltas and the final `state` arrive while it is catching up. A finished answer is then kept as it is by
// later `state` rebuilds, not rendered again. A code block whose grammar is still to compile does not open and close
// within one paint (the compile runs in a task of its own meanwhile).
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import type { Thread, Turn, TurnStatus } from '../../src/common/threads/model';
import { longReply } from '../emulator/longReply';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite, threadState } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';
const ID = 'catch-up';
const TURN = `${ID}-turn`;
/** About 100,000 characters: more than the first few paints render (1,000 characters, at most doubling per frame). */
const BIG = `# A long answer\n\n${longReply(25_000)}\n\n\`\`\`ts\nexport const last = 1;\n\`\`\`\n`;

function turn(id: string, answer: string, status: TurnStatus): Turn {
  return { id, prompt: `Prompt of ${id}`, model: MODEL, api: 'responses', answer, reasoning: '', status, createdAt: 1 };
}

function state(turns: Turn[]): HostMessage {
  const t: Thread = { id: ID, title: 'catch-up', model: MODEL, createdAt: 1, updatedAt: 2, turns };
  return threadState(t, MODEL);
}

describe('webview: a fast stream is shown over several frames (Chromium, real bundle)', function () {
  this.timeout(120_000);
  const h = chatWebviewForSuite();
  const post = (m: HostMessage) => h.page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const delta = (text: string) => post({ type: 'delta', threadId: ID, turnId: TURN, text, reasoning: '' });
  const answerHtml = () => h.page.evaluate(() => document.querySelector('.msg.assistant .answer')?.innerHTML ?? '');
  const shown = () => h.page.evaluate(() => {
    const el = document.querySelector('.msg.assistant .answer');
    return { chars: el?.textContent?.length ?? 0, pending: el?.hasAttribute('data-pending') ?? false };
  });
  /** The real signal that the answer shows all of its text: no answer is still catching up. */
  const caughtUp = () => h.page.waitForFunction(() => !document.querySelector('.answer[data-pending]'), undefined, { polling: 'raf', timeout: 60_000 });

  async function whole(answer: string): Promise<string> {
    await h.open();
    await post(state([turn(TURN, answer, 'done')]));
    await settled(h.page);
    return answerHtml();
  }

  it('a long text arriving at once is shown over several frames, and ends identical to a whole render', async () => {
    await h.open();
    await post(state([turn(TURN, '', 'streaming')]));
    await delta(BIG);
    await settled(h.page);
    const partly = await shown();
    assert.ok(partly.pending, 'the answer says it is still catching up');
    assert.ok(partly.chars > 0, 'the first part is shown at once');
    const full = await whole(BIG).then(async (html) => { await h.open(); return html; });
    assert.ok(partly.chars < full.length / 2, `${partly.chars} characters shown after two frames: not paced`);
    await post(state([turn(TURN, '', 'streaming')]));
    await delta(BIG);
    await post(state([turn(TURN, BIG, 'done')]));
    await caughtUp();
    assert.equal(await answerHtml(), full);
    assert.deepEqual((await h.findings()).pageErrors, []);
  });

  it('deltas and the final state that arrive while it catches up are neither lost nor reordered', async () => {
    const tail = ['\n\nFirst tail paragraph.', '\n\n- second', ' tail item\n- third tail item', '\n\n```py\nprint("last")\n```\n\nThe end.'];
    const answer = BIG + tail.join('');
    const expected = await whole(answer);
    await h.open();
    await post(state([turn(TURN, '', 'streaming')]));
    await delta(BIG);
    for (const t of tail) {
      await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      assert.ok((await shown()).pending, 'still catching up when the next delta arrives');
      await delta(t);
    }
    await post(state([turn(TURN, answer, 'done')]));
    assert.ok((await shown()).pending, 'the final state arrived while catching up');
    await caughtUp();
    assert.equal(await answerHtml(), expected);
  });

  it('a code block that opens and closes within one paint waits at its opening line while its grammar compiles', async () => {
    // Kotlin: a language nothing on this fresh page has highlighted yet, so its grammar is still to compile.
    const answer = 'Before the code.\n\n```kotlin\nfun main() = println("hi")\n```\n\nAfter the code.\n';
    const expected = await whole(answer);
    await h.open();
    await post(state([turn(TURN, '', 'streaming')]));
    // The first paint happens in the animation frame after the delta arrives; this page's own frame callback, asked for
    // after the view's, reads what that paint left.
    const first = await h.page.evaluate((m) => new Promise<{ text: string; code: number; coloured: number; pending: boolean }>((resolve) => {
      window.addEventListener('message', () => requestAnimationFrame(() => {
        const el = document.querySelector('.msg.assistant .answer');
        resolve({
          text: el?.textContent ?? '', code: el?.querySelectorAll('pre code').length ?? 0,
          coloured: el?.querySelectorAll('pre code [class^="hljs-"]').length ?? 0, pending: el?.hasAttribute('data-pending') ?? false,
        });
      }), { once: true });
      window.postMessage(m, '*');
    }), { type: 'delta', threadId: ID, turnId: TURN, text: answer, reasoning: '' } as HostMessage);
    assert.ok(first.text.includes('Before the code.'), 'the text before the block is shown at once');
    assert.equal(first.code, 1, 'the block is open on screen');
    assert.equal(first.coloured, 0, 'uncoloured while its grammar compiles');
    assert.ok(!first.text.includes('After the code.'), `the first paint went past the block's opening line: ${JSON.stringify(first.text)}`);
    assert.ok(first.pending, 'the rest follows in later frames');
    await post(state([turn(TURN, answer, 'done')]));
    await caughtUp();
    assert.equal(await answerHtml(), expected);
    assert.ok(await h.page.evaluate(() => document.querySelectorAll('.msg.assistant .answer pre code [class^="hljs-"]').length > 0), 'highlighted once final');
  });

  it('a finished answer is kept as it is by later states (not rendered again)', async () => {
    await h.open();
    await post(state([turn(TURN, '', 'streaming')]));
    await delta(BIG);
    await post(state([turn(TURN, BIG, 'done')]));
    await caughtUp();
    await h.page.evaluate(() => { (document.querySelector('.msg.assistant .answer') as unknown as { __kept: boolean }).__kept = true; });
    // The next turn starts, streams and ends: three more states rebuild the transcript around the first answer.
    await post(state([turn(TURN, BIG, 'done'), turn('next', '', 'streaming')]));
    await post({ type: 'delta', threadId: ID, turnId: 'next', text: 'A short second answer.', reasoning: '' });
    await post(state([turn(TURN, BIG, 'done'), turn('next', 'A short second answer.', 'done')]));
    await caughtUp();
    await settled(h.page);
    const kept = await h.page.evaluate(() => (document.querySelector('.msg.assistant .answer') as unknown as { __kept?: boolean } | null)?.__kept === true);
    assert.ok(kept, 'the first answer was rendered again');
    const answers = await h.page.evaluate(() => Array.from(document.querySelectorAll('.msg.assistant .answer')).map((e) => e.textContent?.length ?? 0));
    assert.equal(answers.length, 2);
    assert.equal(await h.page.evaluate(() => document.querySelectorAll('.msg.assistant .answer .code-block .code-bar [data-action="insertCode"]').length > 0), true, 'code blocks keep their buttons');
  });
});
