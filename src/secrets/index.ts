export { resolveSecret, clearSecretCache, type ResolveSecretOptions } from "./resolve-secret";
