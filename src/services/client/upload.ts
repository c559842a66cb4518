/**
 * Media upload to the Parley server (`POST /upload`), with progress and cancel: XMLHttpRequest in
 * browsers (the only way to get upload progress there), fetch with a counting stream in Node.
 */
import { ErrorCode, MEDIA_PATH_PREFIX, UPLOAD_PATH } from '../../protocol/constants.js';
import type { UploadReply } from '../../protocol/messaging.js';
import type { IAsyncRes } from './types.js';

/** What an upload is for: images, audio and video must be of an allowed type; files may be anything. */
export type UploadKind = 'image' | 'audio' | 'video' | 'file';

/** The stored file (seeds' `fileInfo`): `url` is absolute. */
export interface IUploadFileInfo {
  url: string;
  name: string;
  size: number;
  type: string;
}

export interface IUploadOptions {
  /** Server base URL (`navi`). */
  navi: string;
  /** The user's token (the same as for `connect`). */
  token: string;
  kind: UploadKind;
  /** File name to store (default: `file.name`, or "file"). */
  name?: string;
  onProgress?: (loaded: number, total: number) => void;
  /** Aborting cancels the upload; the call resolves `UPLOAD_FAIL` with msg "cancelled". */
  signal?: AbortSignal;
}

const fail = (msg: string): IAsyncRes<IUploadFileInfo> => ({ code: ErrorCode.UPLOAD_FAIL, msg });

function endpoint(o: IUploadOptions, name: string): string {
  const base = o.navi.replace(/\/+$/, '');
  return `${base}${UPLOAD_PATH}?kind=${encodeURIComponent(o.kind)}&name=${encodeURIComponent(name)}`;
}

function toInfo(o: IUploadOptions, body: UploadReply): IAsyncRes<IUploadFileInfo> {
  if (body.code !== 0 || !body.url?.startsWith(MEDIA_PATH_PREFIX))
    return fail(body.msg ?? `upload refused (${body.code})`);
  const url = new URL(body.url, o.navi).toString();
  return { code: ErrorCode.SUCCESS, data: { url, name: body.name ?? '', size: body.size ?? 0, type: body.type ?? '' } };
}

/** Uploads a Blob/File; resolves `{ code: 0, data: fileInfo }` or `{ code: UPLOAD_FAIL, msg }`. */
export function uploadFile(file: Blob, o: IUploadOptions): Promise<IAsyncRes<IUploadFileInfo>> {
  if (!(file instanceof Blob))
    return Promise.resolve({ code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'file must be a Blob or File' });
  if (o.signal?.aborted) return Promise.resolve(fail('cancelled'));
  const name = o.name ?? (file as Blob & { name?: string }).name ?? 'file';
  return typeof XMLHttpRequest === 'function' ? viaXhr(file, o, name) : viaFetch(file, o, name);
}

function viaXhr(file: Blob, o: IUploadOptions, name: string): Promise<IAsyncRes<IUploadFileInfo>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    xhr.open('POST', endpoint(o, name));
    xhr.setRequestHeader('Authorization', `Bearer ${o.token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => o.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      o.signal?.removeEventListener('abort', onAbort);
      try {
        resolve(toInfo(o, JSON.parse(xhr.responseText) as UploadReply));
      } catch {
        resolve(fail(`upload failed with HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => resolve(fail('network error'));
    xhr.onabort = () => resolve(fail('cancelled'));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(file);
  });
}

async function viaFetch(file: Blob, o: IUploadOptions, name: string): Promise<IAsyncRes<IUploadFileInfo>> {
  const total = file.size;
  let loaded = 0;
  // Count bytes as fetch pulls them, which is as close to "sent" as fetch lets us get.
  const counted = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        o.onProgress?.(loaded, total);
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    const res = await fetch(endpoint(o, name), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${o.token}`,
        'Content-Type': file.type || 'application/octet-stream',
        'Content-Length': String(total),
      },
      body: counted,
      signal: o.signal,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const body = (await res
      .json()
      .catch(() => ({ code: ErrorCode.UPLOAD_FAIL, msg: `HTTP ${res.status}` }))) as UploadReply;
    return toInfo(o, body);
  } catch (error) {
    if (o.signal?.aborted) return fail('cancelled');
    return fail(`network error: ${(error as Error).message}`);
  }
}
