import { azureDeploymentModel, azureRouteOf, isAzureRefusal, sendAzureRefusal } from "./azure-route";
import { isJsonObject, stringOf, type JsonObject } from "./json-values";
import { answerChat, type IdSource } from "./openai-chat";
import { readChatRequest } from "./openai-chat-request";
import { answerEmbeddings, readEmbeddingsRequest, type EmbeddingsRequest } from "./openai-embeddings";
import { sendOpenAIError } from "./openai-errors";
import { strictSchemaError } from "./openai-strict-schema";
import { startStandIn, type IncomingCall } from "./stand-in-server";
import type { ScriptedError, StandIn, StandInOptions } from "./stand-in-types";

type OpenAIOperation = "chat.completions" | "embeddings";

/** A request that passed the checks; an embeddings request read and counted. */
interface CheckedRequest {
  operation: OpenAIOperation;
  body: JsonObject;
  embeddings?: EmbeddingsRequest;
}


const OPERATIONS: Record<string, OpenAIOperation> = {
  "/v1/chat/completions": "chat.completions",
  "/v1/embeddings": "embeddings",
};

/** Model ids each operation knows; anything else is answered 404 model_not_found. */
const KNOWN_MODELS: Record<OpenAIOperation, RegExp> = {
  "chat.completions": /^(gpt-|chatgpt-|o\d|ft:)/,
  embeddings: /^text-embedding-/,
};

const MISSING_KEY =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
  "(i.e. Authorization: Bearer YOUR_KEY).";
const INVALID_JSON =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library " +
  "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

function counters(): IdSource {
  let completions = 0;
  let toolCalls = 0;
  return { completion: () => (completions += 1), toolCall: () => (toolCalls += 1) };
}

const invalidRequest = (status: number, message: string, code: string | null = null): { error: ScriptedError } => ({
  error: { status, message, code, type: "invalid_request_error" },
});

/** OpenAI's own route: the operation, once the `Authorization: Bearer` key is checked. */
function openAIRoute(call: IncomingCall, apiKey?: string): OpenAIOperation | { error: ScriptedError } {
  const operation = OPERATIONS[call.path];
  if (operation === undefined || call.method !== "POST") return invalidRequest(404, `Invalid URL (${call.method} ${call.path})`);
  const authorization = call.headers.authorization;
  if (apiKey !== undefined && authorization === undefined) return invalidRequest(401, MISSING_KEY);
  if (apiKey !== undefined && authorization !== `Bearer ${apiKey}`) {
    return invalidRequest(401, "Incorrect API key provided.", "invalid_api_key");
  }
  return operation;
}

/**
 * The request, or the error OpenAI (or Azure, on its route) would send before any model work. On
 * the Azure route (`/openai/deployments/<d>/…?api-version=`) the deployment's model takes the
 * place of the body's `model`; the rest is OpenAI's protocol.
 */
function checkRequest(call: IncomingCall, options: StandInOptions): CheckedRequest | { error: ScriptedError } {
  const azure = azureRouteOf(call.path);
  const deploymentModel = azure === undefined ? undefined : azureDeploymentModel(azure, call, options);
  if (typeof deploymentModel === "object") return { error: deploymentModel };
  const operation = azure?.operation ?? openAIRoute(call, options.apiKey);
  if (typeof operation === "object") return operation;
  const body = isJsonObject(call.body) && deploymentModel !== undefined ? { ...call.body, model: deploymentModel } : call.body;
  if (call.bodyIsInvalidJson || !isJsonObject(body)) return invalidRequest(400, INVALID_JSON);
  const model = stringOf(body.model);
  if (model === undefined) return invalidRequest(400, "you must provide a model parameter");
  if (!KNOWN_MODELS[operation].test(model)) {
    return invalidRequest(404, `The model \`${model}\` does not exist or you do not have access to it.`, "model_not_found");
  }
  if (operation === "chat.completions" && (!Array.isArray(body.messages) || body.messages.length === 0)) {
    return invalidRequest(400, "Missing required parameter: 'messages'.");
  }
  const schemaError = operation === "chat.completions" ? strictSchemaError(body) : undefined;
  return schemaError === undefined ? { operation, body } : { error: schemaError };
}

/** The operation and model id a request is recorded with: the Azure deployment of its path, or its body's model. */
function describeCall(call: IncomingCall): { operation: string; modelId?: string } {
  const azure = azureRouteOf(call.path);
  if (azure !== undefined) return { operation: azure.operation, modelId: azure.deployment };
  return { operation: OPERATIONS[call.path] ?? "unknown", modelId: isJsonObject(call.body) ? stringOf(call.body.model) : undefined };
}

/**
 * Starts a stand-in of the OpenAI API on 127.0.0.1 (port 0 = a free port): POST
 * /v1/chat/completions (JSON and SSE) and /v1/embeddings — point clients at `url + "/v1"` — and
 * Azure OpenAI's route to the same protocol, POST /openai/deployments/<deployment>/chat/completions
 * and /embeddings with an `api-version` query and an `api-key` header (or an Entra ID bearer
 * token): point Azure clients at `url` as their endpoint.
 */
export function startOpenAIStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const ids = counters();
  return startStandIn(options, {
    describe: describeCall,
    check: async (call): Promise<CheckedRequest | { error: ScriptedError }> => {
      const request = checkRequest(call, options);
      if ("error" in request || request.operation !== "embeddings") return request;
      const embeddings = await readEmbeddingsRequest(request.body, String(request.body.model));
      return "status" in embeddings ? { error: embeddings } : { ...request, embeddings };
    },
    sendError: (exchange, error) => (isAzureRefusal(error) ? sendAzureRefusal(exchange, error) : sendOpenAIError(exchange, error)),
    answer: async ({ body, embeddings }, script, exchange) => {
      if (embeddings !== undefined) return answerEmbeddings(embeddings, script, exchange);
      await answerChat(readChatRequest(body), script, exchange, ids);
    },
  });
}
