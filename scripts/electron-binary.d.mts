/** Whether a runnable Electron binary is installed, and why not. */
export function findElectronBinary():
  { available: true; path: string } | { available: false; reason: string };
/** The folder of the installed electron package. */
export const ELECTRON_PACKAGE_DIR: string;
