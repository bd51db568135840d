/**
 * Encryption at rest for sensitive personal fields (phone, ID number): AES-256-GCM with a key
 * derived from SECRET_KEY, plus a keyed hash for equality lookups that never decrypts.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export class FieldCipher {
  private readonly key: Buffer;
  private readonly lookupKey: Buffer;

  /** `purpose` names the key: the same secret under another purpose gives an unrelated key. */
  constructor(secret: string, purpose = 'field-cipher') {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'qixue', purpose, 32));
    this.lookupKey = Buffer.from(hkdfSync('sha256', secret, 'qixue', 'field-lookup', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1') throw new Error('unknown field cipher version');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash, for unique indexes and lookups on an encrypted field. */
  lookupHash(plain: string): string {
    return createHmac('sha256', this.lookupKey).update(plain).digest('hex');
  }
}
