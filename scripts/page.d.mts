// Types of scripts/page.mjs, for the test that checks the generated page module (test/browser/bundle.test.ts).
export declare const PAGE_SOURCES: string;
export declare const PAGE_MODULE: string;
export declare function pageModuleText(): Promise<string>;
export declare function writePageModule(): Promise<string>;
