import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { SimClock } from '../sim-clock';
import type { IdFactory } from './ids';

/** The request/response shapes the server hands to the document host (kept here so index.ts can re-export them). */
export interface DocumentRequest {
  method: string;
  host: string;
  pathname: string;
  query: URLSearchParams;
  body: Buffer;
  contentType: string | undefined;
}

export interface DocumentResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The S3 buckets Amazon pre-signs report and feed documents on; the simulator's certificate covers all three. */
export const DOCUMENT_HOSTS = [
  'tortuga-prod-na.s3-external-1.amazonaws.com',
  'tortuga-prod-eu.s3-eu-west-1.amazonaws.com',
  'tortuga-prod-fe.s3-us-west-2.amazonaws.com',
] as const;
/** Documents are handed out on the NA bucket; the models say nothing about regions and one host keeps URLs predictable. */
export const DOCUMENT_HOST = DOCUMENT_HOSTS[0];
/** "This URL expires after 5 minutes" (ReportDocument.url, FeedDocument.url, CreateFeedDocumentResponse.url). */
export const URL_LIFETIME_SECONDS = 300;

interface StoredObject {
  body: Buffer;
  contentType: string;
  lastModifiedMs: number;
  etag: string;
}

interface Presigned {
  method: 'GET' | 'PUT';
  key: string;
  amzDate: string;
  expires: number;
  signedHeaders: string;
  /** Only for PUT: S3 signs the content type, so an upload with another type fails the signature. */
  contentType: string;
  responseContentEncoding: string;
}

const KEY_PREFIX = '/NinetyDays/';

/**
 * A tiny S3: objects by key and query-string (SigV4-looking) pre-signed URLs that expire after five simulated minutes.
 * Errors come back as S3's XML `<Error>` documents, which amazon-sp-api turns into codes (`AccessDenied`, `NoSuchKey`,
 * `SignatureDoesNotMatch`) the app can act on.
 */
export class DocumentHost {
  private readonly objects = new Map<string, StoredObject>();
  /** Keys that may be uploaded to, with the content type the uploader promised. */
  private readonly uploadSlots = new Map<string, string>();
  private readonly secret: Buffer;
  private readonly accessKey: string;

  constructor(
    private readonly clock: SimClock,
    private readonly ids: IdFactory,
  ) {
    this.secret = ids.bytes(32);
    this.accessKey = `AKIA${ids.alnum(16)}`;
  }

  /** Stores a document Amazon generated (report, processing report). gzip'd when `gzip` is set, as `compressionAlgorithm: GZIP` promises. */
  putGenerated(key: string, text: string, contentType: string, gzip: boolean): void {
    const raw = Buffer.from(text, 'utf8');
    this.store(key, gzip ? zlib.gzipSync(raw) : raw, contentType);
  }

  /** Opens a key for one seller upload; the returned URL accepts a PUT with exactly `contentType`. */
  openForUpload(key: string, contentType: string): string {
    this.uploadSlots.set(key, contentType);
    return this.presign({ method: 'PUT', key, contentType, contentEncoding: '' });
  }

  downloadUrl(key: string, opts: { contentEncodingGzip?: boolean } = {}): string {
    return this.presign({ method: 'GET', key, contentType: '', contentEncoding: opts.contentEncodingGzip ? 'gzip' : '' });
  }

  /** What was uploaded (or generated) under a key. */
  read(key: string): { body: Buffer; contentType: string } | undefined {
    const o = this.objects.get(key);
    return o ? { body: o.body, contentType: o.contentType } : undefined;
  }

