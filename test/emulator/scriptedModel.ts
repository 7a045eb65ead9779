// The emulator's deterministic "model". Its reply depends only on the conversation the server actually assembled
// (messages, or stored history rebuilt from previous_response_id), so tests can observe statefulness: what the model
// "remembers" is exactly what reached it.
import { answerCodeRequest, detectCodeRequest } from './codeTasks';
import { answerFillInMiddle, detectFillInMiddle } from './fillInMiddle';
import { longReply } from './longReply';

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';
export interface Turn { role: Role; text: string }
export type Effort = 'low' | 'medium' | 'high';
export interface Reply { reasoning: string; text: string }

export interface ReplyOptions {
  model: string;
  reasoning: boolean;
  effort: Effort;
}

/** Sentences of reasoning kept per effort level: more effort, more (visible) thinking. */
const REASONING_SENTENCES: Record<Effort, number> = { low: 1, medium: 3, high: 7 };

interface Draft { thoughts: string[]; text: string }

export function scriptedReply(conversation: Turn[], opts: ReplyOptions): Reply {
  const draft = draftReply(conversation, opts);
  if (!opts.reasoning) return { reasoning: '', text: draft.text };
  const thoughts = [...draft.thoughts, ...GENERIC_THOUGHTS].slice(0, REASONING_SENTENCES[opts.effort]);
  return { reasoning: thoughts.join(' '), text: draft.text };
}

const GENERIC_THOUGHTS = [
  'I should keep the answer accurate and to the point.',
  'Formatting it as short Markdown will make it easy to read.',
  'There is no need for tools here.',
  'Let me double-check that nothing in the request is ambiguous.',
  'I will avoid repeating the question back verbatim.',
  'The final answer can follow now.',
];

function lastUserText(conversation: Turn[]): string | undefined {
  for (let i = conversation.length - 1; i >= 0; i--) if (conversation[i].role === 'user') return conversation[i].text;
  return undefined;
}

