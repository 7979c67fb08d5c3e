// What the request log may say about a path: a customer's link token (/s/…, /c/…, /u/…) is the
// whole authority to answer as them or read their case, so it never reaches the log, nor does
// any query value named like a secret.
const linkToken = /^\/(s|c|u)\/[^/?#]+/;
const secretQuery = /([?&][^=&]*(?:token|secret|signature|password|key|code)[^=&]*=)[^&]*/gi;

export function redactPath(pathAndQuery: string): string {
  return pathAndQuery.replace(linkToken, '/$1/[redacted]').replace(secretQuery, '$1[redacted]');
}

/** pino's redact paths: headers and fields that carry credentials, wherever a log line holds them. */
export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.secret',
  'password',
  'token',
  'secret',
];
