export interface SplitCameraUrl {
  /** The URL without any user-info; safe to store, log and show. */
  urlRedacted: string;
  username: string | null;
  password: string | null;
}

/**
 * Splits `scheme://user:pass@host/...` into a credential-free URL and its credentials, leaving
 * everything else byte-for-byte (no URL normalisation). Device names and file paths (no '://')
 * pass through. The caller encrypts the password (safeStorage) before it reaches the database.
 */
export function splitCameraUrl(url: string): SplitCameraUrl {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd === -1) return { urlRedacted: url, username: null, password: null };
  const authorityStart = schemeEnd + 3;
  const rest = url.slice(authorityStart);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at === -1) return { urlRedacted: url, username: null, password: null };
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return {
    urlRedacted: url.slice(0, authorityStart) + rest.slice(at + 1),
    username: decode(colon === -1 ? userInfo : userInfo.slice(0, colon)) || null,
    password: colon === -1 ? null : decode(userInfo.slice(colon + 1)),
  };
}
