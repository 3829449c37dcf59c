import { sharedRuntime, type Runtime } from "../runtime";
import { errorResponse } from "./errors";

/**
 * A dashboard route (/api/ui): the runtime, the handler, and the API's error shape. The dashboard has no key; who may
 * call these is the deployment's to decide (README, "HTTP API").
 */
export function uiRoute<P>(handler: (ctx: { request: Request; url: URL; rt: Runtime; params: P }) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      return await handler({ request, url: new URL(request.url), rt: await sharedRuntime(), params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
