// Which models read images. The catalogue's hint (its `vision` field, models/catalog.ts) is corrected by what the
// server says: a model that refused an image part is not sent one again, and a model outside the catalogue's vision
// models that answered a turn with an image is trusted with the next.
import { MODEL_CATALOG } from '../models/catalog';

const CATALOGUE_VISION = new Set(MODEL_CATALOG.filter((m) => m.vision === true).map((m) => m.id));

/** Whether the shipped catalogue marks the model as reading images. */
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