  /** Null for any host that is not a document bucket, so the server can route the request as an API call. */
  handle(req: DocumentRequest): DocumentResponse | null {
    if (!(DOCUMENT_HOSTS as readonly string[]).includes(req.host)) return null;
    const key = decodeKey(req.pathname);
    const signed = this.parseSignature(req, key);
    if ('error' in signed) return signed.error;
    const p = signed.presigned;

    if (p.method === 'PUT') {
      const promised = this.uploadSlots.get(key);
      if (promised === undefined) return s3Error(403, 'AccessDenied', 'Access Denied', {}, this.requestIds());
      this.store(key, req.body, promised);
      return { status: 200, headers: { ...this.commonHeaders(), etag: this.objects.get(key)?.etag ?? '""' }, body: Buffer.alloc(0) };
    }
    const object = this.objects.get(key);
    if (!object) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key }, this.requestIds());
    const headers: Record<string, string> = {
      ...this.commonHeaders(),
      'content-type': object.contentType,
      etag: object.etag,
      'last-modified': new Date(object.lastModifiedMs).toUTCString(),
      'accept-ranges': 'bytes',
    };
    if (p.responseContentEncoding) headers['content-encoding'] = p.responseContentEncoding;
    return { status: 200, headers, body: object.body };
  }

  private store(key: string, body: Buffer, contentType: string): void {
    this.objects.set(key, {
      body,
      contentType,
      lastModifiedMs: this.clock.nowMs(),
      etag: `"${crypto.createHash('md5').update(body).digest('hex')}"`,
    });
  }

  private presign(opts: { method: 'GET' | 'PUT'; key: string; contentType: string; contentEncoding: string }): string {
    const now = new Date(this.clock.nowMs());
    const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const p: Presigned = {
      method: opts.method,
      key: opts.key,
      amzDate,
      expires: URL_LIFETIME_SECONDS,
      signedHeaders: opts.method === 'PUT' ? 'content-type;host' : 'host',
      contentType: opts.contentType,
      responseContentEncoding: opts.contentEncoding,
    };
    const q = new URLSearchParams();
    if (p.responseContentEncoding) q.set('response-content-encoding', p.responseContentEncoding);
    q.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
    q.set('X-Amz-Date', amzDate);
    q.set('X-Amz-SignedHeaders', p.signedHeaders);
    q.set('X-Amz-Expires', String(p.expires));
    q.set('X-Amz-Credential', `${this.accessKey}/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`);
    q.set('X-Amz-Signature', this.sign(p));
    // Amazon's keys start with a slash, which shows up percent-encoded right after the host (`/%2FNinetyDays/...`).
    const path = opts.key.startsWith('/') ? `/%2F${opts.key.slice(1).split('/').map(encodeURIComponent).join('/')}` : `/${opts.key.split('/').map(encodeURIComponent).join('/')}`;
    return `https://${DOCUMENT_HOST}${path}?${q.toString()}`;
  }

  private sign(p: Presigned): string {
    const canonical = [p.method, p.key, p.amzDate, p.expires, p.signedHeaders, p.contentType, p.responseContentEncoding].join('\n');
    return crypto.createHmac('sha256', this.secret).update(canonical).digest('hex');
  }

  private parseSignature(req: DocumentRequest, key: string): { presigned: Presigned } | { error: DocumentResponse } {
    const q = req.query;
    const ids = this.requestIds();
    const algorithm = q.get('X-Amz-Algorithm');
    const amzDate = q.get('X-Amz-Date');
    const expires = q.get('X-Amz-Expires');
    const signedHeaders = q.get('X-Amz-SignedHeaders');
    const signature = q.get('X-Amz-Signature');
    if (!algorithm || !amzDate || !expires || !signedHeaders || !signature || !q.get('X-Amz-Credential')) {
      return {
        error: s3Error(403, 'AccessDenied', 'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.', {}, ids),
      };
    }
    const method = req.method === 'PUT' ? 'PUT' : req.method === 'GET' ? 'GET' : null;
    const p: Presigned = {
      method: method ?? 'GET',
      key,
      amzDate,
      expires: Number(expires),
      signedHeaders,
      // S3 compares the signed Content-Type byte for byte, so "application/json" does not match "application/json; charset=UTF-8".
      contentType: method === 'PUT' ? (req.contentType ?? '') : '',
      responseContentEncoding: q.get('response-content-encoding') ?? '',
    };
    const expected = this.sign(p);
    if (!method || !timingSafeEqualHex(expected, signature)) {
      return {
        error: s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {}, ids),
      };
    }
    const issuedMs = parseAmzDate(amzDate);
    const expiresAtMs = issuedMs + p.expires * 1000;
    const now = this.clock.nowMs();
    if (now > expiresAtMs) {
      return {
        error: s3Error(403, 'AccessDenied', 'Request has expired', {
          'X-Amz-Expires': String(p.expires),
          Expires: isoSeconds(expiresAtMs),
          ServerTime: isoSeconds(now),
        }, ids),
      };
    }
    return { presigned: p };
  }

  private requestIds(): { requestId: string; hostId: string } {
    return { requestId: this.ids.alnum(16), hostId: this.ids.bytes(48).toString('base64') };
  }

  private commonHeaders(): Record<string, string> {
    const ids = this.requestIds();
    return {
      'x-amz-request-id': ids.requestId,
      'x-amz-id-2': ids.hostId,
      'x-amz-server-side-encryption': 'AES256',
      date: new Date(this.clock.nowMs()).toUTCString(),
      server: 'AmazonS3',
    };
  }
}

/** Object keys sit under Amazon's retention prefix; anything else on the bucket is simply a missing key. */
export function documentKey(documentId: string): string {
  return `${KEY_PREFIX}${documentId}`;
}

function decodeKey(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice(1));
  } catch {
    return pathname.slice(1);
  }
}

function parseAmzDate(v: string): number {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(v);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function timingSafeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

function s3Error(status: number, code: string, message: string, extra: Record<string, string>, ids: { requestId: string; hostId: string }): DocumentResponse {
  const fields = Object.entries(extra).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${ids.requestId}</RequestId><HostId>${escapeXml(ids.hostId)}</HostId></Error>`;
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId, server: 'AmazonS3' },
    body: Buffer.from(xml, 'utf8'),
  };
}
