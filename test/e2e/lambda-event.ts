/**
 * API Gateway HTTP API events, payload format 2.0, built from AWS's documented shape (the "Working with AWS Lambda
 * proxy integrations for HTTP APIs" page), independently of any starter's code.
 */
export function httpApiEvent(rawPath: string, method = 'GET') {
  const host = 'abc123.execute-api.us-east-1.amazonaws.com';
  const routeKey = rawPath === '/' ? 'ANY /' : 'ANY /{proxy+}';
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    cookies: [],
    headers: {
      accept: 'application/json',
      'accept-encoding': 'identity',
      'content-length': '0',
      host,
      'user-agent': 'create-backend-fit-e2e',
      'x-amzn-trace-id': 'Root=1-6745a1b0-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    queryStringParameters: undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: host,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'create-backend-fit-e2e' },
      requestId: `e2e-${Math.random().toString(36).slice(2)}`,
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795608000000,
    },
    pathParameters: rawPath === '/' ? undefined : { proxy: rawPath.slice(1) },
    isBase64Encoded: false,
  };
}
