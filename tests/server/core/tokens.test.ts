import { hashToken, newRowId, newToken } from '../../../server/src/core/tokens';

describe('row ids', () => {
  it('are c and 24 hex digits, and never repeat across refills of the random pool', () => {
    // 4,096 bytes per pool, 12 per id: 10,000 ids take the pool through about 30 refills.
    const ids = Array.from({ length: 10_000 }, () => newRowId());
    for (const id of ids) expect(id).toMatch(/^c[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('tokens', () => {
  it('are 43 base64url characters, different every time, and stored as their sha256', () => {
    const [a, b] = [newToken(), newToken()];
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });
});
