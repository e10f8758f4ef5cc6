/** oxus's version, written into every result's receipt; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
