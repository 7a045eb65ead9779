// A long, Markdown-shaped reply of an exact token count, for load tests and streaming benchmarks. It cycles a fixed set
// of paragraphs so it is deterministic and cheap even for tens of thousands of tokens.
import { countTokens, splitTokens } from './tokens';

const SECTIONS = [
  '\n\n## Overview\n\nServerless platforms let a team ship features without managing machines. Capacity follows demand, and you pay for what runs rather than for what idles.',
  '\n\nThe trade-off is control: cold starts, execution limits and vendor-specific tooling shape how an application is built. Good designs keep handlers small and push state into managed stores.',
  '\n\n### Key points\n\n- Scale to zero when nothing happens.\n- Pay per request and per millisecond.\n- Let the provider patch the runtime.',
  '\n\nObservability matters more than usual, because there is no box to log in to. Structured logs, traces and metrics with a request id tie each step together.',
  '\n\n```ts\nexport async function handler(event: { name: string }): Promise<string> {\n  return `Hello, ${event.name}`;\n}\n```',
  '\n\nTesting follows the same shape: pure functions get fast unit tests, and a thin integration layer checks the wiring against an emulator before anything reaches the cloud.',
];

const SECTION_TOKENS = SECTIONS.map(countTokens);

export function longReply(tokens: number): string {
  const parts: string[] = [];
  let approx = 0;
  for (let i = 0; approx < tokens + 8; i++) {
    const section = SECTIONS[i % SECTIONS.length];
    parts.push(section);
    approx += SECTION_TOKENS[i % SECTIONS.length]; // every section starts with whitespace, so counts add up
  }
  return splitTokens(parts.join('')).slice(0, tokens).join('').trim();
}
