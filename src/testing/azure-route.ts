import type { HttpExchange } from "./http-exchange";
import type { IncomingCall } from "./stand-in-server";
import type { ScriptedError, StandInOptions } from "./stand-in-types";

/** An Azure OpenAI data-plane path: `/openai/deployments/<deployment>/chat/completions` or `/embeddings`. */
const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/;

/** What an Azure path asks for. */
export interface AzureRoute {
  deployment: string;
  operation: "chat.completions" | "embeddings";
}

/** An error Azure sends before any model work, in its own shape (`{ error: { code, message } }`), not OpenAI's. */
export interface AzureRefusal extends ScriptedError {
  code: string;
  message: string;
  shape: "azure";
}

/** Whether an error is to be sent in Azure's shape. */
export function isAzureRefusal(error: ScriptedError): error is AzureRefusal {
  return (error as Partial<AzureRefusal>).shape === "azure";
}

const ACCESS_DENIED =
  "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.";
const DEPLOYMENT_NOT_FOUND = "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.";

/** The Azure route of a path, if it is one. */
export function azureRouteOf(path: string): AzureRoute | undefined {
  const match = AZURE_PATH.exec(path);
  if (match === null) return undefined;
  return { deployment: decodeURIComponent(match[1]!), operation: match[2] === "embeddings" ? "embeddings" : "chat.completions" };
}

/** Whether the request authenticates as the options ask: the `api-key` header, or an Entra ID bearer token. */
function authenticated(call: IncomingCall, options: StandInOptions): boolean {
  if (options.apiKey === undefined && options.azureADToken === undefined) return true;
  if (options.apiKey !== undefined && call.headers["api-key"] === options.apiKey) return true;
  return options.azureADToken !== undefined && call.headers.authorization === `Bearer ${options.azureADToken}`;
}

/**
 * The model a deployment serves (`azureDeployments`, else the deployment's own name), or the error
 * Azure answers first: 404 without an `api-version`, 401 without the key (or token), 404
 * `DeploymentNotFound` for a deployment the mapping does not list.
 */
export function azureDeploymentModel(route: AzureRoute, call: IncomingCall, options: StandInOptions): string | AzureRefusal {
  if (call.query.get("api-version") === null) return { status: 404, code: "404", message: "Resource not found", shape: "azure" };
  if (!authenticated(call, options)) return { status: 401, code: "401", message: ACCESS_DENIED, shape: "azure" };
  const deployments = options.azureDeployments;
  if (deployments === undefined) return route.deployment;
  if (Object.hasOwn(deployments, route.deployment)) return deployments[route.deployment]!;
  return { status: 404, code: "DeploymentNotFound", message: DEPLOYMENT_NOT_FOUND, shape: "azure" };
}

/** Sends an error in Azure's own shape. */
export function sendAzureRefusal(exchange: HttpExchange, refusal: AzureRefusal): void {
  exchange.send(refusal.status, { "content-type": "application/json", "apim-request-id": "standin" }, JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
}
