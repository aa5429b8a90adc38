/**
 * What counts as "this machine" for local mode. Addresses are read with the WHATWG URL parser, the one
 * the outbound HTTP client uses, so `http://127.0.0.1.evil.example`, `http://localhost@evil.example` and
 * `http://evil.example\@127.0.0.1` name the host they really reach, and `http://2130706433` or
 * `http://127.1` are the 127.0.0.1 they really are.
 */

/** After WHATWG parsing an IPv4 host is always four dotted decimals. */
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || LOOPBACK_IPV4.test(hostname);
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An http(s) URL on a loopback address, with no user name or password in it. */
export function isLoopbackUrl(value: string): boolean {
  const url = parse(value);
  return (
    url !== undefined &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    isLoopbackHostname(url.hostname)
  );
}

/**
 * A Host header naming this machine. A web page that rebinds its own DNS name to 127.0.0.1 still sends
 * its own name here, so this is what keeps such a page out.
 */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined || /[^A-Za-z0-9.:[\]-]/.test(host)) return false;
  return isLoopbackUrl(`http://${host}/`);
}
