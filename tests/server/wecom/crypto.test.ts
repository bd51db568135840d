/** Qixue's WXBizMsgCrypt against the official @wecom/crypto, both directions, every padding length. */
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { WecomCrypto, CallbackCryptoError, signature } from '../../../server/src/hosts/wecom/crypto';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const crypto = new WecomCrypto('token', KEY);

describe('WeCom callback crypto', () => {
  it('interoperates with the official package for messages of every length mod 32', () => {
    for (let n = 0; n < 70; n++) {
      const message = `<xml>${'企'.repeat(n % 7)}${'x'.repeat(n)}</xml>`;
      expect(crypto.decrypt(encrypt(KEY, message, 'ww_suite'))).toEqual({ message, receiveId: 'ww_suite' });
      const ours = crypto.encrypt(message, 'ww_corp');
      expect(decrypt(KEY, ours)).toMatchObject({ message, id: 'ww_corp' });
    }
  });

  it('signs like the official package and verifies in constant time', () => {
    expect(signature('token', '1700000000', 'nonce', 'cipher')).toBe(getSignature('token', '1700000000', 'nonce', 'cipher'));
    const sig = crypto.sign('1', '2', 'abc');
    expect(crypto.verify(sig, '1', '2', 'abc')).toBe(true);
    expect(crypto.verify(sig.toUpperCase(), '1', '2', 'abc')).toBe(true);
    expect(crypto.verify(sig, '1', '2', 'abd')).toBe(false);
    expect(crypto.verify('short', '1', '2', 'abc')).toBe(false);
  });

  it('opens only what is addressed to the expected receiver and refuses broken ciphertext', () => {
    const ciphertext = crypto.encrypt('<xml/>', 'ww_suite');
    const input = { msgSignature: crypto.sign('1', '2', ciphertext), timestamp: '1', nonce: '2', ciphertext };
    expect(crypto.open(input, (id) => id === 'ww_suite')).toBe('<xml/>');
    expect(() => crypto.open(input, (id) => id === 'other')).toThrow(CallbackCryptoError);
    expect(() => crypto.open({ ...input, nonce: '3' }, () => true)).toThrow(/signature/);
    expect(() => crypto.decrypt('AAAA')).toThrow(CallbackCryptoError);
    expect(() => crypto.decrypt(Buffer.alloc(32, 1).toString('base64'))).toThrow(CallbackCryptoError);
  });
});
