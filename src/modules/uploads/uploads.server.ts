// Files people upload (after-sale photos, evidence of brokered sales), stored on disk under UPLOAD_DIR — not
// under public/, so each one is served through a route that checks who asks.
// The type is decided by the file's first bytes, never by its name or the
// browser's word; the stored name is random.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { env } from '../../lib/env.ts';
import { refuse } from '../../lib/errors.ts';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 3;
const root = () => resolve(env.UPLOAD_DIR);

const kinds = [
  { ext: 'jpg', type: 'image/jpeg', test: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', type: 'image/png', test: (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { ext: 'webp', type: 'image/webp', test: (b: Uint8Array) => String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP' },
  { ext: 'pdf', type: 'application/pdf', test: (b: Uint8Array) => String.fromCharCode(...b.slice(0, 5)) === '%PDF-' },
];
type Folder = 'claims' | 'evidence' | 'procurement' | 'credentials';
// Claims take photos; evidence of a brokered sale may also be a PDF (a delivery note, an invoice).
// Invoices and transfer vouchers of bulk procurement: a PDF or a photo of the paper.
// A product credential's scan: a photo or a PDF of the certificate.
const allowed: Record<Folder, string[]> = {
  claims: ['jpg', 'png', 'webp'],
  evidence: ['jpg', 'png', 'webp', 'pdf'],
  procurement: ['jpg', 'png', 'webp', 'pdf'],
  credentials: ['jpg', 'png', 'webp', 'pdf'],
};

const refusal = (folder: Folder) =>
  folder === 'claims'
    ? refuse.invalid('photo_invalid', 'photos')
    : folder === 'evidence'
      ? refuse.invalid('evidence_invalid', 'evidence')
      : folder === 'credentials'
        ? refuse.invalid('file_invalid', 'scan')
        : refuse.invalid('file_invalid', 'file');

/** Checks every photo first, then writes them all: a bad third photo stores nothing. Returns paths like claims/ab12….jpg. */
export async function savePhotos(files: readonly File[], folder: Folder): Promise<string[]> {
  const chosen = files.filter((f) => f.size > 0);
  if (chosen.length > MAX_PHOTOS) throw refusal(folder);
  const checked = [];
  for (const file of chosen) {
    if (file.size > MAX_PHOTO_BYTES) throw refusal(folder);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = kinds.find((k) => allowed[folder].includes(k.ext) && k.test(bytes));
    if (!kind) throw refusal(folder);
    checked.push({ bytes, kind });
  }
  const dir = join(root(), folder);
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const { bytes, kind } of checked) {
    const name = `${folder}/${randomBytes(16).toString('hex')}.${kind.ext}`;
    await writeFile(join(root(), name), bytes, { flag: 'wx' });
    paths.push(name);
  }
  return paths;
}

/** Removes files written for a claim that was then refused. */
export async function removeUploads(paths: readonly string[]) {
  await Promise.all(paths.map((p) => (isUploadPath(p) ? unlink(join(root(), p)).catch(() => {}) : undefined)));
}

export function isUploadPath(path: string): boolean {
  return /^(claims\/[0-9a-f]{32}\.(jpg|png|webp)|(evidence|procurement|credentials)\/[0-9a-f]{32}\.(jpg|png|webp|pdf))$/.test(path);
}

export async function readUpload(path: string): Promise<{ bytes: Uint8Array; type: string } | null> {
  if (!isUploadPath(path)) return null;
  try {
    const bytes = new Uint8Array(await readFile(join(root(), path)));
    return { bytes, type: kinds.find((k) => path.endsWith(`.${k.ext}`))!.type };
  } catch {
    return null;
  }
}
