/**
 * A `DataverseApi` with no Dataverse behind it: every operation is recorded and refused. Hand it
 * to code that must decide without a request (rule checks, refused input); `calls` shows what it
 * tried anyway.
 */
import type { DataverseApi } from '../../sdk/client/api';
import type { PagedAsyncIterable, WebApiRecord, WhoAmIResponse } from '../../sdk/client/types';

export class OfflineApi implements DataverseApi {
  readonly url = 'https://offline.invalid';
  readonly apiUrl = 'https://offline.invalid/api/data/v9.2/';
  /** The operations called, in order. */
  readonly calls: string[] = [];

  entityUrl(entitySet: string, id: string): string {
    return `${this.apiUrl}${entitySet}(${id})`;
  }

  create(): Promise<WebApiRecord>;
  create(): Promise<string>;
  create(): Promise<WebApiRecord | string> {
    return this.refuse('create');
  }

  retrieve<T>(): Promise<T> {
    return this.refuse('retrieve');
  }

  update(): Promise<WebApiRecord | undefined> {
    return this.refuse('update');
  }

  upsert(): Promise<void> {
    return this.refuse('upsert');
  }

  delete(): Promise<void> {
    return this.refuse('delete');
  }

  list<T>(): PagedAsyncIterable<T> {
    this.calls.push('list');
    const refused = (): AsyncIterator<never> => ({
      next: () => Promise.reject(new Error('OfflineApi: unexpected list')),
    });
    return { [Symbol.asyncIterator]: refused, byPage: () => ({ [Symbol.asyncIterator]: refused }) };
  }

  count(): Promise<number> {
    return this.refuse('count');
  }

  associate(): Promise<void> {
    return this.refuse('associate');
  }

  disassociate(): Promise<void> {
    return this.refuse('disassociate');
  }

  callAction<T>(): Promise<T> {
    return this.refuse('callAction');
  }

  callFunction<T>(): Promise<T> {
    return this.refuse('callFunction');
  }

  createMultiple(): Promise<string[]> {
    return this.refuse('createMultiple');
  }

  updateMultiple(): Promise<void> {
    return this.refuse('updateMultiple');
  }

  whoAmI(): Promise<WhoAmIResponse> {
    return this.refuse('whoAmI');
  }

  batch(): Promise<never> {
    return this.refuse('batch');
  }

  private async refuse(operation: string): Promise<never> {
    this.calls.push(operation);
    throw new Error(`OfflineApi: unexpected ${operation}`);
  }
}
