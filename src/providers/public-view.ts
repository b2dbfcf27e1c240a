/** What a provider or chat model shows of itself: never its SDK client, which holds the resolved credentials. */
export interface ProviderView {
  provider: string;
  model: string;
}

/** A provider's `toJSON` value. */
export function providerView(provider: ProviderView): ProviderView {
  return { provider: provider.provider, model: provider.model };
}

/**
 * The `util.inspect` text of a provider or chat model: `OpenAIProvider { provider: 'openai', model: 'gpt-4o' }`.
 * `name` is the class name shown (default: the object's own).
 */
export function describeProvider(view: ProviderView, name: string = view.constructor.name): string {
  return `${name} { provider: '${view.provider}', model: '${view.model}' }`;
}
