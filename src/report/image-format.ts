/** Bytes for people, in decimal units as `docker images` prints them: `41.3 MB`, `512 B`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  if (value < 1000) return `${sign}${value} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${sign}${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** `sha256:0123456789ab` — the short digest `docker images` shows. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  return algorithm ? `${algorithm}:${(hex ?? '').slice(0, 12)}` : digest.slice(0, 12);
}
