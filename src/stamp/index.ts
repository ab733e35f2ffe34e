// `stampguard stamp`: the record (info.ts), its formats (formats.ts) and the `stamp` config section.
export { DEFAULT_GO_PACKAGE, GO_VARIABLES } from './config.js';
export {
  envValue,
  formatFromFile,
  type GoStamp,
  goValues,
  jsonText,
  ldflags,
  renderStamp,
  STAMP_FORMATS,
  type StampFormat,
} from './formats.js';
export { buildDate, type VersionInfoFile, versionInfo } from './info.js';
