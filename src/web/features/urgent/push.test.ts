import { describe, expect, it } from 'vitest';
import { keyBytes, pushSupported } from './push.js';

describe('web push in the browser', () => {
  it('turns a VAPID key in URL-safe base64 into its bytes, padding or not', () => {
    const bytes = Buffer.from(Array.from({ length: 65 }, (_, i) => (i * 37) % 256));
    const key = bytes.toString('base64url');
    expect(Buffer.from(keyBytes(key))).toEqual(bytes);
    expect(Buffer.from(keyBytes(`${key}===`.slice(0, Math.ceil(key.length / 4) * 4)))).toEqual(bytes);
  });

  it('says push is unsupported where there is no service worker', () => {
    expect(pushSupported()).toBe(false);
  });
});
