/** The parts of Azurite's table service that the embedded store runs in-process (azurite ships no types). */
declare module 'azurite/dist/src/table/TableServer' {
  export default class TableServer {
    constructor(configuration: unknown);
    start(): Promise<void>;
    close(): Promise<void>;
    getHttpServerAddress(): string;
  }
}

declare module 'azurite/dist/src/table/TableConfiguration' {
  export default class TableConfiguration {
    constructor(
      host: string,
      port: number,
      keepAliveTimeout: number,
      metadataDBPath: string,
      enableDebugLog: boolean,
      enableAccessLog: boolean,
      accessLogWriteStream: undefined,
      debugLogFilePath: undefined,
      loose: boolean,
      skipApiVersionCheck: boolean,
      cert: string,
      key: string,
      pwd: string,
      oauth: undefined,
      disableProductStyleUrl: boolean,
      isMemoryPersistence: boolean,
    );
  }
}
