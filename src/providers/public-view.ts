/** What a provider shows of itself: never its SDK client, which holds the resolved credentials. */
export interface ProviderView {
  provider: string;
  model: string;
}

/** A provider's `toJSON` value. */
export function providerView(provider: ProviderView): ProviderView {
  return { provider: provider.provider, model: provider.model };
}

/** A provider's `util.inspect` text: `OpenAIProvider { provider: 'openai', model: 'gpt-4o' }`. */
export function describeProvider(provider: ProviderView): string {
  return `${provider.constructor.name} { provider: '${provider.provider}', model: '${provider.model}' }`;
}
