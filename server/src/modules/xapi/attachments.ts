/**
 * Attachments sent with statements (multipart/mixed): every part is declared by a statement's
 * attachment and its content matches the declared SHA-2; every declared attachment without a
 * fileUrl has its part. Signed statements (a JWS attachment) are checked: RS256/384/512, and a
 * payload equal to the statement it signs (verified with the x5c certificate when one is given).
 */
import { X509Certificate, createHash, createVerify } from 'node:crypto';
import { errors } from '../../core/errors';
import type { Part } from './http';
import { sameStatement } from './statement-equivalence';
import type { AttachmentContent } from './statement-store';

type Json = Record<string, unknown>;

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
const HASHES: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };
const JWS_ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };

const bad = (code: string, message: string) => errors.badRequest(code, message);

function declared(statements: Json[]): Json[] {
  const out: Json[] = [];
  const collect = (s: Json) => {
    for (const a of (s.attachments as Json[] | undefined) ?? []) out.push(a);
    const object = s.object as Json | undefined;
    if (object?.objectType === 'SubStatement') collect(object);
  };
  statements.forEach(collect);
  return out;
}

export function checkAttachments(statements: Json[], parts: Part[]): Map<string, AttachmentContent> {
  const contents = new Map<string, AttachmentContent>();
  for (const part of parts) {
    const sha2 = part.headers['x-experience-api-hash']?.toLowerCase();
    if (!sha2) throw bad('attachment_hash_missing', '附件缺少 X-Experience-API-Hash / An attachment part has no X-Experience-API-Hash');
    if (part.headers['content-transfer-encoding']?.toLowerCase() !== 'binary') {
      throw bad('attachment_encoding', '附件须为 Content-Transfer-Encoding: binary / Attachment parts must be Content-Transfer-Encoding: binary');
    }
    const algorithm = HASHES[sha2.length];
    if (!algorithm || createHash(algorithm).update(part.body).digest('hex') !== sha2) {
      throw bad('attachment_hash_mismatch', '附件内容与其 SHA-2 不符 / An attachment does not match its SHA-2');
    }
    contents.set(sha2, { contentType: part.headers['content-type'] ?? 'application/octet-stream', body: part.body });
  }
  const declaredShas = new Set<string>();
  for (const a of declared(statements)) {
    const sha2 = String(a.sha2).toLowerCase();
    declaredShas.add(sha2);
    if (a.fileUrl === undefined && !contents.has(sha2)) {
      throw bad('attachment_missing', '语句声明的附件未随请求发送 / A declared attachment was not sent');
    }
  }
  for (const sha2 of contents.keys()) {
    if (!declaredShas.has(sha2)) throw bad('attachment_undeclared', '请求中有未被语句声明的附件 / A part is not declared by any statement');
  }
  for (const s of statements) checkSignatures(s, contents);
  return contents;
}

function checkSignatures(statement: Json, contents: Map<string, AttachmentContent>): void {
  for (const a of (statement.attachments as Json[] | undefined) ?? []) {
    if (a.usageType !== SIGNATURE_USAGE) continue;
    if (String(a.contentType).split(';')[0]!.trim() !== 'application/octet-stream') {
      throw bad('invalid_signature', '签名附件须为 application/octet-stream / A signature must be application/octet-stream');
    }
    const content = contents.get(String(a.sha2).toLowerCase());
    if (!content) throw bad('invalid_signature', '缺少签名内容 / The signature was not sent');
    verifyJws(content.body.toString('utf8').trim(), statement);
  }
}

const decodeSegment = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;

function verifyJws(jws: string, statement: Json): void {
  const invalid = (why: string) => bad('invalid_signature', `语句签名无效 / Invalid statement signature: ${why}`);
  const segments = jws.split('.');
  if (segments.length !== 3) throw invalid('not a compact JWS');
  let header: Json;
  let payload: unknown;
  try {
    header = decodeSegment(segments[0]!) as Json;
    payload = decodeSegment(segments[1]!);
  } catch {
    throw invalid('header or payload is not JSON');
  }
  const algorithm = JWS_ALGORITHMS[String(header.alg)];
  if (!algorithm) throw invalid('the algorithm must be RS256, RS384 or RS512');
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw invalid('the payload is not a statement');
  if (!sameSignedContent(payload as Json, statement)) throw invalid('the payload differs from the statement');
  const chain = header.x5c;
  if (Array.isArray(chain) && typeof chain[0] === 'string') {
    let key;
    try {
      key = new X509Certificate(Buffer.from(chain[0], 'base64')).publicKey;
    } catch {
      throw invalid('the x5c certificate cannot be read');
    }
    const verified = createVerify(algorithm).update(`${segments[0]}.${segments[1]}`).verify(key, Buffer.from(segments[2]!, 'base64url'));
    if (!verified) throw invalid('the signature does not verify');
  }
}

/** The signed payload is the statement before its signature was attached (and before the store set its own properties). */
function sameSignedContent(payload: Json, statement: Json): boolean {
  const ignore = ['attachments', 'authority', 'stored', 'version', ...(payload.id === undefined ? ['id'] : [])];
  return sameStatement(payload, statement, ignore);
}
