// The chat webview's incremental streaming render (src/webview/streamingAnswer.ts) in the real bundle and real
// Chromium: an answer streamed in small deltas ends up exactly as the same answer rendered whole, the blocks that
// were complete stay the same DOM nodes while more text arrives and across the final `state` rebuild, and the
// transcript stays scrolled to the end while it grows.
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import type { Thread, TurnStatus } from '../../src/common/threads/model';
import { longReply } from '../emulator/longReply';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite, threadState } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';
const ID = 'stream-render';

const ANSWER = [
  '# Streaming check\n\nFirst paragraph with *emphasis*, `code` and [a reference][ref].\n',
  '- one\n- two\n\n- three, so the list is loose\n',
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n',
  '```ts\nconst x: number = 1;\n\n\nexport function f() { return x; }\n```\n',
  '> a quote\nwith a lazy line\n\n<div onclick="x()">raw html shown as text</div>\n',
  longReply(1_200),
  '\n\nThe end.',
].join('\n');
/** A reference definition after its use: when it completes, the blocks before it are rendered again. */
const WITH_DEFINITION = `${ANSWER}\n\n[ref]: https://example.com/ref "Ref"\n\nAfter the definition.`;

function thread(answer: string, status: TurnStatus): Thread {
  return {
    id: ID, title: 'stream', model: MODEL, createdAt: 1, updatedAt: 2,
    turns: [{ id: `${ID}-turn`, prompt: 'Write a long answer', model: MODEL, api: 'responses', answer, reasoning: '', status, createdAt: 1 }],
  };
}

function state(t: Thread): HostMessage {
  return threadState(t, MODEL);
}

describe('webview: incremental streaming render (Chromium, real bundle)', function () {
  this.timeout(120_000);
  const h = chatWebviewForSuite();
  const post = (m: HostMessage) => h.page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const answerHtml = () => h.page.evaluate(() => document.querySelector('.msg.assistant .answer')?.innerHTML ?? '');


  /** Streams `answer` in deltas of 23 characters, as the host's batcher would send them; returns whether the heading was tagged. */
  async function stream(answer: string): Promise<boolean> {
    await h.open();
    await post(state(thread('', 'streaming')));
    let marked = false;
    for (let i = 0; i < answer.length; i += 23) {
      await post({ type: 'delta', threadId: ID, turnId: `${ID}-turn`, text: answer.slice(i, i + 23), reasoning: '' });
      if (i % 230 !== 0) continue;
      await settled(h.page);
      // Once the heading is final (a later block started), tag its element: it must survive everything after this.
      if (!marked && i > 200) {
        marked = await h.page.evaluate(() => {
          const el = document.querySelector('.msg.assistant .answer h1');
          if (el) (el as unknown as { __kept: boolean }).__kept = true;
          return !!el;
        });
      }
    }
    await settled(h.page);
    return marked;
  }

  /** The same answer rendered whole, from a `state` of the finished turn in a fresh page. */
  async function whole(answer: string): Promise<string> {
    await h.open();
    await post(state(thread(answer, 'done')));
    await settled(h.page);
    return answerHtml();
  }

  it('ends identical to a whole render, keeps finished blocks as they are, and follows the end while it grows', async () => {
    assert.ok(await stream(ANSWER), 'the heading was rendered while streaming');
    const pinned = await h.page.evaluate(() => {
      const t = document.querySelector('.transcript') as HTMLElement;
      return { overflow: t.scrollHeight > t.clientHeight, gap: t.scrollHeight - t.scrollTop - t.clientHeight };
    });
    assert.ok(pinned.overflow, 'the answer is taller than the view');
    assert.ok(pinned.gap < 60, `the view is ${pinned.gap}px above the end of the growing answer`);
    await post(state(thread(ANSWER, 'done')));
    await settled(h.page);
    const kept = await h.page.evaluate(() => (document.querySelector('.msg.assistant .answer h1') as unknown as { __kept?: boolean } | null)?.__kept === true);
    assert.ok(kept, 'the finished heading was rendered again instead of kept');
    const streamed = await answerHtml();
    const expected = await whole(ANSWER);
    assert.ok(expected.includes('class="code-block"'), 'code blocks carry their bar');
    assert.equal(streamed, expected);
    assert.deepEqual((await h.findings()).pageErrors, []);
  });

  it('ends identical to a whole render when a reference definition comes after its use', async () => {
    await stream(WITH_DEFINITION);
    await post(state(thread(WITH_DEFINITION, 'done')));
    await settled(h.page);
    const streamed = await answerHtml();
    const expected = await whole(WITH_DEFINITION);
    assert.ok(expected.includes('<a href="https://example.com/ref" title="Ref">a reference</a>'), 'the reference link resolves');
    assert.equal(streamed, expected);
  });
  it('a code block still streaming in is shown uncoloured, and highlighted once it is final', async () => {
    await h.open();
    await post(state(thread('', 'streaming')));
    const send = (text: string) => post({ type: 'delta', threadId: ID, turnId: `${ID}-turn`, text, reasoning: '' });
    await send('Intro.\n\n```ts\nexport const x: number = 1;\n');
    await settled(h.page);
    const open = await h.page.evaluate(() => {
      const code = document.querySelector('.msg.assistant .answer pre code');
      return { text: code?.textContent ?? '', coloured: code?.querySelectorAll('[class^="hljs-"]').length ?? -1 };
    });
    assert.match(open.text, /export const x: number = 1;/);
    assert.equal(open.coloured, 0, 'an open fence is not highlighted on every frame');
    await send('```\n\nAfter the code.');
    await settled(h.page);
    const closed = await h.page.evaluate(() => document.querySelectorAll('.msg.assistant .answer pre code .hljs-keyword').length);
    assert.ok(closed > 0, 'the closed block is highlighted');
  });

  it('a long answer is kept in chunks; the full ones off screen are skipped by layout (content-visibility), the last full one is not', async () => {
    await stream(ANSWER);
    const chunks = await h.page.evaluate(() => Array.from(document.querySelectorAll('.msg.assistant .answer > .md-chunk')).map((c) => ({
      sealed: c.classList.contains('sealed'), blocks: c.childElementCount, visibility: getComputedStyle(c).getPropertyValue('content-visibility'),
    })));
    assert.ok(chunks.length > 2, `${chunks.length} chunks`);
    for (const c of chunks.slice(0, -2)) assert.deepEqual(c, { sealed: true, blocks: 20, visibility: 'auto' });
    // The chunk just filled is sealed only when the one after the next starts: sealed while still on screen, the
    // browser would style and lay it out a second time in that frame.
    assert.deepEqual(chunks.at(-2), { sealed: false, blocks: 20, visibility: 'visible' });
    const last = chunks.at(-1);
    assert.equal(last?.sealed, false);
    // Everything the answer shows is inside its chunks (nothing left outside once the stream ended).
    await post(state(thread(ANSWER, 'done')));
    await settled(h.page);
    const outside = await h.page.evaluate(() => Array.from(document.querySelector('.msg.assistant .answer')?.children ?? []).filter((c) => !c.classList.contains('md-chunk')).length);
    assert.equal(outside, 0);
  });
});
