/**
 * WXBizMsgCrypt, the scheme WeCom uses for callbacks:
 *   signature  = sha1(sort([token, timestamp, nonce, ciphertext]).join(''))
 *   ciphertext = base64(AES-256-CBC(key, iv = key[0..16], pkcs7_32(random16 ‖ len32be ‖ msg ‖ receiveId)))
 *   key        = base64decode(EncodingAESKey + '=')
 * The padding block is 32 bytes, not AES's 16, so Node's automatic padding is turned off and the
 * padding is added and checked here. Verification is constant-time and checks the receive id.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

export class CallbackCryptoError extends Error {
  constructor(
    public readonly reason: 'bad_signature' | 'bad_ciphertext' | 'bad_receive_id',
    message: string,
  ) {
    super(message);
    this.name = 'CallbackCryptoError';
  }
}

export function signature(token: string, timestamp: string, nonce: string, ciphertext: string): string {
  return createHash('sha1').update([token, timestamp, nonce, ciphertext].sort().join('')).digest('hex');
}

export class WecomCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
  ) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 alphanumeric characters');
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
  }

  sign(timestamp: string, nonce: string, ciphertext: string): string {
    return signature(this.token, timestamp, nonce, ciphertext);
  }

  verify(msgSignature: string, timestamp: string, nonce: string, ciphertext: string): boolean {
    const expected = Buffer.from(this.sign(timestamp, nonce, ciphertext));
    const given = Buffer.from(String(msgSignature).toLowerCase());
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  encrypt(message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  /** Decrypts and returns the message and the receive id found inside it. */
  decrypt(ciphertext: string): { message: string; receiveId: string } {
    const data = Buffer.from(ciphertext, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new CallbackCryptoError('bad_ciphertext', 'ciphertext is not whole AES blocks');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new CallbackCryptoError('bad_ciphertext', 'ciphertext does not decrypt');
    }
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > BLOCK || pad > plain.length) throw new CallbackCryptoError('bad_ciphertext', 'bad padding');
    for (let i = plain.length - pad; i < plain.length; i++) {
      if (plain[i] !== pad) throw new CallbackCryptoError('bad_ciphertext', 'bad padding');
    }
    const content = plain.subarray(16, plain.length - pad);
    if (content.length < 4) throw new CallbackCryptoError('bad_ciphertext', 'too short');
    const length = content.readUInt32BE(0);
    if (4 + length > content.length) throw new CallbackCryptoError('bad_ciphertext', 'length field out of range');
    return {
      message: content.subarray(4, 4 + length).toString('utf8'),
      receiveId: content.subarray(4 + length).toString('utf8'),
    };
  }

  /**
   * Verifies the signature, decrypts, and checks that the receive id is one of `receiveIds`
   * (personal-subject providers get an empty receive id, which is then accepted only if listed).
   */
  open(input: { msgSignature: string; timestamp: string; nonce: string; ciphertext: string }, receiveIds: (receiveId: string) => boolean): string {
    if (!this.verify(input.msgSignature, input.timestamp, input.nonce, input.ciphertext)) {
      throw new CallbackCryptoError('bad_signature', 'msg_signature does not match');
    }
    const { message, receiveId } = this.decrypt(input.ciphertext);
    if (!receiveIds(receiveId)) throw new CallbackCryptoError('bad_receive_id', 'unexpected receive id');
    return message;
  }
}
