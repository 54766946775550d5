// The part of PouchDB's API class sync uses, typed here rather than with @types/pouchdb-*: those declare a
// global `Buffer` that breaks Node's own types in the tests and scripts.
declare namespace PouchDB {
  namespace Core {
    interface IdMeta {
      _id: string;
    }
    interface RevisionIdMeta {
      _rev: string;
    }
    type Document<Content extends object> = Content & IdMeta;
    type ExistingDocument<Content extends object> = Document<Content> & RevisionIdMeta;
    interface Response {
      ok: boolean;
      id: string;
      rev: string;
    }
    interface AllDocsOptions {
      include_docs?: boolean;
      conflicts?: boolean;
      startkey?: string;
      endkey?: string;
      keys?: string[];
    }
    interface AllDocsResponse<Content extends object> {
      total_rows: number;
      rows: { id: string; key: string; value: { rev: string; deleted?: boolean }; doc?: ExistingDocument<Content> }[];
    }
  }

  namespace Configuration {
    interface DatabaseConfiguration {
      adapter?: string;
      prefix?: string;
      auto_compaction?: boolean;
    }
    interface RemoteDatabaseConfiguration extends DatabaseConfiguration {
      skip_setup?: boolean;
      auth?: { username: string; password: string };
    }
  }

  namespace Replication {
    interface ReplicateOptions<Content extends object> {
      live?: boolean;
      retry?: boolean;
      batch_size?: number;
      back_off_function?(delay: number): number;
      filter?(doc: Core.Document<Content>): boolean;
    }
    interface ReplicationChange<Content extends object> {
      docs: Core.ExistingDocument<Content>[];
      docs_written: number;
    }
    interface Replication<Content extends object> extends PromiseLike<unknown> {
      on(event: 'change', listener: (info: ReplicationChange<Content>) => void): this;
      on(event: 'active' | 'complete', listener: () => void): this;
      on(event: 'paused' | 'denied' | 'error', listener: (error?: unknown) => void): this;
      cancel(): void;
    }
  }

  interface Database<Content extends object = object> {
    allDocs(options?: Core.AllDocsOptions): Promise<Core.AllDocsResponse<Content>>;
    get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<Core.ExistingDocument<Content>>;
    put(doc: Core.Document<Content> & Partial<Core.RevisionIdMeta>): Promise<Core.Response>;
    bulkDocs(docs: (Core.Document<Content> & Partial<Core.RevisionIdMeta>)[]): Promise<unknown[]>;
    info(): Promise<{ db_name: string; doc_count: number }>;
    replicate: {
      to(target: Database<Content>, options?: Replication.ReplicateOptions<Content>): Replication.Replication<Content>;
      from(
        source: Database<Content>,
        options?: Replication.ReplicateOptions<Content>,
      ): Replication.Replication<Content>;
    };
    close(): Promise<void>;
    destroy(): Promise<void>;
  }

  interface Static {
    new <Content extends object = object>(
      name: string,
      options?: Configuration.RemoteDatabaseConfiguration,
    ): Database<Content>;
    plugin(plugin: unknown): Static;
    defaults(options: Configuration.DatabaseConfiguration): Static;
  }
}

declare module 'pouchdb-browser' {
  const PouchDB: PouchDB.Static;
  export default PouchDB;
}
