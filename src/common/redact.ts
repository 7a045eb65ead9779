// Redaction applied to everything that reaches the log or an error message. Secrets are registered at runtime (the
// API key the person stored, the AWS secret in use) and also recognised by shape, so a secret that was never
// registered (an env-var key, a signature) is still masked.

const SHAPES: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi,
  /(x-amz-security-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
  /(Signature=)[0-9a-f]{16,}/gi,
  /(bedrock-api-key-)[A-Za-z0-9+/=%_-]{8,}/g,
  /()\bABSK[A-Za-z0-9+/=]{16,}/g,
  /(aws_secret_access_key\s*=\s*)\S+/gi,
  /(X-Amz-Signature=|X-Amz-Security-Token=|X-Amz-Credential=)[^&\s"']+/gi,
  // The scope of a SigV4 Authorization header (`Credential=AKIA…/20260101/us-east-1/bedrock-mantle/aws4_request`).
  /(Credential=)[^,&\s"']+/g,
  // An access key id on its own (long-term AKIA…, temporary ASIA…).
  /()\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
];

/** The forms a secret takes in a URL or a form body: `/` and `+` of an AWS secret key become %2F and %2B (either case). */
function encodedForms(secret: string): string[] {
  const upper = encodeURIComponent(secret);
  return upper === secret ? [] : [upper, upper.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())];
}

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remember a secret value so that any later text containing it is masked. Short values are ignored (too noisy). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  remove(secret: string | undefined): void {
    if (secret) this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) {
      for (const form of [s, ...encodedForms(s)]) out = out.split(form).join('***');
    }
    for (const re of SHAPES) out = out.replace(re, (_m, prefix: string) => `${prefix}***`);
    return out;
  }
}
