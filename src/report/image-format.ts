/** `sha256:0123456789ab` — the short digest `docker images` shows. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  return algorithm ? `${algorithm}:${(hex ?? '').slice(0, 12)}` : digest.slice(0, 12);
}
