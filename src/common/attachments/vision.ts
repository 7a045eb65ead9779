// Which models read images. The catalogue's hint (the models marked vision in the 2026-12 catalogue, copied here)
// is corrected by what the server says: a model that refused an image part is not sent one again, and a model outside
// the list that answered a turn with an image is trusted with the next.

/** Models the 2026-12 catalogue marks as reading images (its `vision: true`). */
const CATALOGUE_VISION = new Set([
  'mistral.mistral-large-3-675b-instruct', 'mistral.magistral-small-2509', 'mistral.ministral-3-14b-instruct',
  'mistral.ministral-3-8b-instruct', 'mistral.ministral-3-3b-instruct', 'qwen.qwen3-vl-235b-a22b-instruct',
  'google.gemma-3-27b-it', 'google.gemma-3-12b-it', 'google.gemma-3-4b-it', 'nvidia.nemotron-nano-12b-v2',
  'moonshotai.kimi-k2.5', 'writer.palmyra-vision-7b', 'openai.gpt-5.4', 'openai.gpt-5.4-2026-03-05', 'openai.gpt-5.5',
  'openai.gpt-5.5-2026-04-23', 'openai.gpt-5.6-sol', 'openai.gpt-5.6-terra', 'openai.gpt-5.6-luna', 'openai.gpt-6-sol',
  'openai.gpt-6-luna', 'openai.gpt-6-astra', 'xai.grok-4.3', 'google.gemma-4-31b', 'google.gemma-4-26b-a4b',
  'google.gemma-4-e2b', 'anthropic.claude-haiku-4-5', 'anthropic.claude-opus-4-7', 'anthropic.claude-opus-4-8',
  'anthropic.claude-sonnet-5', 'anthropic.claude-opus-5', 'anthropic.claude-opus-4-6', 'anthropic.claude-fable-5',
  'anthropic.claude-fable-5-1', 'anthropic.claude-mythos-preview',
]);

export function catalogueVision(model: string): boolean {
  return CATALOGUE_VISION.has(model);
}

/** The words of a server refusal that is about an image part (the emulator's and Mantle's observed 400s). */
export function isImageRefusal(message: string | undefined): boolean {
  return !!message && /does not support image|image input|Failed to sanitize image|image_url|input_image/i.test(message);
}

/** What was learned about each model in this session; the catalogue answers the rest. */
export class VisionKnowledge {
  private readonly learned = new Map<string, boolean>();

  accepts(model: string): boolean {
    return this.learned.get(model) ?? catalogueVision(model);
  }

  learn(model: string, accepts: boolean): void {
    this.learned.set(model, accepts);
  }

  /** The vision models among `models`, to offer when the current one cannot read images. */
  visionModels(models: readonly string[]): string[] {
    return models.filter((m) => this.accepts(m));
  }
}

export function noVisionMessage(model: string, alternatives: readonly string[]): string {
  const offer = alternatives.length ? ` Models that read images: ${alternatives.slice(0, 4).join(', ')}${alternatives.length > 4 ? '…' : ''}.` : '';
  return `${model} does not read images, so the image was not sent. Remove it or pick a vision model.${offer}`;
}
