import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';

/**
 * The check providers templates may name: the built-in ones and those other
 * plugins add through the extension point. Ids are unique, so a template's
 * `provider:` always means one thing.
 */
export class CheckProviderRegistry {
  private readonly providers = new Map<string, LaunchGatesCheckProvider<any>>();

  constructor(providers: Iterable<LaunchGatesCheckProvider<any>> = []) {
    this.add(...providers);
  }

  /** Throws, naming the id, when a provider with the same id is registered. */
  add(...providers: Array<LaunchGatesCheckProvider<any>>): void {
    for (const provider of providers) {
      if (typeof provider?.id !== 'string' || provider.id === '') {
        throw new Error('A launch-gates check provider needs a non-empty id');
      }
      if (this.providers.has(provider.id)) {
        throw new Error(
          `A launch-gates check provider with id "${
            provider.id
          }" is already registered (${
            this.providers.get(provider.id)!.title
          }); provider ids must be unique`,
        );
      }
      this.providers.set(provider.id, provider);
    }
  }

  get(id: string): LaunchGatesCheckProvider<any> | undefined {
    return this.providers.get(id);
  }

  /** Every provider, by id. */
  list(): Array<LaunchGatesCheckProvider<any>> {
    return [...this.providers.values()].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
  }

  /** The registered ids, sorted: what error messages list as known. */
  ids(): string[] {
    return this.list().map(p => p.id);
  }
}
