/**
 * Abuse part (2): path tricks in message URLs, judged by the server's content validation and the
 * kit's URL check alike, and the strict spelling of a token's signature.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { safeMediaUrl } from '../../src/services/media-url.js';
import { validateContent } from '../../server/domain/content.js';
import { DomainError } from '../../server/domain/errors.js';
import { issueToken, verifyToken } from '../../server/auth/token.js';
import { TestSocket, startTestServer, type TestServer } from './helpers.js';

const TRICKS = [
  '/media/%2e%2e/%2e%2e/logout',
  '/media/%2E%2E/%2E%2E/logout',
  '/media/%252e%252e/%252e%252e/logout',
  '/media/%25252e%25252e/logout',
  '/media/..%2flogout',
  '/media/..%5clogout',
  '/media/..\\..\\logout',
  '/media/%5c..%5c..%5clogout',
  '/media/.%2e/logout',
  '/media//evil.example/x',
  '/media/%2f%2fevil.example',
  '/media/abc%00.png',
  '/media/%zz',
  '/media/../logout',
];

describe('abuse: media paths are judged after decoding', () => {
  for (const uri of TRICKS) {
    it(`the server refuses imageUri ${uri}`, () => {
      assert.throws(
        () => validateContent('RC:ImgMsg', { content: '', imageUri: uri }),
        (e: unknown) => e instanceof DomainError && e.code === ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      );
    });
    it(`the kit refuses ${uri}`, () => {
      assert.equal(safeMediaUrl(uri, 'image'), '');
      assert.equal(safeMediaUrl(uri, 'media'), '');
    });
  }

  it('real media paths still pass both checks', () => {
    for (const uri of ['/media/01HZX3Y4ABCDEFGHJKMNPQRS', '/media/abc/%E4%B8%AD.png', '/media/a.b-c_d~e?x=1']) {
      assert.doesNotThrow(() => validateContent('RC:ImgMsg', { content: '', imageUri: uri }), uri);
      assert.equal(safeMediaUrl(uri, 'image'), uri);
    }
  });

  describe('through a real send', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ sendRatePerSecond: 0 });
    });
    after(() => t.close());

    it('an image message with /media/%2e%2e/%2e%2e/logout is refused with 33003 and not delivered', async () => {
      const mal = await t.connect('mal');
      const bob = await t.connect('bob');
      const res = await mal.request('sendMessage', {
        conversationType: 1,
        targetId: 'bob',
        messageType: 'RC:ImgMsg',
        clientMessageId: 'i1',
        content: { content: '', imageUri: '/media/%2e%2e/%2e%2e/logout' },
      });
      assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
      assert.equal(bob.pushes.length, 0);
    });
  });
});

describe('abuse: a token has exactly one spelling', () => {
  const secret = 'test-secret-of-the-app';
  const token = issueToken({ userId: 'u1', appKey: 'app', issuedAt: 1 }, secret);
  const [payload, signature] = token.split('.') as [string, string];
  const standard = Buffer.from(signature, 'base64url').toString('base64');

  it('the canonical token verifies', () => {
    assert.equal(verifyToken(token, 'app', secret, 2).ok, true);
  });

  for (const [name, spelling] of [
    ['"!!" appended', `${token}!!`],
    ['a trailing space', `${token} `],
    ['a newline inside the signature', `${payload}.${signature.slice(0, 10)}\n${signature.slice(10)}`],
    ['standard base64 (+/ and = padding)', `${payload}.${standard}`],
    ['"=" padding', `${token}=`],
    [
      'a different last character with the same bytes',
      `${payload}.${signature.slice(0, -1)}${String.fromCharCode(signature.charCodeAt(signature.length - 1) + 1)}`,
    ],
    ['the payload with padding', `${payload}=.${signature}`],
  ] as const) {
    it(`refuses the token with ${name}`, () => {
      assert.deepEqual(verifyToken(spelling, 'app', secret, 2), { ok: false, reason: 'incorrect' });
    });
  }

  describe('at connect', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer();
    });
    after(() => t.close());

    it('a re-spelled token is refused with 31004', async () => {
      const real = await t.token('u1');
      const s = await TestSocket.open(t.server.url);
      const res = await s.request('connect', { token: `${real}!!`, appkey: t.server.appKey });
      assert.equal(res.code, ErrorCode.RC_CONN_TOKEN_INCORRECT);
    });
  });
});
