import { configure as serverlessExpress } from '@codegenie/serverless-express';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context, Handler } from 'aws-lambda';
import { createApp } from './app.factory.js';

type HttpApiHandler = Handler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;

async function bootstrap(): Promise<HttpApiHandler> {
  const app = await createApp();
  await app.init();
  return serverlessExpress({ app: app.getHttpAdapter().getInstance() });
}

// Bootstrapped once per execution environment, during Lambda's init phase (top-level await);
// warm invocations reuse the same Nest application and its resolved module graph.
const server = await bootstrap();

export const handler = (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> =>
  server(event, context, () => undefined) as Promise<APIGatewayProxyResultV2>;
