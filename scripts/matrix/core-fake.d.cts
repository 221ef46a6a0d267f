/** The key the core fake accepts (`Authorization: Bearer smoke-key`). */
export declare const CORE_FAKE_KEY: string;
/** Starts the fake on 127.0.0.1 (port 0). */
export declare function startCoreFake(): Promise<{ url: string; close(): Promise<void> }>;