function draftReply(conversation: Turn[], opts: ReplyOptions): Draft {
  if (conversation.at(-1)?.role === 'tool') return answerFromTools(conversation);
  const prompt = (lastUserText(conversation) ?? '').trim();
  if (!prompt) return emptyPrompt();

  // Autocomplete's hole filling: code with a marked cursor (its words must not be read as any other request).
  const fim = detectFillInMiddle(prompt);
  if (fim) return { thoughts: ['The user wants only the code that fills the marked hole.'], text: answerFillInMiddle(fim) };

  const tokens = requestedTokens(prompt);
  if (tokens !== undefined) {
    return { thoughts: [`The user wants a long answer of about ${tokens} tokens.`, 'I will write several Markdown paragraphs.'], text: longReply(tokens) };
  }

  // Code first: a snippet may well contain a string like "my name is".
  const code = detectCodeRequest(prompt);
  if (code) return answerCodeRequest(code);

  const facts = rememberedFacts(conversation);
  if (/\bwhat(?:'s| is) my name\b|\bwhat do i (?:like|love|enjoy)\b|\bwho am i\b/i.test(prompt)) return recall(facts);
  if (/\bmy name is\b|\bi (?:really )?(?:like|love|enjoy)\b/i.test(prompt)) return acknowledge(facts);

  if (/^(hi|hello|hey|good (morning|afternoon|evening))\b/i.test(prompt)) {
    return { thoughts: ['The user is greeting me.', 'A friendly, short greeting back is appropriate.'], text: `Hello! I'm the scripted model behind the Mantle emulator (answering as ${opts.model}). How can I help you today?` };
  }
  return echo(prompt, conversation, opts.model);
}

/** "reply with 500 tokens", "write 2000 tokens", "respond in about 800 tokens". */
export function requestedTokens(prompt: string): number | undefined {
  const m = /\b(?:reply|respond|answer|write|generate|produce|give|output|say)\b[^.\n]{0,40}?\b(\d[\d,_]*)\s*(?:output\s+)?tokens?\b/i.exec(prompt);
  if (!m) return undefined;
  const n = Number(m[1].replace(/[,_]/g, ''));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 200_000) : undefined;
}

interface Facts { name?: string; likes?: string }

function rememberedFacts(conversation: Turn[]): Facts {
  const facts: Facts = {};
  for (const turn of conversation) {
    if (turn.role !== 'user') continue;
    const name = /\bmy name is\s+([A-Za-z][\w'-]*)/i.exec(turn.text);
    if (name) facts.name = name[1];
    const likes = /\bI (?:really )?(?:like|love|enjoy)\s+([^.,!?\n]+)/i.exec(turn.text);
    if (likes) facts.likes = likes[1].trim();
  }
  return facts;
}

function recall(facts: Facts): Draft {
  if (facts.name && facts.likes) {
    return { thoughts: [`Earlier in this conversation the user said their name is ${facts.name} and that they like ${facts.likes}.`], text: `Your name is ${facts.name} and you like ${facts.likes}.` };
  }
  if (facts.name) return { thoughts: [`The user told me their name, ${facts.name}, but not what they like.`], text: `Your name is ${facts.name}. You haven't told me what you like yet.` };
  if (facts.likes) return { thoughts: [`The user said they like ${facts.likes} but never gave a name.`], text: `I don't know your name, but you told me you like ${facts.likes}.` };
  return {
    thoughts: ['Nothing earlier in this conversation mentions the user\'s name or preferences.', 'I should say that I do not know rather than guess.'],
    text: "I don't know your name or what you like — you haven't told me in this conversation. Tell me, and I'll remember it for the rest of our chat.",
  };
}

function acknowledge(facts: Facts): Draft {
  const parts: string[] = [];
  if (facts.name) parts.push(`Nice to meet you, ${facts.name}!`);
  if (facts.likes) parts.push(`${capitalise(facts.likes)} — great choice; I'll remember that you like ${facts.likes}.`);
  return { thoughts: ['The user is introducing themselves.', 'I should acknowledge what they told me so I can recall it later.'], text: parts.join(' ') || 'Thanks for telling me!' };
}

function emptyPrompt(): Draft {
  return {
    thoughts: ['The request has no user text.', 'I will offer a short, general greeting instead.'],
    text: 'It looks like your message was empty, so here is something to start with: I can explain code, refactor it, fix bugs, write documentation or tests, or just chat. What would you like to do?',
  };
}

function echo(prompt: string, conversation: Turn[], model: string): Draft {
  const snippet = prompt.length > 200 ? `${prompt.slice(0, 200)}…` : prompt;
  const userTurns = conversation.filter((t) => t.role === 'user').length;
  return {
    thoughts: [`The user wrote: "${snippet.slice(0, 80)}".`, 'There is no specific task I recognise, so I will acknowledge it plainly.'],
    text: `You said: "${snippet}"\n\nThis is the Mantle emulator's scripted reply (model ${model}; ${userTurns} user message${userTurns === 1 ? '' : 's'} in this conversation).`,
  };
}

/** After tool calls the model answers from what the tools returned (the newest run of tool results). */
function answerFromTools(conversation: Turn[]): Draft {
  const results: string[] = [];
  for (let i = conversation.length - 1; i >= 0 && conversation[i].role === 'tool'; i--) results.unshift(conversation[i].text);
  const quote = (t: string): string => (t.length > 400 ? `${t.slice(0, 400)}…` : t);
  return {
    thoughts: [`The tool${results.length > 1 ? 's' : ''} answered; I can reply from ${results.length > 1 ? 'their' : 'its'} output now.`],
    text: results.length === 1
      ? `Based on the tool result: ${quote(results[0])}`
      : `Based on the ${results.length} tool results:\n\n${results.map((r, i) => `${i + 1}. ${quote(r)}`).join('\n')}`,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
