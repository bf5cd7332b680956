// How the pages write values the lake may not know. The AWS host has no cheap read of some of what the local lake
// counts (raw objects, pending objects, raw schema versions): it sends null, which a page shows as "—" rather than as a
// blank that reads like zero or nothing.
export const notKnown = '—';

export function known(value) {
  return value === null || value === undefined ? notKnown : value;
}

// Bytes as a person reads them, in the binary units Athena's console uses for data scanned.
export function dataSize(bytes) {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes.toLocaleString('en')} bytes` : `${size.toFixed(2)} ${units[unit]}`;
}

// Dollars as the server rounds them (to the millionth: a small query costs fractions of a cent).
export function usd(amount) {
  return `$${amount.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}
